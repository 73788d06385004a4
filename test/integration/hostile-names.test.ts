// One server's behaviour, one name (issue 14, items 1, 2, 3, 4 and 6): scripted raw SMTP servers
// on loopback misbehave before sign-in, and `send` (nodemailer under ClearPort's rules) and
// `probe` (ClearPort's own parser) must name each the same way, quickly, never as `internal`,
// `greeting-timeout`, `connection-lost` or `auth-required`.
import type net from 'node:net'
import { describe, expect, it } from 'vitest'
import type { SocketSecurity } from '@shared/model'
import { probeSmtpEndpoint } from '../../electron/engine/endpoint'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { closedAfterAll } from '../helpers/cleanup'
import { onLines, startScriptedServer } from '../helpers/scripted-server'
import { CANARY_PASSWORD, USER, makeRequest } from '../helpers/send-fixtures'

const keep = closedAfterAll()

/** Replies a scripted server gives; `greeting` is written raw on connect. */
interface Script {
  greeting: string
  ehlo?: string
  helo?: string
  starttls?: string
  /** Written right after the STARTTLS reply, in the same write (an injection). */
  afterStarttls?: string
  rset?: string
}

const EHLO_OK = '250-hostile.test\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n'

async function serve(script: Script): Promise<{ port: number; auths: () => number }> {
  let auths = 0
  const server = keep(await startScriptedServer((socket: net.Socket) => {
    socket.write(script.greeting)
    onLines(socket, (line) => {
      const verb = line.split(' ')[0]!.toUpperCase()
      if (verb === 'EHLO') socket.write(script.ehlo ?? EHLO_OK)
      else if (verb === 'HELO') socket.write(script.helo ?? '250 hostile.test\r\n')
      else if (verb === 'STARTTLS') socket.write(`${script.starttls ?? '220 Ready to start TLS\r\n'}${script.afterStarttls ?? ''}`)
      else if (verb === 'AUTH') {
        auths += 1
        socket.write('235 ok\r\n')
      } else if (verb === 'MAIL' || verb === 'RCPT') socket.write('250 ok\r\n')
      else if (verb === 'RSET') socket.write(script.rset ?? '250 ok\r\n')
      else if (verb === 'QUIT') socket.end('221 bye\r\n')
    })
  }))
  return { port: server.port, auths: () => auths }
}

const FAST = { greeting: 1500, ehlo: 1500, starttls: 1500, tls: 1500 }

async function both(script: Script, socket: SocketSecurity = 'STARTTLS', smtpTimeouts = { connect: 5000, greeting: 4000 }): Promise<{ send: string | undefined; probe: string | undefined; sendMs: number; auths: number }> {
  const server = await serve(script)
  const t0 = performance.now()
  const sent = await testSend({
    request: makeRequest({ host: '127.0.0.1', port: server.port, socket }),
    credentials: suppliedPassword(USER, CANARY_PASSWORD),
    smtpTimeouts,
  })
  const sendMs = performance.now() - t0
  const probed = await probeSmtpEndpoint({ host: '127.0.0.1', port: server.port, security: socket, deadlines: FAST, connectTimeoutMs: 2000 })
  return { send: sent.problem?.code, probe: probed.error?.code, sendMs, auths: server.auths() }
}

const GREETED = '220 hostile.test ESMTP\r\n'

/**
 * Each misbehaviour, the step it happens at, and the one name both `send` and `probe` must give it:
 * at connect (items 1 and 6), to EHLO (item 6), to STARTTLS (items 2 and 6).
 */
const MISBEHAVIOURS: [step: 'greeting' | 'ehlo' | 'starttls', name: string, reply: string, code: string][] = [
  ['greeting', '554', '554 5.7.1 No SMTP service here\r\n', 'greeting-refused'],
  ['greeting', '221', '221 closing\r\n', 'greeting-refused'],
  ['greeting', '354', '354 go on\r\n', 'greeting-refused'],
  ['greeting', '500', '500 what\r\n', 'greeting-refused'],
  ['greeting', '501', '501 syntax\r\n', 'greeting-refused'],
  ['greeting', '530', '530 5.7.0 Must issue a STARTTLS command first\r\n', 'greeting-refused'],
  ['greeting', '421', '421 4.7.0 Too busy\r\n', 'server-busy'],
  ['greeting', 'an HTTP server', 'HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html>bad</html>\r\n', 'not-mail-server'],
  ['ehlo', '550', '550 5.7.1 go away\r\n', 'ehlo-refused'],
  ['ehlo', '354', '354 huh\r\n', 'ehlo-refused'],
  ['ehlo', '530 (TLS first)', '530 5.7.0 Must issue a STARTTLS command first\r\n', 'ehlo-refused'],
  ['ehlo', '220', '220 hostile.test\r\n', 'ehlo-refused'],
  ['ehlo', '221', '221 hostile.test\r\n', 'ehlo-refused'],
  ['starttls', '454', '454 4.7.0 TLS not available due to temporary reason\r\n', 'starttls-refused'],
  ['starttls', '530', '530 5.7.0 not now\r\n', 'starttls-refused'],
  ['starttls', '221', '221 bye\r\n', 'starttls-refused'],
  ['starttls', '502', '502 5.5.1 not implemented\r\n', 'starttls-missing'],
]

describe('one name per misbehaviour, for send and probe alike (items 1, 2 and 6)', () => {
  it.each(MISBEHAVIOURS)('%s answered %s', async (step, _name, answer, code) => {
    const script: Script = step === 'greeting' ? { greeting: answer } : { greeting: GREETED, [step]: answer }
    const result = await both(script)
    expect(result).toMatchObject({ send: code, probe: code, auths: 0 })
    // A refusal is an answer, not a wait (nodemailer retries a refused EHLO with HELO: below).
    if (step !== 'ehlo') expect(result.sendMs).toBeLessThan(1500)
    else {
      // Without requireTLS nodemailer retries with HELO on a plain endpoint; the behaviour keeps its name.
      const plain = await both({ ...script, helo: '250 hostile.test\r\n' }, 'plain')
      expect(plain).toMatchObject({ send: code, probe: code, auths: 0 })
    }
  })
})

describe('STARTTLS advice', () => {
  it('the 454 advice speaks of TLS, not of greylisting', async () => {
    const server = await serve({ greeting: GREETED, starttls: '454 4.7.0 TLS not available\r\n' })
    const result = await testSend({ request: makeRequest({ host: '127.0.0.1', port: server.port, socket: 'STARTTLS' }), credentials: suppliedPassword(USER, CANARY_PASSWORD) })
    expect(result.problem?.advice).toMatch(/TLS problem/)
    expect(result.problem?.advice).not.toMatch(/greylisting, a sending limit/)
  })
})

describe('answers past every limit (item 3)', () => {
  it.each([
    ['a 1 MB reply line', { greeting: GREETED, ehlo: `250 ${'x'.repeat(1_048_576)}\r\n` }],
    ['a 100,000-line EHLO reply', { greeting: GREETED, ehlo: `${'250-X\r\n'.repeat(100_000)}250 END\r\n` }],
  ])('%s', async (_name, script) => {
    const result = await both(script)
    expect(result).toMatchObject({ send: 'reply-too-large', probe: 'reply-too-large', auths: 0 })
  })
})

describe('a RSET refused (item 6)', () => {
  it('is named, not "the server closed the connection"', async () => {
    const server = await serve({ greeting: GREETED, ehlo: '250-hostile.test\r\n250 AUTH PLAIN\r\n', rset: '554 no\r\n' })
    const result = await testSend({
      request: makeRequest({ host: '127.0.0.1', port: server.port, socket: 'plain' }, { allowPlaintextAuth: true }),
      credentials: suppliedPassword(USER, CANARY_PASSWORD),
    })
    expect(result.problem).toMatchObject({ code: 'command-refused', stage: 'reset' })
  })
})

describe('bytes injected after "220 Ready to start TLS" (item 4)', () => {
  it('are discarded, never parsed: the outcome is a TLS failure with the injection noted', async () => {
    const server = await serve({ greeting: GREETED, afterStarttls: 'GET / HTTP/1.1\r\n\u0000\u00ff garbage that is not SMTP\r\n' })
    const report = await probeSmtpEndpoint({ host: '127.0.0.1', port: server.port, security: 'STARTTLS', deadlines: { ...FAST, tls: 800 }, connectTimeoutMs: 2000 })
    expect(report.error?.code).toBe('starttls-injection')
    expect(report.error?.message).toMatch(/injected/)
    expect(report.attempts[0]!.note).toMatch(/bytes were injected before TLS and discarded/)
    expect(report.transcript.some((t) => /discarded \d+ bytes/.test(t.text))).toBe(true)
  })

  it('send names it the same way (nodemailer discards them; the handshake then fails)', async () => {
    const result = await both({ greeting: GREETED, afterStarttls: 'GET / HTTP/1.1\r\n\u0000\u00ff not SMTP\r\n' }, 'STARTTLS', { connect: 3000, greeting: 800 })
    expect(result).toMatchObject({ send: 'starttls-injection', probe: 'starttls-injection', auths: 0 })
  })
})
