// The pure halves of the IMAP and POP3 probes: the line assembler with its limits, and the line
// parsers. Hostile input fails with a named limit, never unbounded buffering.
import { describe, expect, it } from 'vitest'
import { LineAssembler, LineLimitError } from '../../electron/engine/mailbox/line-assembler'
import { capabilitiesFromCode, interpretImapCapabilities, parseImapLine } from '../../electron/engine/mailbox/imap-parser'
import { MultilineCollector, Pop3ParseError, interpretCapa, parsePop3Status } from '../../electron/engine/mailbox/pop3-parser'

describe('LineAssembler', () => {
  it('assembles lines across chunks, tolerating bare LF', () => {
    const a = new LineAssembler()
    expect(a.feed(Buffer.from('* OK hel'))).toEqual([])
    expect(a.feed(Buffer.from('lo\r\nsecond\nthi'))).toEqual(['* OK hello', 'second'])
    expect(a.bufferedBytes).toBe(3)
    expect(a.discard()).toBe(3)
    expect(a.feed(Buffer.from('x\r\n'))).toEqual(['x'])
  })

  it('fails on an over-long line, even one that never ends, and stays failed', () => {
    const a = new LineAssembler({ maxLineBytes: 16, maxTotalBytes: 1000 })
    expect(() => a.feed(Buffer.from('x'.repeat(20)))).toThrow(LineLimitError)
    expect(() => a.feed(Buffer.from('\r\n'))).toThrow(/longer than 16 bytes/)
  })

  it('caps the bytes of a whole session (a server trickling endless short lines)', () => {
    const a = new LineAssembler({ maxLineBytes: 100, maxTotalBytes: 50 })
    a.feed(Buffer.from('a\r\n'.repeat(10)))
    expect(() => a.feed(Buffer.from('a\r\n'.repeat(10)))).toThrow(/more than 50 bytes/)
  })
})

describe('IMAP lines', () => {
  it('parses greetings with and without capabilities, tagged results and CAPABILITY', () => {
    expect(parseImapLine('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.')).toEqual({ kind: 'status', tag: '*', status: 'OK', code: 'CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED', text: 'Dovecot ready.' })
    expect(parseImapLine('* BYE too busy')).toMatchObject({ kind: 'status', status: 'BYE' })
    expect(parseImapLine('c1 ok done')).toMatchObject({ kind: 'status', tag: 'c1', status: 'OK' })
    expect(parseImapLine('* CAPABILITY IMAP4rev2 AUTH=PLAIN AUTH=XOAUTH2')).toEqual({ kind: 'capability', capabilities: ['IMAP4rev2', 'AUTH=PLAIN', 'AUTH=XOAUTH2'] })
    expect(parseImapLine('220 smtp.example.test ESMTP')).toEqual({ kind: 'other', text: '220 smtp.example.test ESMTP' })
    expect(capabilitiesFromCode('CAPABILITY IMAP4rev1 SASL-IR')).toEqual(['IMAP4rev1', 'SASL-IR'])
    expect(capabilitiesFromCode('ALERT')).toBeNull()
  })

  it('keeps only atom-shaped capabilities and reads AUTH= and LOGINDISABLED', () => {
    const caps = interpretImapCapabilities(parseImapLine('* CAPABILITY IMAP4rev1 STARTTLS "quoted" {5} LOGINDISABLED AUTH=PLAIN AUTH=').kind === 'capability'
      ? (parseImapLine('* CAPABILITY IMAP4rev1 STARTTLS "quoted" {5} LOGINDISABLED AUTH=PLAIN AUTH=') as { capabilities: string[] }).capabilities
      : [])
    expect(caps).toEqual({ raw: ['IMAP4rev1', 'STARTTLS', 'LOGINDISABLED', 'AUTH=PLAIN', 'AUTH='], imap4rev1: true, imap4rev2: false, startTls: true, loginDisabled: true, auth: ['PLAIN'] })
  })
})

describe('POP3 lines', () => {
  it('parses status lines and refuses anything else', () => {
    expect(parsePop3Status('+OK Dovecot ready.')).toEqual({ ok: true, text: 'Dovecot ready.' })
    expect(parsePop3Status('-ERR nope')).toEqual({ ok: false, text: 'nope' })
    expect(() => parsePop3Status('* OK IMAP here')).toThrow(Pop3ParseError)
  })

  it('collects CAPA until "." with byte-stuffing undone, and caps the line count', () => {
    const c = new MultilineCollector(3)
    expect(c.add('USER')).toBe(false)
    expect(c.add('..dotted')).toBe(false)
    expect(c.add('SASL PLAIN XOAUTH2')).toBe(false)
    expect(c.add('.')).toBe(true)
    expect(c.lines).toEqual(['USER', '.dotted', 'SASL PLAIN XOAUTH2'])
    expect(interpretCapa(['USER', 'STLS', 'SASL PLAIN XOAUTH2', 'IMPLEMENTATION Dovecot'])).toEqual({ raw: ['USER', 'STLS', 'SASL PLAIN XOAUTH2', 'IMPLEMENTATION Dovecot'], stls: true, user: true, sasl: ['PLAIN', 'XOAUTH2'], implementation: 'Dovecot' })
    const small = new MultilineCollector(1)
    small.add('one')
    expect(() => small.add('two')).toThrow(/more than 1 lines/)
  })
})
