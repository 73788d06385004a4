// The test message: built by nodemailer's MailComposer (headers, encoding, Date, Message-ID),
// sent over the signed-in session. A unique token in the subject and in its own header lets the
// read-back find exactly this message and nothing else.
import { randomBytes } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import type { SmtpSession } from './smtp-session'

export interface TestMessage {
  token: string
  messageId: string
  subject: string
  raw: Buffer
}

// nodemailer normalises header names to this spelling.
export const TOKEN_HEADER = 'X-Clearport-Token'

/** 20 random characters from an alphabet no server mangles and no search tokenises apart. */
export function newToken(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'
  return `cp${Array.from(randomBytes(18), (b) => alphabet[b % alphabet.length]).join('')}`
}

export async function composeTestMessage(options: { from: string; to: string; token: string; now?: Date }): Promise<TestMessage> {
  const { from, to, token } = options
  const domain = from.slice(from.lastIndexOf('@') + 1) || 'clearport.invalid'
  const messageId = `<clearport.${token}@${domain}>`
  const subject = `ClearPort test ${token}`
  const raw = await new MailComposer({
    from,
    to,
    subject,
    messageId,
    date: options.now ?? new Date(),
    headers: { [TOKEN_HEADER]: token },
    text: [
      'This message was sent by ClearPort to check that your mail settings work.',
      'It proves that signing in and sending succeeded. You can delete it.',
      '',
      `Token: ${token}`,
    ].join('\r\n'),
  })
    .compile()
    .build()
  return { token, messageId, subject, raw }
}

export interface SentInfo {
  finalReply: string
  accepted: string[]
  rejected: string[]
  serverMessageId: string | null
  envelopeMs: number
  messageMs: number
}

export async function sendTestMessage(session: SmtpSession, from: string, to: string, message: TestMessage): Promise<SentInfo> {
  const info = await session.send({ from, to: [to] }, message.raw)
  return {
    finalReply: info.response,
    accepted: info.accepted,
    rejected: info.rejected,
    serverMessageId: info.serverMessageId ?? null,
    envelopeMs: info.envelopeTime,
    messageMs: info.messageTime,
  }
}
