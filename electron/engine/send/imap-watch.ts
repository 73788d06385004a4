// The read-back's view of what the IMAP server says before sign-in, judged by the rule the probe
// uses (shared/server-behaviour.ts). imapflow runs the conversation; this listens to its protocol
// log (commands and responses, at debug level) and ends the session, named, when the server
// refuses (a BYE greeting, PREAUTH without TLS, a STARTTLS answered NO or BAD) — and gives
// STARTTLS its own step deadline: imapflow waits for the tagged answer as long as connect() may.
import { judgeImapGreeting, type ServerBehaviour } from '@shared/server-behaviour'
import { DeadlineError } from '../deadline'
import { parseImapLine } from '../mailbox/imap-parser'

export class ReadBackError extends Error {
  override readonly name = 'ReadBackError'
  constructor(
    message: string,
    readonly code: string,
    /** What the server did, when the rule names it. */
    readonly behaviour: ServerBehaviour | null = null,
  ) {
    super(message)
  }
}

type Log = (entry: unknown) => void

export interface ImapWatchOptions {
  /** TLS from the first byte: PREAUTH is then no downgrade. */
  secure: boolean
  /** Longest wait for the tagged answer to STARTTLS, ms. */
  starttlsMs: number
  /** Ends the session (closes imapflow's client). */
  close: () => void
}

export class ImapWatch {
  /** Why the watch ended the session; the read-back reports this instead of imapflow's error. */
  refusal: Error | null = null
  private greeted = false
  private starttlsTag: string | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly options: ImapWatchOptions) {}

  /** For `new ImapFlow({ logger })`: every level callable, only the protocol lines read. */
  readonly logger: Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', Log> = {
    trace: () => {},
    debug: (entry) => this.saw(entry),
    info: () => {},
    warn: () => {},
    error: () => {},
    fatal: () => {},
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private saw(entry: unknown): void {
    const { src, msg } = (entry ?? {}) as { src?: unknown; msg?: unknown }
    if (typeof msg !== 'string' || this.refusal) return
    if (src === 'c') return this.client(msg)
    if (src === 's') this.server(msg)
  }

  private client(line: string): void {
    const match = /^(\S+) STARTTLS$/i.exec(line.trim())
    if (!match) return
    this.starttlsTag = match[1] ?? null
    this.timer = setTimeout(() => this.refuse(new DeadlineError('imap-starttls', this.options.starttlsMs)), this.options.starttlsMs)
  }

  private server(line: string): void {
    const parsed = parseImapLine(line)
    if (!this.greeted) {
      this.greeted = true
      const status = parsed.kind === 'status' && parsed.tag === '*' ? parsed.status : 'other'
      const behaviour = judgeImapGreeting(status, this.options.secure)
      if (behaviour) this.refuse(new ReadBackError(`the server's greeting: ${line.slice(0, 200)}`, 'CLEARPORT_SERVER', behaviour))
      return
    }
    if (this.starttlsTag === null || parsed.kind !== 'status' || parsed.tag !== this.starttlsTag) return
    this.starttlsTag = null
    this.dispose()
    if (parsed.status !== 'OK') this.refuse(new ReadBackError(`STARTTLS was refused: ${line.slice(0, 200)}`, 'CLEARPORT_SERVER', 'starttls-refused'))
  }

  private refuse(error: Error): void {
    if (this.refusal) return
    this.refusal = error
    this.dispose()
    this.options.close()
  }
}
