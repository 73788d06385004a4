// Child processes for the lab, each with a hard deadline: a hung `ip`, `nft` or CLI must fail the
// run, never stall it.
import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

/** The repository: the CLI and `--import tsx` are found from here. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  wallMs: number
  /** True when the deadline killed the process. */
  timedOut: boolean
}

export interface RunOptions {
  timeoutMs?: number
  input?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
}

/** Output beyond this is dropped: a runaway child must not eat the test's memory. */
const MAX_CAPTURE_BYTES = 4 * 1024 * 1024

export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let outBytes = 0
    let errBytes = 0
    let timedOut = false
    let spawnError: Error | null = null
    child.stdout.on('data', (b: Buffer) => {
      if ((outBytes += b.length) <= MAX_CAPTURE_BYTES) out.push(b)
    })
    child.stderr.on('data', (b: Buffer) => {
      if ((errBytes += b.length) <= MAX_CAPTURE_BYTES) err.push(b)
    })
    // EPIPE when the child exits before reading its input is not our failure to report.
    child.stdin.on('error', () => {})
    child.stdin.end(opts.input ?? '')
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, opts.timeoutMs ?? 10_000)
    child.on('error', (e) => {
      spawnError = e
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const stderr = Buffer.concat(err).toString('utf8')
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: spawnError ? `${stderr}${String(spawnError)}` : stderr,
        wallMs: Math.round(performance.now() - started),
        timedOut,
      })
    })
  })
}

/** Runs a command and throws, with its stderr, unless it exits 0. */
export async function runOk(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts)
  if (r.code !== 0) {
    const why = r.timedOut ? `timed out after ${opts.timeoutMs ?? 10_000} ms` : `exit ${r.code ?? r.signal}`
    throw new Error(`${cmd} ${args.join(' ')}: ${why}: ${r.stderr.trim()}`)
  }
  return r.stdout
}

/**
 * Synchronous variant for checks and for clean-up in a process 'exit' handler, where nothing
 * asynchronous runs any more.
 */
export function runSync(cmd: string, args: readonly string[], timeoutMs = 5_000): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` }
}
