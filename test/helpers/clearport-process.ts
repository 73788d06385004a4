// Run the built `clearport` command as a person does: a real process, stdin piped or closed,
// its own environment, its own working directory; collect exit code, stdout and stderr.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')
export const clearportBin = join(root, 'bin', 'clearport.js')

export function builtCliMissing(): string | null {
  return existsSync(join(root, 'out', 'main', 'cli.js')) ? null : 'out/main/cli.js is missing: run `npm run build` first (npm test does)'
}

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** Written to stdin, which is then closed. Absent: stdin is /dev/null (as in CI). */
  input?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
  timeoutMs?: number
}

export function runClearport(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [clearportBin, ...args], {
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, ...options.env },
      cwd: options.cwd ?? root,
    })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    if (options.input !== undefined) child.stdin?.end(options.input)
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
