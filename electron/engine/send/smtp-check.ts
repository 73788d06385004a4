// The SMTP check without sending: after the sign-in, MAIL FROM and RCPT TO for the person's own
// address, then RSET (RFC 5321 §4.1.1.5) so the server forgets the transaction, then QUIT. It
// proves what a mail program needs — the server takes mail from this account to this address —
// without leaving anything in a mailbox.
import { SmtpStepError, type SmtpSession } from './smtp-session'

export interface EnvelopeCheck {
  mailReply: string
  rcptReply: string
}

/** RFC 6531: a non-ASCII address needs SMTPUTF8 on MAIL FROM, if the server offers it. */
function mailParameters(from: string, to: string, offersUtf8: boolean): string {
  // eslint-disable-next-line no-control-regex
  return offersUtf8 && /[^\x00-\x7f]/.test(from + to) ? ' SMTPUTF8' : ''
}

export async function checkEnvelope(session: SmtpSession, from: string, to: string, offersUtf8: boolean): Promise<EnvelopeCheck> {
  const mail = await session.command(`MAIL FROM:<${from}>${mailParameters(from, to, offersUtf8)}`)
  if (mail.status !== 250) {
    throw new SmtpStepError('the server refused the sender', 'EENVELOPE', 'MAIL FROM', mail.response, mail.status)
  }
  const rcpt = await session.command(`RCPT TO:<${to}>`)
  // 251 "user not local; will forward" is acceptance too (RFC 5321 §3.4).
  if (rcpt.status !== 250 && rcpt.status !== 251) {
    throw new SmtpStepError('the server refused the recipient', 'EENVELOPE', 'RCPT TO', rcpt.response, rcpt.status)
  }
  return { mailReply: mail.response, rcptReply: rcpt.response }
}
