// Run the built `clearport` command as a person does: a real process, stdin piped or closed,
// its own environment, its own working directory; collect exit code, stdout and stderr.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
export const clearportBin = join(root, 'bin', 'clearport.js')

export function builtCliMissing(): string | null {
  return existsSync(join(root, 'out', 'main', 'cli.js')) ? null : 'out/main/cli.js is missing: run `npm run build` first (npm test does)'
}

/** The built CLI is a prerequisite, not a reason to skip: fail with the fix. */
export function requireBuiltCli(): void {
  const missing = builtCliMissing()
  if (missing) throw new Error(missing)
}

export interface CaFolder {
  dir: string
  /** The CA certificate as a PEM file, for NODE_EXTRA_CA_CERTS (or SSL_CERT_FILE as an OS store). */
  caFile: string
  remove(): Promise<void>
}

/** A suite's scratch folder holding one CA file: the CLI trusts a test CA the way a person's system would, never by a flag. */
export async function caFolder(prefix: string, ca: string, fileName = 'ca.pem'): Promise<CaFolder> {
  const dir = await mkdtemp(join(tmpdir(), `clearport-${prefix}-`))
  const caFile = join(dir, fileName)
  await writeFile(caFile, ca)
  return { dir, caFile, remove: () => rm(dir, { recursive: true, force: true }) }
}

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** One line on stderr and no stack trace: how the CLI states what was wrong. */
export function expectOneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
}

/** A refusal as the CLI must give it: its exit code (2: usage), nothing on stdout, one line naming what was wrong. */
export function expectRefusal(run: CliRun, message: RegExp, exitCode = 2): void {
  expect(run.code).toBe(exitCode)
  expect(run.stdout).toBe('')
  expect(run.stderr).toMatch(message)
  expectOneLine(run.stderr)
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
