// A thin line driver for IMAP and POP3 probes: feeds bytes to the pure LineAssembler, hands out
// lines one at a time under a named deadline, writes command lines that cannot smuggle CR/LF/NUL.
import type net from 'node:net'
import type { TranscriptLine } from '@shared/model'
import { abortReason, scope } from '../deadline'
import { ConnectionClosedError } from '../smtp/connection'
import { LineAssembler, defaultLineLimits, type LineLimits } from './line-assembler'

type Waiter = { resolve: (line: string) => void; reject: (error: Error) => void }

export class LineConnection {
  private assembler: LineAssembler
  private lines: string[] = []
  private waiter: Waiter | null = null
  private failure: Error | null = null
  private readonly started = performance.now()

  constructor(
    private socket: net.Socket,
    readonly transcript: TranscriptLine[],
    private readonly limits: LineLimits = defaultLineLimits,
  ) {
    this.assembler = new LineAssembler(limits)
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
    let lines: string[]
    try {
      lines = this.assembler.feed(chunk)
    } catch (error) {
      this.fail(error as Error)
      this.socket.destroy()
      return
    }
    for (const line of lines) {
      this.log('server', line)
      this.lines.push(line)
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
    const line = this.lines.shift()
    const waiter = this.waiter
    if (line !== undefined) {
      this.waiter = null
      waiter.resolve(line)
    } else if (this.failure) {
      this.waiter = null
      waiter.reject(this.failure)
    }
  }

  log(dir: TranscriptLine['dir'], text: string): void {
    this.transcript.push({ at: Math.round(performance.now() - this.started), dir, text })
  }

  /** The next line, within `ms` of now (the step's name goes into the deadline error). */
  read(step: string, ms: number, parent?: AbortSignal): Promise<string> {
    const queued = this.lines.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    if (this.failure) return Promise.reject(this.failure)
    const s = scope(parent, ms, step)
    return new Promise<string>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = null
        reject(abortReason(s.signal))
      }
      if (s.signal.aborted) return onAbort()
      s.signal.addEventListener('abort', onAbort, { once: true })
      this.waiter = {
        resolve: (line) => {
          s.signal.removeEventListener('abort', onAbort)
          resolve(line)
        },
        reject: (error) => {
          s.signal.removeEventListener('abort', onAbort)
          reject(error)
        },
      }
    }).finally(() => s.dispose())
  }

  send(line: string): void {
    if (/[\r\n\0]/.test(line)) throw new Error('refusing to send a command containing CR, LF or NUL')
    this.log('client', line)
    this.socket.write(`${line}\r\n`)
  }

  /**
   * Hand the socket to TLS: stop reading plaintext and discard every byte and line buffered, so
   * nothing injected before the handshake is read as a response (RFC 2595 §3.1, CVE-2011-0411).
   */
  releaseForTls(): { socket: net.Socket; discarded: number } {
    this.detach()
    const discarded = this.assembler.discard() + this.lines.reduce((n, l) => n + Buffer.byteLength(l) + 2, 0)
    this.lines = []
    return { socket: this.socket, discarded }
  }

  /** Continue over the TLS socket with a fresh assembler. */
  resumeOver(socket: net.Socket): void {
    this.socket = socket
    this.assembler = new LineAssembler(this.limits)
    this.failure = null
    this.attach()
  }

  close(): void {
    this.detach()
    this.socket.on('error', () => {})
    this.socket.destroy()
  }
}
