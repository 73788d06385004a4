// The lab's server process: servers.ts under tsx inside the server namespace, with a deadline to
// become ready and one to stop.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './exec'
import { NET_NS } from './topology'

const SERVERS_SCRIPT = join(import.meta.dirname, 'servers.ts')
const SERVERS_READY_DEADLINE_MS = 15_000
const SERVERS_STOP_DEADLINE_MS = 3_000

/** Starts lab/servers.ts in the server namespace and waits for its READY line. */
export function startServers(configPath: string): Promise<ChildProcess> {
  const child = spawn(
    'ip',
    ['netns', 'exec', NET_NS, process.execPath, '--import', 'tsx', SERVERS_SCRIPT, configPath, '--stdin-lifeline'],
    // cwd: `--import tsx` resolves from here. stdin stays open as the servers' lifeline.
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-4000)
  })
  return new Promise((resolveReady, reject) => {
    let stdout = ''
    const fail = (why: string): void => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`lab servers ${why}: ${stderr.trim()}`))
    }
    const timer = setTimeout(() => fail(`not ready within ${SERVERS_READY_DEADLINE_MS} ms`), SERVERS_READY_DEADLINE_MS)
    const onData = (b: Buffer): void => {
      stdout += b.toString('utf8')
      if (!/^READY$/m.test(stdout)) return
      clearTimeout(timer)
      child.off('exit', onExit)
      child.stdout?.off('data', onData)
      child.stdout?.resume()
      // A crash mid-run would otherwise surface only as puzzling probe failures.
      child.once('exit', (code) => {
        if (code) process.stderr.write(`lab servers crashed (exit ${code}): ${stderr.trim()}\n`)
      })
      resolveReady(child)
    }
    const onExit = (code: number | null, signal: string | null): void => fail(`exited (${code ?? signal})`)
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
    child.once('error', (e) => fail(`could not start (${e.message})`))
  })
}

export function stopServers(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), SERVERS_STOP_DEADLINE_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      done()
    })
    child.kill('SIGTERM')
  })
}
