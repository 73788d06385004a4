// `clearport send` as a person runs it: the secret from a pipe or the environment (never argv),
// exit codes 0 / 1 / 2, text and JSON, discovery's recommendation when no --smtp is given, and the
// Dovecot round trip. Usage errors are one line and never echo a secret.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SendResult } from '@shared/send'
import { SendUsageError, readSecretFromStdin } from '../../electron/cli/send'
import { startDns, type RunningDns } from '../helpers/dns-server'
import { expectRefusal, requireBuiltCli, runClearport } from '../helpers/clearport-process'
import { startDovecot, type RunningDovecot } from '../helpers/dovecot'
import { makeNamedPki, makeTestPki, type TestPki } from '../helpers/pki'
import { CANARY_PASSWORD, CANARY_TOKEN, USER, startMailServer, type MailServer } from '../helpers/send-fixtures'
import { describeUnless, reasonIfFails } from '../helpers/skip'

let pki: TestPki
let dir: string
let caFile: string
let ssl: MailServer
let starttls: MailServer
const env = (): NodeJS.ProcessEnv => ({ NODE_EXTRA_CA_CERTS: caFile })
const spec = (s: MailServer): string => `127.0.0.1:${s.port}:${s.endpoint.socket}`

beforeAll(async () => {
  requireBuiltCli()
  pki = await makeTestPki()
  dir = await mkdtemp(join(tmpdir(), 'clearport-send-cli-'))
  caFile = join(dir, 'ca.pem')
  // The CLI trusts a test CA the way a person's system would: NODE_EXTRA_CA_CERTS, not a flag.
  await writeFile(caFile, pki.ca)
  ;[ssl, starttls] = await Promise.all([startMailServer({ kind: 'ssl', keyCert: pki.good }), startMailServer({ kind: 'starttls', keyCert: pki.good })])
})

afterAll(async () => {
  await Promise.all([ssl?.close(), starttls?.close()])
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('usage', () => {
  it.each([
    [['send', USER, '--password=hunter2-secret'], /--password is not accepted: passwords and tokens never go on the command line/],
    [['send', USER, '--token', 'hunter2-secret'], /--token is not accepted/],
    [['send', USER, '--password-stdin', '--oauth-token-stdin'], /choose either --password-stdin or --oauth-token-stdin/],
    [['send', USER, '--no-send', '--read-back'], /cannot be combined with --no-send/],
    [['send', USER, '--delete-after'], /give --read-back too/],
    [['send', USER, '--read-back', '--to', 'bob@example.test'], /must go to your own address/],
    [['send', USER, '--smtp', 'smtp.example.test:465'], /must look like HOST:PORT:SSL/],
    [['send', USER, '--smtp', 'smtp.example.test:465:TLS1'], /socket type "TLS1" is not SSL, STARTTLS or plain/],
    [['send', USER, '--smtp', 'evil\r\nhost:465:SSL'], /line break/],
    [['send', 'not-an-address'], /has no "@"/],
    [['send', USER, '--format', 'json'], /--format does not apply to "send"/],
  ])('%j → exit 2, one line, no secret echoed', async (args, message) => {
    const run = await runClearport(args)
    expectRefusal(run, message)
    expect(run.stderr).not.toContain('hunter2-secret')
  })

  it('--password-stdin with no stdin at all (CI) is a clear error, not a hang', async () => {
    const { code, stderr } = await runClearport(['send', USER, '--smtp', spec(ssl), '--password-stdin'], { env: env() })
    expect(code).toBe(2)
    expect(stderr).toMatch(/--password-stdin: nothing arrived on stdin \(it was empty or closed\)/)
  })

  it('no secret anywhere: says where to put it', async () => {
    const { code, stderr } = await runClearport(['send', USER, '--smtp', spec(ssl)], { env: env() })
    expect(code).toBe(2)
    expect(stderr).toMatch(/no password: pipe it in with --password-stdin, set CLEARPORT_PASSWORD/)
  })

  it('an open pipe that never delivers ends at the stdin deadline (here shortened)', async () => {
    const stdin = new PassThrough()
    const error = await readSecretFromStdin(stdin, '--password-stdin', new AbortController().signal, 150).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SendUsageError)
    expect((error as Error).message).toMatch(/nothing ended on stdin within 0 s/)
    stdin.destroy()
  })

  it('stdin is read whole, one trailing newline dropped, and bounded in size', async () => {
    const ok = new PassThrough()
    ok.end('pa ss\n')
    await expect(readSecretFromStdin(ok, '--password-stdin', new AbortController().signal)).resolves.toBe('pa ss')
    const huge = new PassThrough()
    huge.end('x'.repeat(20_000))
    await expect(readSecretFromStdin(huge, '--password-stdin', new AbortController().signal)).rejects.toThrow(/more than 16384 bytes/)
  })
})

describe('running', () => {
  it('--no-send with the password on stdin: exit 0, nothing sent, stages on stderr', async () => {
    const before = ssl.received.length
    const { code, stdout, stderr } = await runClearport(['send', USER, '--smtp', spec(ssl), '--no-send', '--password-stdin'], { input: `${CANARY_PASSWORD}\n`, env: env() })
    expect(stderr).toMatch(/smtp auth\s+ok/)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^OK: signed in to 127\.0\.0\.1:\d+ \(SSL\) as alice@example\.test; the server would take mail/)
    expect(stdout).toMatch(/certificate .*verified/)
    expect(ssl.received.length).toBe(before)
  })

  it('sends with CLEARPORT_PASSWORD and prints one JSON object', async () => {
    const { code, stdout } = await runClearport(['send', USER, '--smtp', spec(starttls), '--json', '--quiet'], { env: { ...env(), CLEARPORT_PASSWORD: CANARY_PASSWORD } })
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as SendResult
    expect(result.ok).toBe(true)
    expect(result.smtp.finalReply).toBe('250 Ok: queued as CP1')
    expect(result.smtp.token).toMatch(/^cp/)
  })

  it('XOAUTH2 with the token on stdin', async () => {
    const { code, stdout } = await runClearport(['send', USER, '--smtp', spec(ssl), '--no-send', '--oauth-token-stdin', '--json', '--quiet'], { input: CANARY_TOKEN, env: env() })
    expect(code).toBe(0)
    expect((JSON.parse(stdout) as SendResult).smtp.mechanism).toBe('XOAUTH2')
  })

  it('a classified failure: exit 1 with the reason and advice', async () => {
    const { code, stdout } = await runClearport(['send', USER, '--smtp', spec(ssl), '--no-send', '--password-stdin'], { input: 'wrong', env: env() })
    expect(code).toBe(1)
    expect(stdout).toMatch(/^FAILED \(sign-in and envelope check\): SMTP 127\.0\.0\.1:\d+ \(SSL\) refused the user name or password \(535\)/)
    expect(stdout).toMatch(/Codes: auth-failed; EAUTH/)
  })
})

describe('without --smtp: discovery’s recommendation', () => {
  let dns: RunningDns
  let named: MailServer
  let namedCaFile: string
  beforeAll(async () => {
    // RFC 8314 SRV for submission over TLS: the only source that knows this domain.
    dns = await startDns({
      a: { 'smtp.example.test': ['127.0.0.1'] },
      srv: { '_submissions._tcp.example.test': [{ target: 'smtp.example.test', port: 465 }] },
    })
    const namedPki = await makeNamedPki(['smtp.example.test'])
    namedCaFile = join(dir, 'named-ca.pem')
    await writeFile(namedCaFile, namedPki.ca)
    named = await startMailServer({ kind: 'ssl', keyCert: namedPki.leaf })
  })
  afterAll(async () => {
    await Promise.all([dns?.close(), named?.close()])
  })

  it('discovers smtp.example.test:465 SSL, then proves it', async () => {
    const { code, stdout, stderr } = await runClearport(
      ['send', USER, '--no-send', '--password-stdin', '--dns-server', dns.server, '--ispdb', 'off', '--port-map', `465=${named.port}`],
      { input: CANARY_PASSWORD, env: { NODE_EXTRA_CA_CERTS: namedCaFile }, timeoutMs: 60_000 },
    )
    expect(stderr).toMatch(/asking discovery/)
    expect(stderr).toMatch(new RegExp(`using smtp\\.example\\.test:${named.port} SSL to send`))
    expect(code).toBe(0)
    expect(stdout).toMatch(/^OK: signed in to smtp\.example\.test:\d+ \(SSL\)/)
  }, 60_000)
})

let dovecot: (RunningDovecot & { pki: TestPki }) | null = null
const noDovecot = await reasonIfFails(async () => {
  const p = await makeTestPki()
  dovecot = Object.assign(await startDovecot({ user: USER, password: CANARY_PASSWORD, keyCert: p.good }), { pki: p })
})

describeUnless(noDovecot, 'read-back through the command', () => {
  afterAll(() => dovecot?.close())

  it('--read-back --delete-after: the message arrives in INBOX and is deleted again', async () => {
    const d = dovecot!
    const server = await startMailServer({ kind: 'ssl', keyCert: d.pki.good, deliver: (m) => d.deliver(m.raw) })
    const ca = join(dir, 'dovecot-ca.pem')
    await writeFile(ca, d.pki.ca)
    try {
      const { code, stdout } = await runClearport(
        ['send', USER, '--smtp', `127.0.0.1:${server.port}:SSL`, '--imap', `127.0.0.1:${d.imapsPort}:SSL`, '--read-back', '--delete-after', '--password-stdin'],
        { input: CANARY_PASSWORD, env: { NODE_EXTRA_CA_CERTS: ca } },
      )
      expect(stdout).toMatch(/arrived\s+in INBOX after \d+ ms \(searched every 1000 ms\); deleted again/)
      expect(code).toBe(0)
      expect(await d.messages()).toHaveLength(0)
    } finally {
      await server.close()
    }
  })
})
