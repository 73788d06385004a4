// The report: verdict, evidence and advice; the ISP message for blocked / intercepted / stripped;
// discovery with provenance; the test send with timings; and a transcript with credentials removed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderExport, sendForReport, sendReportParts, type ReportParts } from '@shared/export/index'
import { ispMessage } from '@shared/export/isp-message'
import { REDACTED, redactTranscript } from '@shared/export/redact'
import type { DiscoveryReport } from '@shared/discovery'
import type { Port25Report, TranscriptLine } from '@shared/model'
import type { SendResult } from '@shared/send'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'export')
const report = JSON.parse(readFileSync(join(fixtures, 'report.json'), 'utf8')) as Required<Pick<ReportParts, 'port25' | 'send' | 'transcript'>>
const port25 = report.port25

describe('the message for the Internet provider', () => {
  it.each([
    ['blocked', 'timeout', /get no answer.*Is outbound port 25 filtered/s],
    ['blocked', 'reset', /are refused/],
    ['intercepted', null, /same greeting: "220 relay\.isp\.test ESMTP <Postfix> \| `x`".*redirect outbound port 25/s],
    ['stripped', null, /STARTTLS\) is missing/],
  ] as const)('%s (%s)', (verdict, how, text) => {
    const message = ispMessage({ ...port25, verdict, how })
    expect(message).toMatch(text)
    expect(message).toMatch(/ports 587, 465 worked/)
  })

  it.each(['open', 'offline', 'inconclusive'] as const)('none for %s', async (verdict) => {
    expect(ispMessage({ ...port25, verdict })).toBeNull()
    const md = (await renderExport('markdown', { report: { port25: { ...port25, verdict } } })).text
    expect(md).not.toContain('A message for your Internet provider')
  })

  it('a hostile banner reaches the message only in printable form', () => {
    const hostile: Port25Report = { ...port25, probes: port25.probes.map((p) => ({ ...p, banner: '220 evil\u001b[31m\r\nX' })) }
    const message = ispMessage(hostile) ?? ''
    expect(message).toContain('220 evil\\x1b[31m X')
    expect(message).not.toContain('\u001b')
  })
})

describe('the report document', () => {
  it('markdown and html carry the verdict, evidence, advice, send timings and ISP text', async () => {
    for (const format of ['markdown', 'html'] as const) {
      const text = (await renderExport(format, { report })).text
      expect(text).toContain('Verdict: Intercepted')
      expect(text).toContain('Use port 465 or 587 to send.')
      expect(text).toContain('mx.b.test')
      expect(text).toContain('198.51.100.20')
      expect(text).toContain('A message for your Internet provider')
      expect(text).toContain('410 ms')
      expect(text).toContain('645 ms in all')
    }
  })

  it('html is one standalone page: no script, nothing loaded from elsewhere', async () => {
    const html = (await renderExport('html', { report }, { generatedAt: '2026-01-15T10:00:00Z' })).text
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true)
    expect(html).not.toMatch(/<script|<link|src=|href=/i)
    expect(html).toContain('@media print')
    expect(html).toContain('Made by ClearPort on 2026-01-15T10:00:00Z.')
    // Banner markup is escaped, not interpreted.
    expect(html).toContain('220 relay.isp.test ESMTP &lt;Postfix&gt; | `x`')
    for (const tag of ['table', 'tr', 'td', 'th', 'pre', 'h2', 'p', 'ul', 'li']) {
      expect(html.split(`<${tag}>`).length + html.split(`<${tag} `).length - 1).toBe(html.split(`</${tag}>`).length)
    }
  })

  it('json keeps the parts as data, the transcript redacted', async () => {
    const json = JSON.parse((await renderExport('json', { report })).text)
    expect(json.port25.verdict).toBe('intercepted')
    expect(json.send.steps[3].ms).toBe(410)
    expect(json.transcript[6].text).toBe(REDACTED)
    expect(json.transcript[10].text).toBe('MAIL FROM:<alice@example.test>')
    expect(json.generatedAt).toBeUndefined()
  })

  it('discovery: every server with its check and where it came from', async () => {
    const discovery: DiscoveryReport = {
      address: 'alice@example.test',
      domain: 'example.test',
      asciiDomain: 'example.test',
      incoming: [
        {
          protocol: 'imap', host: 'imap.example.test', port: 993, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%',
          sources: [{ source: 'autoconfig', detail: 'https://autoconfig.example.test/mail/config-v1.1.xml', order: 0 }, { source: 'srv', detail: '_imaps._tcp.example.test', order: 0 }],
          verified: { status: 'ok', summary: 'TLS 1.3, certificate valid', reachable: true, address: '192.0.2.1', attempts: [], banner: '* OK ready', tls: null, certificateValid: true, authMechanisms: ['PLAIN'], passwordLogin: true, capabilities: [], injectedBytes: 0, ms: 52 },
        },
      ],
      outgoing: [
        {
          protocol: 'smtp', host: 'mail.example.test', port: 25, socket: 'STARTTLS', auth: [], username: '%EMAILADDRESS%',
          sources: [{ source: 'guess', detail: 'mail.example.test', order: 3 }],
          verified: { status: 'unreachable', summary: 'dropped (no answer within 900 ms)', reachable: false, address: null, attempts: [], banner: null, tls: null, certificateValid: null, authMechanisms: [], passwordLogin: false, capabilities: [], injectedBytes: 0, ms: 900 },
        },
      ],
      recommended: null,
      untested: [],
      disagreements: [{ protocol: 'imap', about: 'server', message: 'sources name different preferred IMAP servers', claims: [] }],
      sources: [{ source: 'autoconfig', status: 'found', detail: '1 server', found: 1, attempts: [], rejected: [], ms: 80 }],
      notes: ['SRV answers are unauthenticated'],
      port25: null,
      startedAt: '2026-01-15T10:00:00Z',
      elapsedMs: 1500,
    }
    const md = (await renderExport('markdown', { report: { discovery } })).text
    expect(md).toContain('| IMAP | imap.example.test:993 | SSL | ok: TLS 1.3, certificate valid | autoconfig (HTTPS) — https://autoconfig.example.test/mail/config-v1.1.xml; DNS SRV (RFC 6186/8314, unauthenticated DNS) — \\_imaps.\\_tcp.example.test | 52 ms |')
    expect(md).toContain('unreachable: dropped (no answer within 900 ms)')
    expect(md).toContain('guessing common host names')
    expect(md).toContain('sources name different preferred IMAP servers')
    // Discovery results arriving over IPC are checked as strictly as settings.
    await expect(renderExport('json', { report: { discovery: { ...discovery, extra: 1 } as DiscoveryReport } })).rejects.toMatchObject({ field: 'report.discovery.extra' })
  })
})

describe('transcript redaction', () => {
  const line = (dir: TranscriptLine['dir'], text: string, at = 0): TranscriptLine => ({ at, dir, text })

  /**
   * A conversation as a transcript reads: "C:" the client, "S:" the server, and after " → " what
   * the redacted transcript may show instead (no arrow: the line stays as it is).
   */
  const expectRedacted = (conversation: string): void => {
    const lines = conversation.trim().split('\n').map((l) => /^\s*([CS]): (.*?)(?: → (.*))?$/.exec(l)!)
    const out = redactTranscript(lines.map(([, who, text]) => line(who === 'C' ? 'client' : 'server', text!))).map((l) => l.text)
    expect(out).toEqual(lines.map(([, , text, shown]) => shown ?? text))
  }

  it('SMTP AUTH: the mechanism stays, the initial response and every SASL reply go', () => {
    expectRedacted(`
      C: AUTH PLAIN AGFsaWNlAHNlY3JldA== → AUTH PLAIN [redacted]
      S: 235 ok
      C: AUTH LOGIN
      S: 334 VXNlcm5hbWU6
      C: not-base64 but inside the exchange → [redacted]
      S: 334 UGFzc3dvcmQ6
      C: c2VjcmV0 → [redacted]
      S: 535 5.7.8 failed
      C: QUIT`)
  })

  it('IMAP LOGIN and AUTHENTICATE, POP3 PASS and APOP, stray base64 lines', () => {
    expectRedacted(`
      C: a1 LOGIN alice "secret pass" → a1 LOGIN [redacted]
      C: a2 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2tlbgEB → a2 AUTHENTICATE XOAUTH2 [redacted]
      S: a2 OK
      C: USER alice
      C: PASS secret → PASS [redacted]
      C: APOP alice c4c9334bac560ecc979e58001b3e22fb → APOP alice [redacted]
      C: dXNlcj1hbGljZQ== → [redacted]`)
  })

  it('known secrets go from every line, whoever sent it', () => {
    const out = redactTranscript([line('server', '535 wrong password hunter2'), line('info', 'tried hunter2')], ['hunter2'])
    expect(out.map((l) => l.text)).toEqual(['535 wrong password [redacted]', 'tried [redacted]'])
  })
})

describe("test-send's result in the report", () => {
  const result: SendResult = {
    request: {
      address: 'alice@example.test', smtp: { host: 'smtp.example.test', port: 465, socket: 'SSL' }, imap: { host: 'imap.example.test', port: 993, socket: 'SSL' },
      username: 'alice@example.test', auth: 'password', mechanism: null, to: 'alice@example.test', mode: 'send', readBack: true, deleteAfter: false, allowPlaintextAuth: false,
    },
    ok: true,
    smtp: { connectedAddress: '192.0.2.5', tls: null, offeredAuth: ['PLAIN'], mechanism: 'PLAIN', signedIn: true, finalReply: '250 2.0.0 Ok: queued', accepted: ['alice@example.test'], rejected: [], token: 't', messageId: '<m@x>', serverMessageId: null },
    readBack: { connectedAddress: '192.0.2.6', tls: null, arrived: true, mailbox: 'Junk', uid: 7, deliveryMs: 1830, pollMs: 500, deleted: false },
    timings: [{ stage: 'connect', ms: 35, ok: true, detail: 'TLS 1.3' }, { stage: 'auth', ms: 120, ok: true, detail: '235 ok' }, { stage: 'imap-search', ms: 2100, ok: true, detail: 'found in Junk' }],
    problem: null,
    warnings: ['The message arrived in Junk.'],
    transcript: [{ at: 0, dir: 'client', text: 'AUTH PLAIN AGFsaWNlAHNlY3JldA==' }],
    startedAt: '2026-01-15T10:00:00Z',
    elapsedMs: 2300,
  }

  it('summary, stage timings, warnings and the redacted transcript', async () => {
    const md = (await renderExport('markdown', { report: sendReportParts(result) })).text
    expect(md).toContain('Sent and checked: Signed in on smtp.example.test:465, sent the test message and found it in Junk after 1830 ms. (2300 ms in all)')
    expect(md).toContain('| Find the message in the mailbox | ok | 2100 ms | found in Junk |')
    expect(md).toContain('- The message arrived in Junk.')
    expect(md).toContain('C: AUTH PLAIN [redacted]')
    expect(md).not.toContain('AGFsaWNlAHNlY3JldA==')
  })

  it('a failure is told by its problem title and advice', () => {
    const failed = sendForReport({ ...result, ok: false, readBack: null, problem: { code: 'auth-failed', service: 'smtp', stage: 'auth', title: 'The server refused the password.', advice: 'Check the password.', response: null, responseCode: 535, command: 'AUTH PLAIN', detail: 'EAUTH', seeAlso: null } })
    expect(failed).toMatchObject({ ok: false, summary: 'The server refused the password.', notes: ['Check the password.', 'The message arrived in Junk.'] })
  })
})
