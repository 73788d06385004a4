// A thin SMTP socket driver: feeds bytes to the pure ReplyParser, hands out replies one at a
// time under a named deadline, and writes command lines that cannot smuggle CR/LF/NUL.
import type net from 'node:net'
import type { TranscriptLine } from '@shared/model'
import { DeadlineError, abortReason, scope } from '../deadline'
import { ReplyParser, defaultReplyLimits, replyText, type ReplyLimits, type SmtpReply } from './reply-parser'

export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError'
  constructor(
    message: string,
    readonly reset: boolean,
  ) {
    super(message)
  }
}

type Waiter = { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void }

export class SmtpConnection {
  private parser: ReplyParser
  private replies: SmtpReply[] = []
  private waiter: Waiter | null = null
  private failure: Error | null = null
  private started = performance.now()

  constructor(
    private socket: net.Socket,
    readonly transcript: TranscriptLine[],
    private readonly limits: ReplyLimits = defaultReplyLimits,
  ) {
    this.parser = new ReplyParser(limits)
    this.attach()
  }

  private attach(): void {
    this.socket.on('data', this.onData)
    this.socket.on('error', this.onError)
    this.socket.on('close', this.onClose)
  }

  private detach(): void {
    this.socket.removeListener('data', this.onData)
    this.socket.removeListener('error', this.onError)
    this.socket.removeListener('close', this.onClose)
  }

  private readonly onData = (chunk: Buffer): void => {
    let replies: SmtpReply[]
    try {
      replies = this.parser.feed(chunk)
    } catch (error) {
      this.fail(error as Error)
      this.socket.destroy()
      return
    }
    for (const reply of replies) {
      this.log('server', replyText(reply))
      this.replies.push(reply)
    }
    this.deliver()
  }

  private readonly onError = (error: NodeJS.ErrnoException): void => {
    const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE'
    this.fail(new ConnectionClosedError(reset ? 'the server reset the connection' : `connection error: ${error.message}`, reset))
  }

  private readonly onClose = (): void => {
    this.fail(new ConnectionClosedError('the server closed the connection', false))
  }

  private fail(error: Error): void {
    if (!this.failure) this.failure = error
    this.deliver()
  }

  private deliver(): void {
    if (!this.waiter) return
    const reply = this.replies.shift()
    const waiter = this.waiter
    if (reply) {
      this.waiter = null
      waiter.resolve(reply)
    } else if (this.failure) {
      this.waiter = null
      waiter.reject(this.failure)
    }
  }

  log(dir: TranscriptLine['dir'], text: string): void {
    this.transcript.push({ at: Math.round(performance.now() - this.started), dir, text })
  }

  /** The next complete reply, within `ms` of now (the step's name goes into the error). */
  read(step: string, ms: number, parent?: AbortSignal): Promise<SmtpReply> {
    const queued = this.replies.shift()
    if (queued) return Promise.resolve(queued)
    if (this.failure) return Promise.reject(this.failure)
    const s = scope(parent, ms, step)
    return new Promise<SmtpReply>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = null
        reject(abortReason(s.signal))
      }
      if (s.signal.aborted) return onAbort()
      s.signal.addEventListener('abort', onAbort, { once: true })
      this.waiter = {
        resolve: (reply) => {
          s.signal.removeEventListener('abort', onAbort)
          resolve(reply)
        },
        reject: (error) => {
          s.signal.removeEventListener('abort', onAbort)
          reject(error)
        },
      }
    }).finally(() => s.dispose())
  }

  /**
   * Send one command line. `shown` replaces the line in the transcript (AUTH arguments must
   * never be recorded).
   */
  send(line: string, shown: string = line): void {
    if (/[\r\n\0]/.test(line)) throw new Error('refusing to send a command containing CR, LF or NUL')
    this.log('client', shown)
    this.socket.write(`${line}\r\n`)
  }

  /**
   * Hand the socket over to TLS: stop reading plaintext and discard everything buffered, so
   * nothing a man in the middle injected before the handshake is ever read as a reply
   * (RFC 3207 §4.2, CVE-2011-0411). Returns how many bytes were thrown away.
   */
  releaseForTls(): { socket: net.Socket; discarded: number } {
    this.detach()
    const discarded = this.parser.discard() + this.replies.reduce((n, r) => n + r.lines.join('').length, 0)
    this.replies = []
    return { socket: this.socket, discarded }
  }

  /** Continue the conversation over the TLS socket with a fresh parser. */
  resumeOver(socket: net.Socket): void {
    this.socket = socket
    this.parser = new ReplyParser(this.limits)
    this.failure = null
    this.attach()
  }

  close(): void {
    this.detach()
    this.socket.on('error', () => {})
    this.socket.destroy()
  }

  /** Say QUIT and wait briefly for the 221; never fails. */
  async quit(ms = 1000): Promise<void> {
    try {
      if (this.failure || this.socket.destroyed) return
      this.send('QUIT')
      await this.read('quit', ms)
    } catch {
      // The server may close without a 221; QUIT is a courtesy.
    } finally {
      this.close()
    }
  }
}

export { DeadlineError }
