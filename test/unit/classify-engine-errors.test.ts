// `internal` is for ClearPort's own bugs only (issue 14, item 3): every error class the engine
// raises for something a server did, and every code imapflow documents for a server's doing,
// goes through the same path as a real failure (factsFrom → classifySendError) and must come out
// named. ClearPort's own mistakes (a bare TypeError, a library complaining about how it was
// called) must still say `internal`, so this test can fail both ways.
import { describe, expect, it } from 'vitest'
import { ImapFlowErrorCode } from 'imapflow'
import { classifySendError, type SendService } from '@shared/send'
import { DeadlineError } from '../../electron/engine/deadline'
import { MailboxProtocolError } from '../../electron/engine/mailbox/classify'
import { LineLimitError } from '../../electron/engine/mailbox/line-assembler'
import { Pop3ParseError } from '../../electron/engine/mailbox/pop3-parser'
import { DnsError } from '../../electron/engine/net/dns'
import { ConnectionClosedError } from '../../electron/engine/net/framed-connection'
import { TlsHandshakeError } from '../../electron/engine/net/tls'
import { factsFrom } from '../../electron/engine/send/facts'
import { ReadBackError } from '../../electron/engine/send/imap-watch'
import { SmtpStepError } from '../../electron/engine/send/smtp-session'
import { ReplyParseError } from '../../electron/engine/smtp/reply-parser'

const serverCaused: [string, Error][] = [
  ['DeadlineError', new DeadlineError('greeting', 5000)],
  ['DnsError', new DnsError('no such name', 'ENOTFOUND')],
  ['TlsHandshakeError', new TlsHandshakeError('TLS handshake failed: wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER')],
  ['TlsHandshakeError without a code', new TlsHandshakeError('the server closed the connection during the TLS handshake', null)],
  ['ConnectionClosedError', new ConnectionClosedError('the server closed the connection', false)],
  ['ConnectionClosedError (reset)', new ConnectionClosedError('the server reset the connection', true)],
  ['ReplyParseError (malformed)', new ReplyParseError('malformed', 'not an SMTP reply')],
  ['ReplyParseError (too large)', new ReplyParseError('reply-too-large', 'a reply is larger than 65536 bytes')],
  ['ReplyParseError (too many lines)', new ReplyParseError('too-many-lines', 'a reply has more than 200 lines')],
  ['LineLimitError', new LineLimitError('a line is longer than 8192 bytes')],
  ['Pop3ParseError', new Pop3ParseError('not a POP3 reply')],
  ['MailboxProtocolError', new MailboxProtocolError('the server said goodbye', 'greeting-refused')],
  ['MailboxProtocolError without a behaviour', new MailboxProtocolError('more than 50 lines without a result')],
  ['SmtpStepError', new SmtpStepError('the server answered EHLO with 220', 'EPROTOCOL', 'EHLO', '220 hi', 220, 'ehlo-refused')],
  ['SmtpStepError (hang-up)', new SmtpStepError('the server closed the connection', 'ECONNECTION', 'CONN')],
  ['ReadBackError', new ReadBackError("the server's greeting: * BYE", 'CLEARPORT_SERVER', 'greeting-refused')],
  ['ReadBackError (not delivered)', new ReadBackError('did not arrive', 'CLEARPORT_NOT_DELIVERED')],
]

/** imapflow codes that mean ClearPort called imapflow wrongly. */
const IMAPFLOW_MISUSE = new Set(['InstanceReused', 'NoMailboxSelected', 'InvalidSearchQuery', 'InvalidSequenceSet', 'UnsupportedTransportOption', 'ERR_INVALID_URL'])

function classify(error: unknown, service: SendService) {
  const stage = service === 'smtp' ? 'connect' : 'imap-connect'
  return classifySendError(factsFrom(error, { service, stage, host: 'mail.example.test', port: service === 'smtp' ? 587 : 143, socket: 'STARTTLS', auth: 'password' }))
}

describe('every engine error class is named, never internal', () => {
  it.each(serverCaused)('%s', (_name, error) => {
    for (const service of ['smtp', 'imap'] as const) {
      const problem = classify(error, service)
      expect(problem.code, `${service}: ${problem.title}`).not.toBe('internal')
      expect(problem.advice.length).toBeGreaterThan(20)
    }
  })

  it('the limits and refusals keep their behaviour name', () => {
    expect(classify(new ReplyParseError('reply-too-large', 'x'), 'smtp').code).toBe('reply-too-large')
    expect(classify(new LineLimitError('x'), 'imap').code).toBe('reply-too-large')
    expect(classify(new ReadBackError('x', 'CLEARPORT_SERVER', 'preauth-plaintext'), 'imap').code).toBe('preauth-plaintext')
  })

  it.each(Object.values(ImapFlowErrorCode).filter((code) => !IMAPFLOW_MISUSE.has(code)))('imapflow %s', (code) => {
    const error = Object.assign(new Error(`imapflow said ${code}`), { code })
    expect(classify(error, 'imap').code).not.toBe('internal')
  })

  it("ClearPort's own bugs still say internal", () => {
    expect(classify(new TypeError("Cannot read properties of undefined (reading 'x')"), 'smtp').code).toBe('internal')
    for (const code of IMAPFLOW_MISUSE) expect(classify(Object.assign(new Error(code), { code }), 'imap').code, code).toBe('internal')
  })
})
