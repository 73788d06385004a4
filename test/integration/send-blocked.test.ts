// Sign-in through a port this network drops: a real server listens, an nftables rule on loopback
// drops the SYNs to it (the kernel does what a blocking network does). The connect is judged by
// round-trip patience — about a second, not nodemailer's 20 s — and named "could not connect —
// this network seems to block port N". A refusal is named at once; the IMAP read-back the same.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { loopbackFirewallUnavailable, openLoopbackFirewall, type LoopbackFirewall } from '../helpers/loopback-firewall'
import { makeNamedPki } from '../helpers/pki'
import { describeUnless } from '../helpers/skip'
import { CANARY_PASSWORD, USER, makeRequest, startMailServer, type MailServer } from '../helpers/send-fixtures'

const ADDRESS = '127.0.0.71'
describeUnless(loopbackFirewallUnavailable(), 'sign-in through dropped ports', () => {
  let firewall: LoopbackFirewall
  let ca: string
  let smtp: MailServer
  let submission: MailServer
  beforeAll(async () => {
    const pki = await makeNamedPki([ADDRESS])
    ca = pki.ca
    smtp = await startMailServer({ kind: 'ssl', keyCert: pki.leaf, address: ADDRESS })
    submission = await startMailServer({ kind: 'starttls', keyCert: pki.leaf, address: ADDRESS })
    firewall = openLoopbackFirewall()
  })
  afterAll(async () => {
    firewall?.close()
    await smtp?.close()
    await submission?.close()
  })

  it('a dropped submission port: "could not connect", in about a second, before nodemailer is even asked', async () => {
    firewall.set([{ address: ADDRESS, port: smtp.port, action: 'drop' }])
    const result = await testSend({ request: makeRequest(smtp.endpoint), credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [ca] })
    expect(result.ok).toBe(false)
    expect(result.problem).toMatchObject({ code: 'connection-timeout', stage: 'connect', seeAlso: 'port25' })
    expect(result.problem?.title).toMatch(new RegExp(`this network seems to block port ${smtp.port}`))
    expect(result.problem?.detail).toContain('CONNECT_TIMEOUT')
    // Judged by patience (≥ 1 s floor, 4 s before anything answered), never by the 20 s connect budget.
    expect(result.elapsedMs).toBeLessThan(8000)
    expect(smtp.auths).toEqual([])
    // Another port of the same server still works: the rule is the network's, not the server's.
    const other = await testSend({ request: makeRequest(submission.endpoint), credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [ca] })
    expect(other.problem).toBeNull()
    expect(other.ok).toBe(true)
  })

  it('a refused port is named at once, not waited on', async () => {
    firewall.set([{ address: ADDRESS, port: smtp.port, action: 'reject' }])
    const result = await testSend({ request: makeRequest(smtp.endpoint), credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [ca] })
    expect(result.problem).toMatchObject({ code: 'connection-refused', stage: 'connect' })
    expect(result.elapsedMs).toBeLessThan(2000)
  })

  it('a dropped IMAP port during read-back is named as the incoming server’s, after the message was sent', async () => {
    firewall.set([{ address: ADDRESS, port: 993, action: 'drop' }])
    const request = makeRequest(submission.endpoint, { mode: 'send', readBack: true, imap: { host: ADDRESS, port: 993, socket: 'SSL' } })
    const result = await testSend({ request, credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [ca] })
    expect(result.smtp.accepted).toEqual([USER])
    expect(result.problem).toMatchObject({ code: 'connection-timeout', service: 'imap', stage: 'imap-connect' })
    expect(result.problem?.title).toMatch(/this network seems to block port 993/)
  })
})
