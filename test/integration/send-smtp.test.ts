// Sign-in and test-send against real smtp-server listeners on loopback: STARTTLS, implicit TLS and
// plain, AUTH PLAIN / LOGIN / XOAUTH2, the check without sending and the real send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SaslMechanism } from '@shared/send'
import { suppliedAccessToken, suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import type { SendProgress } from '../../electron/engine/send/stages'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { CANARY_PASSWORD, CANARY_TOKEN, USER, makeRequest, startMailServer, type MailServer } from '../helpers/send-fixtures'

let pki: TestPki
let starttls: MailServer
let ssl: MailServer
let plain: MailServer

beforeAll(async () => {
  pki = await makeTestPki()
  ;[starttls, ssl, plain] = await Promise.all([
    startMailServer({ kind: 'starttls', keyCert: pki.good }),
    startMailServer({ kind: 'ssl', keyCert: pki.good }),
    startMailServer({ kind: 'plain' }),
  ])
})

afterAll(async () => {
  await Promise.all([starttls?.close(), ssl?.close(), plain?.close()])
})

const password = (): ReturnType<typeof suppliedPassword> => suppliedPassword(USER, CANARY_PASSWORD)

describe('the check without sending (MAIL FROM + RCPT TO + RSET)', () => {
  it.each(['starttls', 'ssl'] as const)('%s: signs in over verified TLS, accepts the envelope, sends nothing', async (kind) => {
    const server = kind === 'ssl' ? ssl : starttls
    const before = server.received.length
    const events: SendProgress[] = []
    const result = await testSend({ request: makeRequest(server.endpoint), credentials: password(), ca: [pki.ca], onProgress: (e) => events.push(e) })
    expect(result.problem).toBeNull()
    expect(result.ok).toBe(true)
    expect(result.smtp.signedIn).toBe(true)
    expect(result.smtp.tls?.certificate?.verified).toBe(true)
    expect(result.smtp.finalReply).toMatch(/^250/)
    expect(result.timings.map((t) => t.stage)).toEqual(['resolve', 'connect', 'auth', 'envelope', 'reset', 'quit'])
    expect(result.timings.every((t) => t.ok && t.ms >= 0)).toBe(true)
    // Nothing was delivered; the transcript shows the envelope and RSET in the clear, AUTH masked.
    expect(server.received.length).toBe(before)
    const client = result.transcript.filter((l) => l.dir === 'client').map((l) => l.text)
    expect(client).toContain(`MAIL FROM:<${USER}>`)
    expect(client).toContain(`RCPT TO:<${USER}>`)
    expect(client).toContain('RSET')
    expect(client).toContain('QUIT')
    if (kind === 'starttls') expect(client).toContain('STARTTLS')
    // Each stage announced its start and its end.
    expect(events.filter((e) => e.status === 'started').map((e) => e.stage)).toEqual(['resolve', 'connect', 'auth', 'envelope', 'reset', 'quit'])
    expect(events.filter((e) => e.status === 'done')).toHaveLength(6)
  })

  it.each(['PLAIN', 'LOGIN'] as SaslMechanism[])('AUTH %s as the person chose it', async (mechanism) => {
    const result = await testSend({ request: makeRequest(starttls.endpoint, { mechanism }), credentials: password(), ca: [pki.ca] })
    expect(result.ok).toBe(true)
    expect(result.smtp.mechanism).toBe(mechanism)
    expect(starttls.auths.at(-1)).toEqual({ method: mechanism, secure: true })
  })

  it('XOAUTH2 with an access token the person supplies', async () => {
    const result = await testSend({
      request: makeRequest(ssl.endpoint, { auth: 'oauth2', mechanism: 'XOAUTH2' }),
      credentials: suppliedAccessToken(USER, CANARY_TOKEN),
      ca: [pki.ca],
    })
    expect(result.problem).toBeNull()
    expect(result.smtp.mechanism).toBe('XOAUTH2')
    expect(ssl.auths.at(-1)).toEqual({ method: 'XOAUTH2', secure: true })
  })

  it('a refused access token is classified with token advice', async () => {
    const result = await testSend({
      request: makeRequest(ssl.endpoint, { auth: 'oauth2', mechanism: 'XOAUTH2' }),
      credentials: suppliedAccessToken(USER, 'ya29.expired'),
      ca: [pki.ca],
    })
    expect(result.ok).toBe(false)
    expect(result.problem).toMatchObject({ code: 'auth-failed', stage: 'auth', service: 'smtp' })
    expect(result.problem?.advice).toMatch(/token/i)
  })
})

describe('plain endpoints', () => {
  it('refuses to send the password without TLS, and says so', async () => {
    const result = await testSend({ request: makeRequest(plain.endpoint), credentials: password() })
    expect(result.ok).toBe(false)
    expect(result.problem).toMatchObject({ code: 'plaintext-auth-refused', stage: 'auth' })
    expect(plain.auths).toHaveLength(0)
    expect(result.transcript.some((l) => l.dir === 'client' && l.text.startsWith('AUTH'))).toBe(false)
  })

  it('signs in without TLS only when allowed for this one attempt', async () => {
    const result = await testSend({ request: makeRequest(plain.endpoint, { allowPlaintextAuth: true }), credentials: password() })
    expect(result.problem).toBeNull()
    expect(result.smtp.tls).toBeNull()
    expect(plain.auths.at(-1)).toEqual({ method: 'PLAIN', secure: false })
  })
})

describe('the test message', () => {
  it('is sent through nodemailer with a token in the subject and a Message-ID, final reply and timings reported', async () => {
    const before = ssl.received.length
    const result = await testSend({ request: makeRequest(ssl.endpoint, { mode: 'send' }), credentials: password(), ca: [pki.ca] })
    expect(result.problem).toBeNull()
    expect(result.smtp.finalReply).toBe('250 Ok: queued as CP1')
    expect(result.smtp.accepted).toEqual([USER])
    expect(result.smtp.token).toMatch(/^cp[a-z2-9]{18}$/)
    expect(result.timings.map((t) => t.stage)).toEqual(['resolve', 'connect', 'auth', 'data', 'quit'])
    const message = ssl.received[before]
    expect(message?.from).toBe(USER)
    expect(message?.to).toEqual([USER])
    expect(message?.user).toBe(USER)
    expect(message?.raw).toMatch(new RegExp(`^Subject: ClearPort test ${result.smtp.token}\\r?$`, 'm'))
    expect(message?.raw).toContain(`Message-ID: ${result.smtp.messageId}`)
    expect(message?.raw).toMatch(new RegExp(`^X-ClearPort-Token: ${result.smtp.token}\\r?$`, 'im'))
  })

  it('goes to another recipient when the person names one', async () => {
    const before = starttls.received.length
    const result = await testSend({ request: makeRequest(starttls.endpoint, { mode: 'send', to: 'bob@example.test' }), credentials: password(), ca: [pki.ca] })
    expect(result.ok).toBe(true)
    expect(starttls.received[before]?.to).toEqual(['bob@example.test'])
  })
})
