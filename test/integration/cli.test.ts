// The `clearport` command as a person runs it: a real process, real exit codes, real output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtp, type RunningSmtp } from '../helpers/smtp'
import { expectRefusal, requireBuiltCli, runClearport, type CliRun } from '../helpers/clearport-process'

function runCli(args: string[], timeoutMs = 20_000): Promise<CliRun> {
  return runClearport(args, { timeoutMs, env: process.env })
}

beforeAll(requireBuiltCli)

describe('clearport usage errors', () => {
  it.each([
    [['port25', '--address', 'not-an-address'], /the address "not-an-address" has no "@"/],
    [['probe', 'smtp.example.com', '0'], /port 0 is out of range/],
    [['probe', 'smtp.example.com', '65536'], /port 65536 is out of range/],
    [['probe', 'smtp.example.com', 'twenty-five'], /port "twenty-five" is not a number/],
    [['probe', 'evil\r\nhost', '25'], /contains a line break/],
    // argv cannot carry NUL (the OS forbids it); validate.test.ts covers NUL in the parser.
    [['probe', 'evil\thost', '25'], /control character/],
    [['port25', '--dns-server', 'dns.example.com'], /must be an IP address/],
    [['launch'], /unknown command "launch"/],
  ])('%j → one clear line, exit 2, no stack trace', async (args, message) => {
    expectRefusal(await runCli(args), message)
  })

  it('an unreachable DNS server is named in a one-line error', async () => {
    const { code, stderr } = await runCli(['port25', '--dns-server', '127.0.0.1:9', '--quiet'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/the DNS server 127\.0\.0\.1:9 did not answer/)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  it('--help and --version', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/clearport port25/)
    expect((await runCli(['--version'])).stdout).toMatch(/^clearport \d+\.\d+\.\d+/)
  })
})

describe('clearport probe', () => {
  let server: RunningSmtp
  beforeAll(async () => {
    server = await startSmtp({ kind: 'plain', name: 'cli.test' })
  })
  afterAll(() => server.close())

  it('prints one JSON object with the transcript on stdout, progress on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['probe', '127.0.0.1', String(server.port), '--json'])
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { ok: boolean; attempts: { banner: string }[]; transcript: { dir: string; text: string }[] }
    expect(report.ok).toBe(true)
    expect(report.attempts[0]!.banner).toMatch(/^cli\.test/)
    expect(report.transcript.some((t) => t.dir === 'client' && t.text.startsWith('EHLO ['))).toBe(true)
    expect(stderr).toMatch(/open/)
  })

  it('reads as text for a person', async () => {
    const { stdout } = await runCli(['probe', '127.0.0.1', String(server.port), '--quiet'])
    expect(stdout).toMatch(/OK/)
    expect(stdout).toMatch(/Transcript:/)
    expect(stdout).toMatch(/C: EHLO/)
  })
})
