// OAuth2 end to end: nodemailer signs in to smtp-server with an access token, and imapflow reads
// the message back from a real Dovecot whose oauth2 passdb checks the same token at an RFC 7662
// introspection endpoint this test runs on loopback. No password exists anywhere in this test.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { suppliedAccessToken } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { startDovecot, type RunningDovecot } from '../helpers/dovecot'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { CANARY_TOKEN, USER, makeRequest, startMailServer, type MailServer } from '../helpers/send-fixtures'
import { describeUnless, reasonIfFails } from '../helpers/skip'

/** Token introspection (RFC 7662) as Dovecot's oauth2 passdb asks it: POST token=…, JSON back. */
async function startIntrospection(): Promise<{ url: string; asked: string[]; close(): Promise<void> }> {
  const asked: string[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? ''
      asked.push(token === CANARY_TOKEN ? 'the test token' : 'another token')
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(token === CANARY_TOKEN ? { active: true, username: USER } : { active: false }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/introspect`, asked, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

const pki: TestPki = await makeTestPki()
const introspection = await startIntrospection()
let dovecot: RunningDovecot | null = null
const skipReason = await reasonIfFails(async () => {
  // The passwd-file user exists too, with a password nobody here knows: only the token can work.
  dovecot = await startDovecot({ user: USER, password: `unused-${Math.random()}`, keyCert: pki.good, oauth2: { introspectionUrl: introspection.url } })
})

describeUnless(skipReason, 'XOAUTH2 read-back through a real Dovecot', () => {
  let smtp: MailServer
  beforeAll(async () => {
    const d = dovecot!
    smtp = await startMailServer({ kind: 'ssl', keyCert: pki.good, deliver: (m) => d.deliver(m.raw) })
  })
  afterAll(async () => {
    await Promise.all([smtp?.close(), dovecot?.close(), introspection.close()])
  })

  it('signs in to SMTP and IMAP with the access token and finds the message', async () => {
    const d = dovecot!
    const result = await testSend({
      request: makeRequest(smtp.endpoint, { mode: 'send', auth: 'oauth2', readBack: true, imap: { host: '127.0.0.1', port: d.imapsPort, socket: 'SSL' } }),
      credentials: suppliedAccessToken(USER, CANARY_TOKEN),
      ca: [pki.ca],
      pollMs: 200,
    })
    expect(result.problem).toBeNull()
    expect(result.readBack).toMatchObject({ arrived: true, mailbox: 'INBOX' })
    expect(introspection.asked).toContain('the test token')
    // imapflow prefers OAUTHBEARER (RFC 7628) when offered; both carry the same token.
    // Dovecot's log process writes shortly after the login, and no event says when: poll its log (up to 2 s).
    const login = /imap-login: Info: Login: user=<alice@example\.test>, method=(XOAUTH2|OAUTHBEARER)/
    await vi.waitFor(async () => expect(await d.log()).toMatch(login), { timeout: 2_000, interval: 50 })
  })

  it('a token Dovecot does not accept is an IMAP sign-in failure, and the token never shows', async () => {
    const d = dovecot!
    // SMTP takes any token here, so only the IMAP side can say no.
    const lenient = await startMailServer({ kind: 'ssl', keyCert: pki.good, options: { onAuth: (_a, _s, cb) => cb(null, { user: USER }) }, deliver: (m) => d.deliver(m.raw) })
    try {
      const wrong = 'ya29.expired-token-0000'
      const result = await testSend({
        request: makeRequest(lenient.endpoint, { mode: 'send', auth: 'oauth2', readBack: true, imap: { host: '127.0.0.1', port: d.imapsPort, socket: 'SSL' } }),
        credentials: suppliedAccessToken(USER, wrong),
        ca: [pki.ca],
        pollMs: 200,
      })
      expect(result.problem).toMatchObject({ code: 'auth-failed', service: 'imap' })
      expect(introspection.asked).toContain('another token')
      expect(JSON.stringify(result)).not.toContain(wrong)
    } finally {
      await lenient.close()
    }
  })
})
