// The IMAP and POP3 capability probes against real servers on loopback: Dovecot (a production
// IMAP server, started with our own config) and scripted servers for STARTTLS injection,
// silence and the wrong protocol. Pre-TLS bytes are discarded, AUTH is read after TLS.
import type net from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { DnsClient } from '../../electron/engine/net/dns'
import { connectTcp } from '../../electron/engine/net/tcp'
import { imapProbe } from '../../electron/engine/mailbox/imap-probe'
import { pop3Probe } from '../../electron/engine/mailbox/pop3-probe'
import { serviceConversation } from '../../electron/engine/probe/conversations'
import { probeEndpoint } from '../../electron/engine/probe/pipeline'
import { Patience } from '../../electron/engine/net/patience'
import { startDovecot, type RunningDovecot } from '../helpers/dovecot'
import { startMailboxServer, type RunningMailbox } from '../helpers/mailbox-server'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server'
import { describeUnless, reasonIfFails } from '../helpers/skip'
import { startSmtp, type RunningSmtp } from '../helpers/smtp'

const pki: TestPki = await makeTestPki()

async function connect(port: number, address = '127.0.0.1'): Promise<net.Socket> {
  const r = await connectTcp(address, port, { giveUp: AbortSignal.timeout(2000) })
  if (!r.socket) throw new Error(`cannot connect to ${address}:${port}: ${r.outcome}`)
  return r.socket
}

const opts = (mode: 'plain' | 'starttls' | 'implicit') => ({ host: '127.0.0.1', mode, signal: new AbortController().signal, transcript: [], ca: [pki.ca], deadlines: { greeting: 800, reply: 800, tls: 800 } })

describe('IMAP and POP3 probes against scripted servers', () => {
  const servers: (RunningMailbox | ScriptedServer | RunningSmtp)[] = []
  afterAll(async () => {
    for (const s of servers) await s.close()
  })

  it.each(['imap', 'pop3'] as const)('%s STARTTLS: injected bytes after the OK are discarded, capabilities come from the TLS session', async (protocol) => {
    // Sent in the same segment as the STARTTLS/STLS "OK": a man in the middle's forged capabilities.
    const injected = protocol === 'imap' ? '* CAPABILITY IMAP4rev1 AUTH=EVIL\r\n' : '+OK\r\nSASL EVIL\r\n.\r\n'
    const server = await startMailboxServer({ protocol, address: '127.0.0.1', tls: 'starttls', cert: pki.good, injectAfterStartTls: injected })
    servers.push(server)
    const probe = protocol === 'imap' ? imapProbe : pop3Probe
    const r = await probe(await connect(server.port), opts('starttls'))
    expect(r.error).toBeNull()
    expect(r.injectedBytes).toBe(Buffer.byteLength(injected))
    expect(r.capabilitiesBeforeTls?.auth).toEqual([])
    expect(r.capabilitiesBeforeTls?.startTls).toBe(true)
    expect(r.capabilitiesAfterTls?.auth).toEqual(['PLAIN', 'XOAUTH2'])
    expect(r.capabilitiesAfterTls?.auth).not.toContain('EVIL')
    expect(r.tls?.certificate?.verified).toBe(true)
    expect(server.commands.some((c) => c.startsWith('[tls]'))).toBe(true)
  })

  it.each(['imap', 'pop3'] as const)('%s without STARTTLS: reported as unsupported, no upgrade attempted', async (protocol) => {
    const server = await startMailboxServer({ protocol, address: '127.0.0.1', tls: 'none' })
    servers.push(server)
    const r = await (protocol === 'imap' ? imapProbe : pop3Probe)(await connect(server.port), opts('starttls'))
    expect(r.error?.code).toBe('starttls-missing')
    expect(server.commands.some((c) => /STARTTLS|STLS/i.test(c))).toBe(false)
  })

  it('a silent server: greeting timeout with the implicit-TLS hint', async () => {
    const server = await startMailboxServer({ protocol: 'imap', address: '127.0.0.1', tls: 'none', silent: true })
    servers.push(server)
    const r = await imapProbe(await connect(server.port), opts('plain'))
    expect(r.error).toMatchObject({ code: 'greeting-timeout', message: expect.stringMatching(/within 800 ms.*993, 995/) })
  })

  it('an SMTP server on an IMAP or POP3 port: "not an IMAP/POP3 greeting"', async () => {
    const smtp = await startSmtp({ kind: 'plain', name: 'smtp.lab.test' })
    servers.push(smtp)
    expect((await imapProbe(await connect(smtp.port), opts('plain'))).error).toMatchObject({ code: 'not-mail-server', message: expect.stringMatching(/not an IMAP greeting: "220 /) })
    expect((await pop3Probe(await connect(smtp.port), opts('plain'))).error).toMatchObject({ code: 'not-mail-server', message: expect.stringMatching(/not a POP3 greeting/) })
  })

  it('a server sending an endless line is stopped at the line limit', async () => {
    const server = await startScriptedServer((socket) => socket.write(`* OK ${'x'.repeat(20_000)}`))
    servers.push(server)
    const r = await imapProbe(await connect(server.port), opts('plain'))
    expect(r.error).toMatchObject({ code: 'reply-too-large', message: expect.stringMatching(/longer than 8192 bytes/) })
  })

  it('the probe pipeline judges a dropped-looking connect by the patience, not a fixed wait', async () => {
    // Port 9 on loopback is closed: refused at once (a true SYN drop is covered by the network lab).
    const patience = new Patience()
    const r = await probeEndpoint({ host: '127.0.0.1', port: 9, security: 'SSL' }, { dns: new DnsClient(), patience, signal: new AbortController().signal }, serviceConversation('imap', patience))
    expect(r.dnsError).toBeNull()
    expect(r.addresses[0]).toMatchObject({ outcome: 'refused', error: { code: 'refused' } })
  })
})

/** Dovecot: a production IMAP server, our own instance and config (helpers/dovecot.ts). */
// Not 127.0.0.1: Dovecot counts a client on its own address as secure and would show AUTH before TLS.
const DOVECOT_ADDR = '127.0.0.40'
let dovecot: RunningDovecot | undefined
const noDovecot = await reasonIfFails(async () => {
  // The probe never signs in: the account is there only because the fixture always makes one.
  dovecot = await startDovecot({ user: 'nobody@example.test', password: `unused-${Math.random()}`, keyCert: pki.good, address: DOVECOT_ADDR })
})

describeUnless(noDovecot, 'IMAP probe against Dovecot', () => {
  afterAll(() => dovecot?.close())

  it('STARTTLS: LOGINDISABLED before TLS, AUTH=PLAIN only after', async () => {
    // The certificate names localhost: check it against that name while connecting to the address.
    const r = await imapProbe(await connect(dovecot!.imapPort, DOVECOT_ADDR), { ...opts('starttls'), host: 'localhost', deadlines: { greeting: 3000, reply: 3000, tls: 3000 } })
    expect(r.error).toBeNull()
    expect(r.banner).toMatch(/^\* OK/)
    expect(r.capabilitiesBeforeTls).toMatchObject({ startTls: true, auth: [], passwordLogin: false })
    expect(r.capabilitiesAfterTls?.auth).toEqual(expect.arrayContaining(['PLAIN', 'LOGIN']))
    expect(r.tls?.certificate?.verified).toBe(true)
  })

  it('implicit TLS on the imaps port', async () => {
    const patience = new Patience()
    const r = await probeEndpoint({ host: DOVECOT_ADDR, port: dovecot!.imapsPort, security: 'SSL' }, { dns: new DnsClient(), patience, signal: new AbortController().signal, ca: [pki.ca] }, serviceConversation('imap', patience))
    expect(r.dnsError).toBeNull()
    expect(r.addresses[0]?.error).toBeNull()
    expect(r.addresses[0]?.conversation?.capabilitiesBeforeTls?.auth).toEqual(expect.arrayContaining(['PLAIN']))
    // The certificate names localhost and 127.0.0.1, not this address: reported, not hidden.
    expect(r.addresses[0]?.conversation?.tls?.certificate?.verifyError).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match/)
  })
})
