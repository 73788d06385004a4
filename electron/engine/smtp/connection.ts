// The SMTP flavour of the framed connection: frames are whole (multi-line) replies.
import type net from 'node:net'
import type { TranscriptLine } from '@shared/model'
import { ConnectionClosedError, FramedConnection } from '../net/framed-connection'
import { ReplyParser, defaultReplyLimits, replyText, type ReplyLimits, type SmtpReply } from './reply-parser'

export { ConnectionClosedError }

export class SmtpConnection extends FramedConnection<SmtpReply> {
  constructor(socket: net.Socket, transcript: TranscriptLine[], limits: ReplyLimits = defaultReplyLimits) {
    super(socket, transcript, {
      newFramer: () => new ReplyParser(limits),
      describe: replyText,
      size: (reply) => Buffer.byteLength(replyText(reply)) + 2 * reply.lines.length,
    })
  }

  /** Say QUIT and wait briefly for the 221; never fails. */
  quit(ms = 1000): Promise<void> {
    return this.farewell('QUIT', ms)
  }
}
