// The SMTP conversation as TranscriptLines, fed by nodemailer's transaction log (commands and
// replies, never the message body: `transactionLog`, not `debug`). nodemailer already masks
// AUTH lines; every line also goes through the attempt's redactor and is clipped, because server
// replies are hostile (field-notes.md: cap lines and totals).
import { format } from 'node:util'
import type { TranscriptLine } from '@shared/model'
import { printable } from '@shared/printable'
import type { Redactor } from './redact'

const MAX_LINES = 400
const MAX_LINE = 512

/** The bunyan-style logger nodemailer accepts (shared.ExternalLogger). */
type LogMethod = (entry: unknown, message?: unknown, ...args: unknown[]) => void

export class SmtpTranscript {
  readonly lines: TranscriptLine[] = []
  /** The last EHLO reply (after STARTTLS, the protected one: RFC 3207 §4.2). */
  private ehlo: string[] | null = null
  private awaitingEhlo = false
  /** Commands ClearPort sends through nodemailer's custom-SASL hook are logged masked; say them here. */
  private readonly pendingLabels: string[] = []
  private dropped = 0
  private readonly started = performance.now()

  /** The last command the client sent (its first word judged with each reply). */
  private lastCommand: string | null = null
  /** Called with each server reply and the command it answers, before nodemailer acts on it. */
  onReply: ((command: string | null, reply: string) => void) | null = null

  /** Bytes nodemailer threw away after the STARTTLS go-ahead (RFC 3207 §4.2): an injection. */
  injectedBytes = 0
  /** nodemailer said the STARTTLS upgrade completed. */
  upgraded = false

  constructor(private readonly redact: Redactor) {}

  /** For `SMTPConnection({ logger })`; only the transaction lines are kept. */
  readonly logger: Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', LogMethod> = {
    trace: () => {},
    debug: (entry, message, ...args) => this.onLog(entry, message, args),
    info: (_entry, message) => {
      if (typeof message === 'string' && /upgraded with STARTTLS/i.test(message)) this.upgraded = true
    },
    // nodemailer warns when it discards plaintext that followed "220" to STARTTLS.
    warn: (entry) => {
      const discarded = (entry as { discarded?: unknown } | null)?.discarded
      if (typeof discarded !== 'number' || discarded <= 0) return
      this.injectedBytes += discarded
      this.push('info', `discarded ${discarded} bytes sent after "220" to STARTTLS, before TLS (RFC 3207 §4.2)`)
    },
    error: () => {},
    fatal: () => {},
  }

  info(text: string): void {
    this.push('info', text)
  }

  /** The next masked client line nodemailer logs is this command (see smtp-session.ts). */
  labelNextMasked(command: string): void {
    this.pendingLabels.push(command)
  }

  /** SASL mechanisms in the last EHLO reply; null before one was seen. */
  offeredAuth(): string[] | null {
    if (!this.ehlo) return null
    const line = this.ehlo.find((l) => /^250[- ]AUTH[ =]/i.test(l))
    // Only SASL mechanism names (RFC 4422 §3.1: up to 20 of A–Z, 0–9, "-", "_"): the rest of a
    // hostile line is not a mechanism and never reaches a result.
    return line ? line.slice(9).trim().toUpperCase().split(/\s+/).filter((m) => /^[A-Z0-9_-]{1,20}$/.test(m)) : []
  }

  /** Whether the last EHLO reply named an extension (SMTPUTF8, PIPELINING, ...). */
  offers(keyword: string): boolean {
    return this.ehlo?.some((l) => l.slice(4).toUpperCase().split(/[ =]/)[0] === keyword.toUpperCase()) ?? false
  }

  private onLog(entry: unknown, message: unknown, args: unknown[]): void {
    const tnx = (entry as { tnx?: unknown } | null)?.tnx
    if (tnx !== 'client' && tnx !== 'server') return
    let text = typeof message === 'string' ? (args.length > 0 ? format(message, ...args) : message) : String(message)
    if (tnx === 'client') {
      if (text === '/* secret */' && this.pendingLabels.length > 0) text = this.pendingLabels.shift() ?? text
      this.awaitingEhlo = /^EHLO\b/i.test(text)
      this.lastCommand = text
      this.push('client', text)
      return
    }
    const answered = this.lastCommand
    this.lastCommand = null
    if (this.awaitingEhlo) {
      this.ehlo = text.split(/\r?\n/)
      this.awaitingEhlo = false
    }
    for (const line of text.split(/\r?\n/)) this.push('server', line)
    this.onReply?.(answered, text)
  }

  private push(dir: TranscriptLine['dir'], text: string): void {
    if (this.lines.length >= MAX_LINES) {
      this.dropped += 1
      const last = this.lines[this.lines.length - 1]
      if (last) last.text = `(${this.dropped} more lines not kept)`
      return
    }
    const clean = printable(this.redact(text))
    this.lines.push({ at: Math.round(performance.now() - this.started), dir, text: clean.length > MAX_LINE ? `${clean.slice(0, MAX_LINE - 1)}…` : clean })
  }
}
