// A pure SMTP reply parser: bytes in, complete replies out, with hard limits so a hostile
// server cannot make us buffer without bound. No I/O here — the socket driver feeds it.
//
// RFC 5321 §4.5.3.1.5 limits a reply line to 512 octets including CRLF; real servers exceed
// that a little, so the default cap is 2048 (Python's smtplib allows 8192). A multi-line reply
// is `CODE-text` lines ending with one `CODE text` line (§4.2.1).

export interface SmtpReply {
  code: number
  /** Enhanced status code (RFC 3463) from the last line, e.g. "5.7.139", when present. */
  enhanced: string | null
  /** The text of each line, without code and separator. */
  lines: string[]
}

export interface ReplyLimits {
  /** Longest line in bytes, CRLF included. */
  maxLineBytes: number
  /** Most lines in one reply. */
  maxLines: number
  /** Most bytes in one reply. */
  maxReplyBytes: number
}

export const defaultReplyLimits: ReplyLimits = { maxLineBytes: 2048, maxLines: 200, maxReplyBytes: 65_536 }

export type ReplyErrorKind = 'line-too-long' | 'too-many-lines' | 'reply-too-large' | 'malformed' | 'code-mismatch'

export class ReplyParseError extends Error {
  override readonly name = 'ReplyParseError'
  constructor(
    readonly kind: ReplyErrorKind,
    message: string,
  ) {
    super(message)
  }
}

const LINE = /^(\d{3})([ -])?(.*)$/s
const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/

/**
 * Feed bytes as they arrive; `feed` returns every reply completed by them. After an error the
 * parser stays failed: the connection cannot be trusted to be in step any more.
 */
export class ReplyParser {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private lines: string[] = []
  private code: number | null = null
  private replyBytes = 0
  private failed: ReplyParseError | null = null

  constructor(private readonly limits: ReplyLimits = defaultReplyLimits) {}

  /** Bytes received but not yet part of a complete reply (e.g. injected after a 220 to STARTTLS). */
  get bufferedBytes(): number {
    return this.pendingBytes + this.replyBytes
  }

  /** Forget everything buffered: used at the STARTTLS boundary (RFC 3207 §4.2, CVE-2011-0411). */
  discard(): number {
    const dropped = this.bufferedBytes
    this.pending = []
    this.pendingBytes = 0
    this.lines = []
    this.code = null
    this.replyBytes = 0
    return dropped
  }

  feed(chunk: Buffer): SmtpReply[] {
    if (this.failed) throw this.failed
    const replies: SmtpReply[] = []
    let data = this.pendingBytes > 0 ? Buffer.concat([...this.pending, chunk]) : chunk
    this.pending = []
    this.pendingBytes = 0
    for (;;) {
      const lf = data.indexOf(0x0a)
      if (lf < 0) break
      if (lf + 1 > this.limits.maxLineBytes) this.fail('line-too-long', `a reply line is longer than ${this.limits.maxLineBytes} bytes`)
      const raw = data.subarray(0, lf + 1)
      data = data.subarray(lf + 1)
      const reply = this.line(raw)
      if (reply) replies.push(reply)
    }
    if (data.length >= this.limits.maxLineBytes) {
      this.fail('line-too-long', `a reply line is longer than ${this.limits.maxLineBytes} bytes`)
    }
    if (this.replyBytes + data.length > this.limits.maxReplyBytes) {
      this.fail('reply-too-large', `a reply is larger than ${this.limits.maxReplyBytes} bytes`)
    }
    if (data.length > 0) {
      this.pending.push(Buffer.from(data))
      this.pendingBytes = data.length
    }
    return replies
  }

  private line(raw: Buffer): SmtpReply | null {
    this.replyBytes += raw.length
    if (this.replyBytes > this.limits.maxReplyBytes) {
      this.fail('reply-too-large', `a reply is larger than ${this.limits.maxReplyBytes} bytes`)
    }
    // Servers send CRLF; tolerate a bare LF as most clients do. Decode leniently: a banner in
    // Latin-1 must not kill the probe, and the text is only shown, never interpreted.
    const text = raw.toString('utf8').replace(/\r?\n$/, '')
    const match = LINE.exec(text)
    if (!match) this.fail('malformed', `the server sent a line that is not an SMTP reply: ${JSON.stringify(text.slice(0, 80))}`)
    const code = Number(match![1])
    if (code < 200 || code > 599) this.fail('malformed', `the server sent an impossible reply code ${code}`)
    if (this.code !== null && this.code !== code) {
      this.fail('code-mismatch', `a multi-line reply changed its code from ${this.code} to ${code}`)
    }
    this.code = code
    this.lines.push(match![3] ?? '')
    if (this.lines.length > this.limits.maxLines) {
      this.fail('too-many-lines', `a reply has more than ${this.limits.maxLines} lines`)
    }
    if (match![2] === '-') return null
    const lines = this.lines
    const last = lines[lines.length - 1] ?? ''
    const enhanced = code >= 200 ? (ENHANCED.exec(last)?.[1] ?? null) : null
    this.lines = []
    this.code = null
    this.replyBytes = 0
    return { code, enhanced, lines }
  }

  private fail(kind: ReplyErrorKind, message: string): never {
    this.failed = new ReplyParseError(kind, message)
    throw this.failed
  }
}

/** One line of text for a whole reply, for transcripts and messages. */
export function replyText(reply: SmtpReply): string {
  return reply.lines.map((line, i) => `${reply.code}${i === reply.lines.length - 1 ? ' ' : '-'}${line}`).join('\n')
}
