// Every failure a person meets, caused for real on loopback and classified: scripted rejections
// (535, 535 5.7.139, 550 5.7.30, Gmail's 534 5.7.9, 530, 550 relay, 553 sender, 554 message, 421),
// socket-type mistakes (wrong version number, greeting timeout on a TLS port, STARTTLS missing),
// refused connections, DNS failure, a server trickling its EHLO reply forever, and cancellation.
import { freePort } from '../helpers/ports'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { SendEndpoint, SendRequest } from '@shared/send'
import type { SMTPServerOptions } from 'smtp-server'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { startDns, type RunningDns } from '../helpers/dns-server'
import { makeNamedPki, makeTestPki, type TestPki } from '../helpers/pki'
import { every, onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server'
import { CANARY_PASSWORD, USER, makeRequest, reply, startMailServer, type MailServer } from '../helpers/send-fixtures'

let pki: TestPki
const servers: { close(): Promise<void> }[] = []

beforeAll(async () => {
  pki = await makeTestPki()
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

async function server(kind: 'starttls' | 'ssl' | 'plain', options: Partial<SMTPServerOptions> = {}): Promise<MailServer> {
  const started = await startMailServer({ kind, keyCert: pki.good, options })
  servers.push(started)
  return started
}

function run(endpoint: SendEndpoint, overrides: Partial<SendRequest> = {}, extra: Partial<Parameters<typeof testSend>[0]> = {}): ReturnType<typeof testSend> {
  return testSend({ request: makeRequest(endpoint, overrides), credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [pki.ca], ...extra })
}

describe('scripted rejections', () => {
  it('535: wrong password', async () => {
    const s = await server('starttls')
    const result = await testSend({ request: makeRequest(s.endpoint), credentials: suppliedPassword(USER, 'not-the-password'), ca: [pki.ca] })
    expect(result.problem).toMatchObject({ code: 'auth-failed', stage: 'auth', responseCode: 535 })
    expect(result.problem?.command).toMatch(/^AUTH (PLAIN|LOGIN)$/)
  })

  it.each([
    [535, '5.7.139 Authentication unsuccessful, basic authentication is disabled. [AM0PR01CA0001.eurprd01.prod.outlook.com]'],
    [550, '5.7.30 Basic authentication is not supported for Client Submission.'],
  ])('Microsoft %i: password sign-in switched off by the provider', async (code, text) => {
    const s = await server('starttls', { onAuth: (_a, _s, cb) => cb(reply(code, text)) })
    const result = await run(s.endpoint)
    expect(result.problem).toMatchObject({ code: 'basic-auth-disabled', stage: 'auth', responseCode: code })
    expect(result.problem?.advice).toMatch(/OAuth2/)
  })

  it("Gmail 534 5.7.9: an app password is required", async () => {
    const s = await server('ssl', {
      onAuth: (_a, _s, cb) => cb(reply(534, '5.7.9 Application-specific password required. For more information, go to https://support.google.com/mail/?p=InvalidSecondFactor')),
    })
    const result = await run(s.endpoint)
    expect(result.problem).toMatchObject({ code: 'app-password-required', responseCode: 534 })
    expect(result.problem?.advice).toMatch(/app password/)
  })

  it('530 at MAIL FROM: authentication required', async () => {
    const s = await server('starttls', { onMailFrom: (_a, _s, cb) => cb(reply(530, '5.7.0 Authentication required')) })
    const result = await run(s.endpoint)
    expect(result.problem).toMatchObject({ code: 'auth-required', stage: 'envelope', responseCode: 530, command: 'MAIL FROM' })
  })

  it('553 at MAIL FROM: sender denied', async () => {
    const s = await server('starttls', { onMailFrom: (_a, _s, cb) => cb(reply(553, '5.7.1 Sender address rejected: not owned by user')) })
    const result = await run(s.endpoint)
    expect(result.problem).toMatchObject({ code: 'sender-denied', stage: 'envelope', responseCode: 553 })
  })

  it('550 at RCPT TO: relaying denied (check and send alike)', async () => {
    const s = await server('starttls', { onRcptTo: (_a, _s, cb) => cb(reply(550, '5.7.1 Relaying denied')) })
    const check = await run(s.endpoint)
    expect(check.problem).toMatchObject({ code: 'relay-denied', stage: 'envelope', responseCode: 550, command: 'RCPT TO' })
    const send = await run(s.endpoint, { mode: 'send' })
    expect(send.problem).toMatchObject({ code: 'relay-denied', stage: 'data', responseCode: 550 })
    expect(s.received).toHaveLength(0)
  })

  it('554 after DATA: the message itself is refused', async () => {
    const s = await server('ssl', {
      onData: (stream, _s, cb) => {
        stream.resume()
        stream.on('end', () => cb(reply(554, '5.7.1 Message rejected as spam')))
      },
    })
    const result = await run(s.endpoint, { mode: 'send' })
    expect(result.problem).toMatchObject({ code: 'message-rejected', stage: 'data', responseCode: 554 })
  })

  it('421 at the greeting: server busy', async () => {
    const s = await server('starttls', { onConnect: (_s, cb) => cb(reply(421, '4.7.0 Too many connections, try again later')) })
    const result = await run(s.endpoint)
    expect(result.problem).toMatchObject({ code: 'server-busy', stage: 'connect', responseCode: 421 })
    expect(result.smtp.signedIn).toBe(false)
  })
})

describe('socket-type mistakes', () => {
  it('SSL on a STARTTLS port: "wrong version number", named and explained', async () => {
    const s = await server('starttls')
    const result = await run({ ...s.endpoint, socket: 'SSL' })
    expect(result.problem).toMatchObject({ code: 'tls-on-starttls-port', stage: 'connect' })
    expect(result.problem?.detail).toMatch(/ERR_SSL_WRONG_VERSION_NUMBER/)
    expect(s.auths).toHaveLength(0)
  })

  it('STARTTLS on an implicit-TLS port: the greeting never comes; a follow-up handshake proves it is a TLS port', async () => {
    const s = await server('ssl')
    const result = await run({ ...s.endpoint, socket: 'STARTTLS' }, {}, { smtpTimeouts: { greeting: 400, connect: 5000 } })
    expect(result.problem).toMatchObject({ code: 'plaintext-on-tls-port', stage: 'connect' })
    expect(result.problem?.advice).toMatch(/a TLS handshake there works/)
  })

  it('STARTTLS required but not offered: stops before AUTH', async () => {
    const s = await server('plain')
    const result = await run({ ...s.endpoint, socket: 'STARTTLS' })
    expect(result.problem).toMatchObject({ code: 'starttls-missing', stage: 'connect' })
    expect(s.auths).toHaveLength(0)
  })

  it('the port/socket convention is checked up front (465 with STARTTLS)', async () => {
    const result = await run({ host: '127.0.0.1', port: 465, socket: 'STARTTLS' }, {}, { smtpTimeouts: { connect: 2000 } })
    expect(result.warnings.join(' ')).toMatch(/465 normally speaks TLS from the first byte/)
  })
})

describe('the network', () => {
  it('a refused connection points to the port check', async () => {
    // A port nothing listens on any more: the kernel refuses at once.
    const port = await freePort()
    const result = await run({ host: '127.0.0.1', port, socket: 'SSL' })
    expect(result.problem).toMatchObject({ code: 'connection-refused', stage: 'connect', seeAlso: 'port25' })
  })

  describe('with a DNS server on loopback', () => {
    let dns: RunningDns
    let named: MailServer
    let namedCa: string
    beforeAll(async () => {
      dns = await startDns({ a: { 'smtp.example.test': ['127.0.0.1'] } })
      const namedPki = await makeNamedPki(['smtp.example.test'])
      namedCa = namedPki.ca
      named = await startMailServer({ kind: 'ssl', keyCert: namedPki.leaf })
    })
    afterAll(async () => {
      await Promise.all([dns?.close(), named?.close()])
    })

    it('resolves the host name itself and checks the certificate against that name', async () => {
      const result = await testSend({
        request: makeRequest({ host: 'smtp.example.test', port: named.port, socket: 'SSL' }),
        credentials: suppliedPassword(USER, CANARY_PASSWORD),
        ca: [namedCa],
        dnsServer: dns.server,
      })
      expect(result.problem).toBeNull()
      expect(result.smtp.connectedAddress).toBe('127.0.0.1')
      expect(result.smtp.tls?.certificate?.subjectAltNames).toContain('smtp.example.test')
    })

    it('an unknown host name is a DNS failure', async () => {
      const result = await testSend({
        request: makeRequest({ host: 'nowhere.example.test', port: 465, socket: 'SSL' }),
        credentials: suppliedPassword(USER, CANARY_PASSWORD),
        dnsServer: dns.server,
      })
      expect(result.problem).toMatchObject({ code: 'dns-failed', stage: 'resolve' })
    })
  })
})

describe("ClearPort's own wall-clock deadline", () => {
  let trickle: ScriptedServer
  // Every connection, with whether it got as far as EHLO (the reachability connect does not).
  const sessions: { closed: boolean; ehlo: boolean }[] = []
  const since = (before: number): { closed: boolean; ehlo: boolean }[] => sessions.slice(before)
  beforeAll(async () => {
    // Greets, then answers EHLO with continuation lines forever: each line arrives well inside
    // nodemailer's idle timer, so only a wall-clock deadline ends it (field-notes.md).
    trickle = await startScriptedServer((socket, timers) => {
      const session = { closed: false, ehlo: false }
      sessions.push(session)
      socket.on('close', () => (session.closed = true))
      socket.write('220 trickle.example.test ESMTP\r\n')
      onLines(socket, (line) => {
        if (/^EHLO/i.test(line)) session.ehlo = true
        if (/^EHLO/i.test(line)) every(socket, timers, 50, () => socket.write(`250-${'x'.repeat(60)}\r\n`))
      })
    })
    servers.push(trickle)
  })

  it('ends a trickled EHLO reply and closes the connection', async () => {
    const before = sessions.length
    const result = await run({ host: '127.0.0.1', port: trickle.port, socket: 'STARTTLS' }, {}, { smtpTimeouts: { connect: 1200, greeting: 1000 } })
    expect(result.problem).toMatchObject({ code: 'deadline', stage: 'connect' })
    expect(result.problem?.title).toMatch(/1200 ms/)
    expect(since(before).filter((s) => s.ehlo)).toHaveLength(1)
    await vi.waitFor(() => expect(since(before).every((s) => s.closed)).toBe(true))
  })

  it('cancelling mid-conversation rejects with AbortError and closes the connection', async () => {
    const before = sessions.length
    const controller = new AbortController()
    const running = run({ host: '127.0.0.1', port: trickle.port, socket: 'STARTTLS' }, {}, { signal: controller.signal })
    // Cancel once the conversation is under way (the trickle has begun), not after a fixed sleep.
    await vi.waitFor(() => expect(since(before).some((s) => s.ehlo)).toBe(true))
    controller.abort()
    await expect(running).rejects.toMatchObject({ name: 'AbortError' })
    await vi.waitFor(() => expect(since(before).every((s) => s.closed)).toBe(true))
  })
})
