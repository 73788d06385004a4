// The real round trip: nodemailer → smtp-server on loopback, which delivers into a Maildir that a
// real Dovecot serves over IMAPS and IMAP+STARTTLS; imapflow signs in, finds the token, reports
// the delivery time, and deletes the message only when asked.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SendRequest } from '@shared/send'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend, type TestSendOptions } from '../../electron/engine/send/run'
import { startDovecot, type RunningDovecot } from '../helpers/dovecot'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { CANARY_PASSWORD, USER, makeRequest, startMailServer, type MailServer } from '../helpers/send-fixtures'
import { describeUnless, reasonIfFails } from '../helpers/skip'

const pki: TestPki = await makeTestPki()
let dovecot: RunningDovecot | null = null
const skipReason = await reasonIfFails(async () => {
  dovecot = await startDovecot({ user: USER, password: CANARY_PASSWORD, keyCert: pki.good })
})

describeUnless(skipReason, 'read-back through a real Dovecot', () => {
  let delivering: MailServer
  let swallowing: MailServer
  beforeAll(async () => {
    const d = dovecot!
    ;[delivering, swallowing] = await Promise.all([
      startMailServer({ kind: 'ssl', keyCert: pki.good, deliver: (m) => d.deliver(m.raw) }),
      // Accepts the message and loses it: the read-back must say so instead of waiting forever.
      startMailServer({ kind: 'starttls', keyCert: pki.good }),
    ])
  })
  afterAll(async () => {
    await Promise.all([delivering?.close(), swallowing?.close(), dovecot?.close()])
  })

  const imaps = (socket: 'SSL' | 'STARTTLS' = 'SSL'): SendRequest['imap'] => ({ host: '127.0.0.1', port: dovecot!.imapsPort, socket })
  const imap = (socket: 'SSL' | 'STARTTLS' = 'STARTTLS'): SendRequest['imap'] => ({ host: '127.0.0.1', port: dovecot!.imapPort, socket })

  /** A test send with read-back as the test account, through `via` (default: delivering into Dovecot), trusting the test CA. */
  const sendAndRead = (
    readFrom: SendRequest['imap'],
    options: { via?: MailServer; request?: Partial<SendRequest>; password?: string; run?: Partial<TestSendOptions> } = {},
  ) =>
    testSend({
      request: makeRequest((options.via ?? delivering).endpoint, { mode: 'send', readBack: true, imap: readFrom, ...options.request }),
      credentials: suppliedPassword(USER, options.password ?? CANARY_PASSWORD),
      ca: [pki.ca],
      pollMs: 200,
      ...options.run,
    })

  it('IMAPS: finds the message by its token and reports the delivery time; keeps it when not asked to delete', async () => {
    const d = dovecot!
    const result = await sendAndRead(imaps())
    expect(result.problem).toBeNull()
    expect(result.readBack).toMatchObject({ arrived: true, mailbox: 'INBOX', deleted: false })
    expect(result.readBack?.tls?.certificate?.verified).toBe(true)
    expect(result.readBack?.deliveryMs).toEqual(expect.any(Number))
    expect(result.timings.map((t) => t.stage)).toEqual(['resolve', 'connect', 'auth', 'data', 'quit', 'imap-resolve', 'imap-connect', 'imap-search', 'imap-logout'])
    expect((await d.messages()).length).toBeGreaterThan(0)
    expect(await d.log()).toMatch(/imap-login: Info: Login: user=<alice@example\.test>, method=PLAIN.*TLS/)
  })

  it('IMAP with STARTTLS: finds it and deletes it when asked', async () => {
    const d = dovecot!
    const before = (await d.messages()).length
    const result = await sendAndRead(imap(), { request: { deleteAfter: true } })
    expect(result.problem).toBeNull()
    expect(result.readBack).toMatchObject({ arrived: true, mailbox: 'INBOX', deleted: true })
    expect(result.timings.map((t) => t.stage)).toContain('imap-delete')
    // The one message this test delivered is gone again; the earlier one is still there.
    expect((await d.messages()).length).toBe(before)
  })

  it('a message that never arrives is reported as not delivered, with SMTP success kept', async () => {
    const result = await sendAndRead(imaps(), { via: swallowing, run: { readBackWaitMs: 800 } })
    expect(result.ok).toBe(false)
    expect(result.smtp.finalReply).toMatch(/^250/)
    expect(result.problem).toMatchObject({ code: 'not-delivered', service: 'imap', stage: 'imap-search' })
    expect(result.readBack?.arrived).toBe(false)
  })

  it('a password Dovecot refuses is an IMAP sign-in failure', async () => {
    const d = dovecot!
    // An SMTP server that takes any password, so only the IMAP side can say no.
    const lenient = await startMailServer({ kind: 'ssl', keyCert: pki.good, options: { onAuth: (_a, _s, cb) => cb(null, { user: USER }) }, deliver: (m) => d.deliver(m.raw) })
    try {
      const result = await sendAndRead(imaps(), { via: lenient, password: 'wrong-for-imap' })
      expect(result.problem).toMatchObject({ code: 'auth-failed', service: 'imap', stage: 'imap-connect' })
      expect(result.problem?.title).toMatch(/IMAP 127\.0\.0\.1/)
    } finally {
      await lenient.close()
    }
  })

  it('an IMAP certificate from an unknown authority stops before LOGIN', async () => {
    const d = dovecot!
    // SMTP in plain text (allowed for this attempt) so that only IMAP meets the untrusted certificate.
    const plainSmtp = await startMailServer({ kind: 'plain', deliver: (m) => d.deliver(m.raw) })
    try {
      const logBefore = (await d.log()).split('\n').filter((l) => /Login: user=/.test(l)).length
      // No test CA: Dovecot's certificate is from an authority this attempt does not know.
      const result = await sendAndRead(imaps(), { via: plainSmtp, request: { allowPlaintextAuth: true }, run: { ca: undefined } })
      expect(result.smtp.finalReply).toMatch(/^250/)
      expect(result.problem).toMatchObject({ code: 'cert-untrusted', service: 'imap', stage: 'imap-connect' })
      expect(result.problem?.advice).toMatch(/issued by "CN=ClearPort Test CA"/)
      expect((await d.log()).split('\n').filter((l) => /Login: user=/.test(l)).length).toBe(logBefore)
    } finally {
      await plainSmtp.close()
    }
  })

  it('STARTTLS against the IMAPS port: no greeting, and the port is proven to speak TLS', async () => {
    const result = await sendAndRead(imaps('STARTTLS'), { run: { imapTimeouts: { greeting: 400, connect: 5000 } } })
    expect(result.problem).toMatchObject({ code: 'plaintext-on-tls-port', service: 'imap', stage: 'imap-connect' })
    expect(result.problem?.advice).toMatch(/a TLS handshake there works/)
  })

  it('SSL against the STARTTLS port is named for IMAP too', async () => {
    const result = await sendAndRead(imap('SSL'))
    expect(result.problem).toMatchObject({ code: 'tls-on-starttls-port', service: 'imap' })
  })
})
