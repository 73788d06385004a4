// A thin driver for line-based mail protocols (SMTP replies, IMAP and POP3 lines): feeds bytes to
// a pure framer, hands out frames one at a time under a named deadline, writes command lines that
// cannot smuggle CR/LF/NUL, and hands the socket over to TLS with nothing buffered left behind.
import type net from 'node:net'
import type { TlsSummary, TranscriptLine } from '@shared/model'
import { abortReason, scope, withScope } from '../deadline'
import { TLS_AFTER_INJECTION, handshake, type TlsOptions } from './tls'

/** A pure byte-to-frame parser with limits; it throws when the server breaks them. */
export interface Framer<T> {
  feed(chunk: Buffer): T[]
  /** Forget buffered bytes; returns how many. */
  discard(): number
}

export interface FrameCodec<T> {
  newFramer(): Framer<T>
  /** How a frame reads in the transcript. */
  describe(frame: T): string
  /** Bytes a frame stood for, to count what was discarded at the TLS boundary. */
  size(frame: T): number
}

export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError'
  constructor(
    message: string,
    readonly reset: boolean,
  ) {
    super(message)
  }
}

type Waiter<T> = { resolve: (frame: T) => void; reject: (error: Error) => void }

export class FramedConnection<T> {
  private framer: Framer<T>
  private frames: T[] = []
  private waiter: Waiter<T> | null = null
  private failure: Error | null = null
  private readonly started = performance.now()
  /** Set while the reply that precedes a TLS handshake is awaited: true for that reply's frame. */
  private boundary: ((frame: T) => boolean) | null = null
  /** The boundary frame arrived: every later byte is counted, never parsed. */
  private sealed = false
  private held = 0

  constructor(
    protected socket: net.Socket,
    readonly transcript: TranscriptLine[],
    private readonly codec: FrameCodec<T>,
  ) {
    this.framer = codec.newFramer()
    this.attach()
  }

  /** False once the connection failed or closed: nothing more will be read. */
  protected get usable(): boolean {
    return this.failure === null && !this.socket.destroyed
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
    if (this.boundary) return this.onBoundaryData(chunk, this.boundary)
    let frames: T[]
    try {
      frames = this.framer.feed(chunk)
    } catch (error) {
      this.fail(error as Error)
      this.socket.destroy()
      return
    }
    for (const frame of frames) {
      this.log('server', this.codec.describe(frame))
      this.frames.push(frame)
    }
    this.deliver()
  }

  /**
   * Before TLS: frame line by line and stop at the frame that gives the go-ahead, so bytes a man
   * in the middle appended to it ("220 Ready\r\n<anything>", CVE-2011-0411) are never parsed —
   * not even to fail on — only counted and thrown away at the handshake.
   */
  private onBoundaryData(chunk: Buffer, isLast: (frame: T) => boolean): void {
    if (this.sealed) {
      this.held += chunk.length
      return
    }
    let offset = 0
    while (offset < chunk.length && !this.sealed) {
      const lf = chunk.indexOf(0x0a, offset)
      const end = lf < 0 ? chunk.length : lf + 1
      let frames: T[]
      try {
        frames = this.framer.feed(chunk.subarray(offset, end))
      } catch (error) {
        this.fail(error as Error)
        this.socket.destroy()
        return
      }
      offset = end
      for (const frame of frames) {
        this.log('server', this.codec.describe(frame))
        this.frames.push(frame)
        if (isLast(frame)) this.sealed = true
      }
    }
    this.held += chunk.length - offset
    this.deliver()
  }

  /**
   * The reply awaited next may be the last one in plain text (the answer to STARTTLS): from the
   * frame `isLast` accepts on, nothing more is parsed. `endBoundary` undoes it when the answer was
   * a refusal and the plain conversation goes on (to say QUIT).
   */
  expectTlsBoundary(isLast: (frame: T) => boolean = () => true): void {
    this.boundary = isLast
    this.sealed = false
    this.held = 0
  }

  endBoundary(): void {
    this.boundary = null
    this.sealed = false
    this.held = 0
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
    const waiter = this.waiter
    if (this.frames.length > 0) {
      this.waiter = null
      waiter.resolve(this.frames.shift() as T)
    } else if (this.failure) {
      this.waiter = null
      waiter.reject(this.failure)
    }
  }

  log(dir: TranscriptLine['dir'], text: string): void {
    this.transcript.push({ at: Math.round(performance.now() - this.started), dir, text })
  }

  /** The next frame, within `ms` of now (the step's name goes into the deadline error). */
  read(step: string, ms: number, parent?: AbortSignal): Promise<T> {
    if (this.frames.length > 0) return Promise.resolve(this.frames.shift() as T)
    if (this.failure) return Promise.reject(this.failure)
    const s = scope(parent, ms, step)
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = null
        reject(abortReason(s.signal))
      }
      if (s.signal.aborted) return onAbort()
      s.signal.addEventListener('abort', onAbort, { once: true })
      this.waiter = {
        resolve: (frame) => {
          s.signal.removeEventListener('abort', onAbort)
          resolve(frame)
        },
        reject: (error) => {
          s.signal.removeEventListener('abort', onAbort)
          reject(error)
        },
      }
    }).finally(() => s.dispose())
  }

  /**
   * Send one command line. `shown` replaces the line in the transcript (credentials must never
   * be recorded).
   */
  send(line: string, shown: string = line): void {
    if (/[\r\n\0]/.test(line)) throw new Error('refusing to send a command containing CR, LF or NUL')
    this.log('client', shown)
    this.socket.write(`${line}\r\n`)
  }

  /**
   * Hand the socket over to TLS: stop reading plaintext and discard everything buffered, so
   * nothing a man in the middle injected before the handshake is ever read as a response
   * (RFC 3207 §4.2, RFC 2595 §3.1, CVE-2011-0411). Returns how many bytes were thrown away.
   */
  releaseForTls(): { socket: net.Socket; discarded: number } {
    this.detach()
    const discarded = this.framer.discard() + this.frames.reduce((n, frame) => n + this.codec.size(frame), 0) + this.held
    this.frames = []
    this.endBoundary()
    return { socket: this.socket, discarded }
  }

  /**
   * After the go-ahead (`after`, e.g. "the STLS +OK"): release the socket, hand it to TLS within
   * `ms` and go on over TLS. The bytes thrown away are counted into `into` before the handshake,
   * and `onStep` hears the step now running, so a handshake that fails after an injection is
   * named as one (`starttls-injection`).
   */
  async upgradeToTls(
    into: { injectedBytes: number; tls: TlsSummary | null },
    options: TlsOptions & { ms: number; after: string; rfc: string; onStep(step: string): void },
  ): Promise<void> {
    const { socket: raw, discarded } = this.releaseForTls()
    into.injectedBytes = discarded
    if (discarded > 0) this.log('info', `discarded ${discarded} bytes sent after ${options.after}, before TLS (${options.rfc})`)
    options.onStep(discarded > 0 ? TLS_AFTER_INJECTION : 'tls')
    const secured = await withScope(options.signal, options.ms, 'tls', (s) => handshake(raw, { host: options.host, signal: s, ca: options.ca }))
    into.tls = secured.summary
    this.log('info', `TLS ${secured.summary.protocol ?? '?'} ${secured.summary.cipher ?? ''}`.trim())
    this.resumeOver(secured.socket)
  }

  /** Continue the conversation over the TLS socket with a fresh framer. */
  resumeOver(socket: net.Socket): void {
    this.socket = socket
    this.framer = this.codec.newFramer()
    this.failure = null
    this.attach()
  }

  /** Say goodbye (QUIT, LOGOUT) and wait briefly for the answer, then close; never fails. */
  async farewell(command: string, ms = 1000, signal?: AbortSignal): Promise<void> {
    try {
      if (!this.usable) return
      this.send(command)
      await this.read('farewell', ms, signal)
    } catch {
      // The server may close without answering; the goodbye is a courtesy.
    } finally {
      this.close()
    }
  }

  close(): void {
    this.detach()
    this.socket.on('error', () => {})
    this.socket.destroy()
  }
}
