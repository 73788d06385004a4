// One lab per machine: the namespace names are fixed, and a second startLab would tear down the
// first one's namespaces mid-run (seen: a lab test and `npm test` in another shell at once).
// So a lab holds a pid lock file; a newcomer waits for a live owner and takes over from a dead one.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'

const LOCK_PATH = '/run/clearport-lab.lock'
const POLL_MS = 200

function ownerPid(): number | null {
  try {
    const pid = Number(readFileSync(LOCK_PATH, 'utf8'))
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: alive but not ours to signal.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the lab lock, waiting up to waitMs for a running lab to finish. Returns the release
 * function (synchronous, for exit handlers; it only removes a lock that is still ours).
 * Two newcomers that find the same dead owner at the same instant could both proceed; with
 * labs started by hand or by one test runner that is not worth a kernel lock.
 */
export async function acquireLabLock(waitMs: number): Promise<() => void> {
  const release = (): void => {
    if (ownerPid() === process.pid) rmSync(LOCK_PATH, { force: true })
  }
  const deadline = Date.now() + waitMs
  let unreadable = 0
  for (;;) {
    try {
      writeFileSync(LOCK_PATH, String(process.pid), { flag: 'wx' })
      return release
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const owner = ownerPid()
    // An empty file may be a lock being written this instant: only a lasting one is garbage.
    unreadable = owner === null ? unreadable + 1 : 0
    if ((owner !== null && !isAlive(owner)) || unreadable > 5) {
      rmSync(LOCK_PATH, { force: true })
      continue
    }
    if (Date.now() >= deadline) {
      throw new Error(`another ClearPort lab (pid ${owner ?? '?'}) is running; waited ${waitMs} ms for it`)
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}
