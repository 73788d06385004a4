// `clearport export` as a person runs it: a real process, real files, real exit codes.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { parse as parseIni } from 'ini'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLine, requireBuiltCli, runClearport, type CliRun } from '../helpers/clearport-process'
import { skipNow } from '../helpers/skip'

const root = join(import.meta.dirname, '..', '..')
const fixtures = join(root, 'test', 'fixtures', 'export')
const settings = join(fixtures, 'imap-ssl.json')
const CANARY = 'Canary-Pa55w0rd-7f3e9b'
let dir: string

function runCli(args: string[], timeoutMs = 20_000): Promise<CliRun> {
  return runClearport(args, { timeoutMs, env: process.env })
}

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'clearport-export-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('clearport export', () => {
  it('prints the file on stdout and the placement steps on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['export', 'alice@example.test', '--format', 'thunderbird', '--settings', settings])
    expect(code).toBe(0)
    const doc = new XMLParser({ ignoreAttributes: false }).parse(stdout)
    expect(doc.clientConfig.emailProvider.incomingServer[0].hostname).toBe('imap.example.test')
    // Typed into Thunderbird, or published on the domain; never copied into the program's folder.
    expect(stderr).toContain('"Configure manually"')
    expect(stderr).toContain('https://autoconfig.example.test/mail/config-v1.1.xml')
    expect(stderr).not.toMatch(/Program Files|isp\//)
    expect(stdout).toBe(readFileSync(join(fixtures, 'golden', 'imap-ssl.clientconfig.xml'), 'utf8'))
  })

  it('takes the settings from flags', async () => {
    const { code, stdout } = await runCli(['export', 'bob@example.test', '--format', 'outlook-autodiscover', '--imap', 'imap.example.test:143:STARTTLS', '--smtp', 'smtp.example.test:587:STARTTLS', '-q'])
    expect(code).toBe(0)
    const protocols = new XMLParser().parse(stdout).Autodiscover.Response.Account.Protocol
    expect(protocols.map((p: { Encryption: string }) => p.Encryption)).toEqual(['TLS', 'TLS'])
  })

  it('-o writes the file, refuses to replace it without --force, replaces it with --force, leaves no temporary file', async () => {
    const target = join(dir, 'settings.md')
    const first = await runCli(['export', 'alice@example.test', '--format', 'markdown', '--settings', settings, '-o', target])
    expect(first.code).toBe(0)
    expect(first.stdout).toBe('')
    expect(first.stderr).toContain(`wrote ${target}`)
    expect(readFileSync(target, 'utf8')).toContain('| Incoming (recommended) | IMAP | imap.example.test |')

    writeFileSync(target, 'keep me')
    const refused = await runCli(['export', 'alice@example.test', '--format', 'markdown', '--settings', settings, '-o', target])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/already exists; add --force to replace it/)
    expectOneLine(refused.stderr)
    expect(readFileSync(target, 'utf8')).toBe('keep me')

    const forced = await runCli(['export', 'alice@example.test', '--format', 'markdown', '--settings', settings, '-o', target, '--force', '-q'])
    expect(forced.code).toBe(0)
    expect(readFileSync(target, 'utf8')).toContain('imap.example.test')
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('an Outlook PRF with a non-ASCII name is written as UTF-16LE with a byte-order mark', async () => {
    const target = join(dir, 'idn.prf')
    const { code } = await runCli(['export', 'zoe@bücher.test', '--format', 'outlook-prf', '--settings', join(fixtures, 'idn.json'), '-o', target, '-q'])
    expect(code).toBe(0)
    const bytes = readFileSync(target)
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe])
    const prf = parseIni(bytes.subarray(2).toString('utf16le'))
    expect(prf.Account1.DisplayName).toBe('Zoë Ångström-Łukasz 山田')
    expect(prf.Account1.IMAPServer).toBe('imap.xn--bcher-kva.test')
  })

  it.each([
    [['-o', '/nonexistent-folder/x.xml'], 1, /cannot write "\/nonexistent-folder\/x.xml": the folder does not exist/],
    [['-o', '/'], 1, /cannot write "\/": it is a folder/],
  ])('unwritable %j → one clear line', async (extra, exitCode, message) => {
    const { code, stderr } = await runCli(['export', 'alice@example.test', '--format', 'thunderbird', '--settings', settings, ...extra])
    expect(code).toBe(exitCode)
    expect(stderr).toMatch(message)
    expectOneLine(stderr)
  })

  it('a read-only folder is reported as such', async (context) => {
    // Root writes through permission bits, so this cannot fail for root; say so instead of passing.
    if (process.getuid?.() === 0) return skipNow(context, 'running as root, folder permissions do not apply')
    const locked = mkdtempSync(join(dir, 'locked-'))
    chmodSync(locked, 0o500)
    const { code, stderr } = await runCli(['export', 'alice@example.test', '--format', 'thunderbird', '--settings', settings, '-o', join(locked, 'x.xml')])
    expect(code).toBe(1)
    expect(stderr).toMatch(/permission denied/)
  })

  it('a settings file with a stray password field is refused by field name, and the value never printed', async () => {
    const file = join(dir, 'with-password.json')
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), password: CANARY }))
    const { code, stdout, stderr } = await runCli(['export', 'alice@example.test', '--format', 'apple', '--settings', file])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/invalid at password: is not a known field/)
    expect(stderr).not.toContain(CANARY)
    expectOneLine(stderr)
  })

  it.each([
    ['not JSON', '{', /is not valid JSON/],
    ['another address', JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), address: 'mallory@example.test' }), /is for mallory@example.test, not alice@example.test/],
    ['a CR/LF in a name', JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), displayName: 'A\r\nB' }), /invalid at displayName: contains a line break/],
  ])('a settings file with %s', async (_what, content, message) => {
    const file = join(dir, 'bad.json')
    writeFileSync(file, content)
    const { code, stderr } = await runCli(['export', 'alice@example.test', '--format', 'thunderbird', '--settings', file])
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expectOneLine(stderr)
  })

  it('a port-25 report file goes into the report formats', async () => {
    const file = join(dir, 'port25.json')
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(join(fixtures, 'report.json'), 'utf8')).port25))
    const { code, stdout } = await runCli(['export', 'alice@example.test', '--format', 'html', '--settings', settings, '--port25', file, '-q'])
    expect(code).toBe(0)
    expect(stdout).toContain('Verdict: Intercepted')
    expect(stdout).toContain('A message for your Internet provider')
  })

  it('without settings it asks discovery, and says so plainly when discovery verifies nothing', async () => {
    // A DNS server that refuses (nothing listens on 127.0.0.1:9): every source finds nothing, fast.
    const { code, stdout, stderr } = await runCli(['export', 'alice@nothing.test', '--format', 'thunderbird', '--dns-server', '127.0.0.1:9', '--ispdb', 'off', '-q'])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/discovery verified no settings for alice@nothing.test; pass --settings FILE or --imap\/--pop3 and --smtp/)
    expectOneLine(stderr)
  })
})
