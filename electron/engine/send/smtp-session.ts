// One SMTP session through nodemailer's SMTPConnection, every step under ClearPort's own
// wall-clock deadline. nodemailer's timeouts are idle timers (a server trickling its EHLO reply
// keeps it waiting, field-notes.md "Client hazards"), so each step races a deadline scope and
// the connection is closed the moment the scope aborts (deadline or cancel).
//
// Why SMTPConnection and not a transporter: the transporter hides the stages (one sendMail call),
// and the check must stop after RCPT TO. SMTPConnection exposes connect → login → send → quit,
// so each stage has its own timing and deadline; the message itself is built by nodemailer's
// MailComposer (send.ts). nodemailer has no public "envelope only" call (its envelope code always
// follows RCPT with DATA), so the check's MAIL FROM / RCPT TO go through the one public way to
// send a raw command: the `sendCommand` of a custom SASL handler, registered under a private
// name and run only after the real sign-in. nodemailer still writes the command and parses the
// (size-capped, multi-line) reply; see `command()`.
import tls from 'node:tls'
import SMTPConnection from 'nodemailer/lib/smtp-connection'
import type { SMTPConnectionCustomAuthContext, SMTPConnectionSendInfo, SMTPEnvelope } from 'nodemailer/lib/smtp-connection'
import XOAuth2 from 'nodemailer/lib/xoauth2'
import type { SocketSecurity, TlsSummary } from '@shared/model'
import type { SaslMechanism } from '@shared/send'
import { judgeSmtpReply, replyCodeOf, smtpStepOf, type ServerBehaviour } from '@shared/server-behaviour'
import { abortReason, withScope } from '../deadline'
import { signInTls, summariseCertificate } from '../net/tls'
import type { CredentialsProvider } from './credentials'
import type { SmtpTranscript } from './transcript'

export interface SmtpTimeouts {
  /** TCP, TLS, greeting, EHLO, STARTTLS and EHLO again: one wall-clock budget. */
  connect: number
  /**
   * nodemailer's own wait for the greeting, shorter than `connect` so a plaintext connection to a
   * TLS port is named as such ("Greeting never received") rather than as a generic deadline.
   */
  greeting: number
  /** Each command: AUTH, MAIL FROM, RCPT TO, RSET. */
  command: number
  /** DATA up to the server's final reply. */
  data: number
  quit: number
}

export const defaultSmtpTimeouts: SmtpTimeouts = { connect: 20_000, greeting: 12_000, command: 20_000, data: 60_000, quit: 3_000 }

export interface SmtpSessionOptions {
  /** The name the certificate must carry (and SNI); may be an IP literal. */
  host: string
  /** The address to connect to (resolved by the caller, so DNS has its own deadline and server). */
  address: string
  port: number
  socket: SocketSecurity
  /** Extra trusted roots (tests). Validation always stays on. */
  ca?: string[]
  timeouts: SmtpTimeouts
  transcript: SmtpTranscript
  signal: AbortSignal
}

/** A command's reply as nodemailer parsed it. */
export interface SmtpReplyInfo {
  status: number
  response: string
}

/** Shaped like nodemailer's own errors, so one classifier reads both. */
export class SmtpStepError extends Error {
  override readonly name = 'SmtpStepError'
  constructor(
    message: string,
    readonly code: string,
    readonly command: string,
    readonly response: string | null = null,
    readonly responseCode: number | null = null,
    /** What the server did, when ClearPort judged it (server-behaviour.ts). */
    readonly behaviour: ServerBehaviour | null = null,
  ) {
    super(response ? `${message}: ${response}` : message)
  }
}

const COMMAND_HOOK = 'X-CLEARPORT-COMMAND'
const isNamed = (host: string): boolean => !/^[\d.]+$/.test(host) && !host.includes(':')

export class SmtpSession {
  private readonly conn: SMTPConnection
  private hook: ((ctx: SMTPConnectionCustomAuthContext) => void) | null = null
  /** The last error nodemailer emitted; a listener must always exist or the emitter throws. */
  private lastError: Error | null = null
  /** Fails the step in flight (set while one runs). */
  private failStep: ((error: Error) => void) | null = null

  private constructor(private readonly options: SmtpSessionOptions) {
    const { host, address, port, socket, ca, timeouts, transcript } = options
    // Validation on, always (design.md): a bad or weak certificate ends the session before AUTH.
    const tlsOptions = signInTls(host, ca, isNamed(host) ? host : undefined)
    this.conn = new SMTPConnection({
      host: address,
      port,
      ...(isNamed(host) && { servername: host }),
      secure: socket === 'SSL',
      // 587 and 25: STARTTLS is mandatory; without it nodemailer would carry on in plain text,
      // AUTH included (field-notes.md). A plain endpoint never upgrades: the person chose it.
      requireTLS: socket === 'STARTTLS',
      ignoreTLS: socket === 'plain',
      opportunisticTLS: false,
      tls: tlsOptions,
      // RFC 5321 §4.1.4 allows an address literal; a desktop's own host name is nobody's business.
      name: '[127.0.0.1]',
      connectionTimeout: timeouts.connect,
      greetingTimeout: Math.min(timeouts.greeting, timeouts.connect),
      socketTimeout: Math.max(timeouts.command, timeouts.data),
      // Destroy at once on close: nothing of the socket outlives the session.
      socketCloseTimeout: 0,
      // A reply line is at most 512 bytes (RFC 5321 §4.5.3.1.5); 64 KiB is generous for EHLO.
      maxResponseSize: 65_536,
      logger: transcript.logger,
      transactionLog: true,
      debug: false,
      customAuth: {
        [COMMAND_HOOK]: (ctx) => {
          const hook = this.hook
          this.hook = null
          if (hook) hook(ctx)
          else ctx.reject('no command pending')
        },
      },
    })
    this.conn.on('error', (error: Error) => {
      this.lastError = error
    })
    transcript.onReply = (command, reply) => this.judge(command, reply)
  }

  /**
   * nodemailer takes any 2xx to EHLO and STARTTLS as success (a 221 to STARTTLS starts a TLS
   * handshake with a server that is closing; a 220 to EHLO goes on to sign in) and retries a
   * refused EHLO with HELO. ClearPort holds every server to the same rule as its probe
   * (server-behaviour.ts): the reply is judged as it arrives — before nodemailer acts on it —
   * and a wrong one ends the session there, named.
   */
  private judge(command: string | null, reply: string): void {
    const verb = (command ?? '').split(' ')[0] ?? ''
    const step = smtpStepOf(verb)
    if (step !== 'ehlo' && step !== 'starttls') return
    const code = replyCodeOf(reply)
    const behaviour = judgeSmtpReply(step, code)
    if (behaviour === null) return
    const error = new SmtpStepError(`the server answered ${verb.toUpperCase()} with ${code ?? 'no reply code'}`, 'EPROTOCOL', verb.toUpperCase(), reply, code, behaviour)
    this.lastError = error
    this.failStep?.(error)
    this.close()
  }

  /** Connect, greet, EHLO, and (STARTTLS endpoints) upgrade and EHLO again. */
  static async open(options: SmtpSessionOptions): Promise<SmtpSession> {
    const session = new SmtpSession(options)
    try {
      await session.step<void>('connect', options.timeouts.connect, (done) => session.conn.connect((error) => done(error ?? null)))
      return session
    } catch (error) {
      session.close()
      throw error
    }
  }

  /** TLS is up and the certificate verified (rejectUnauthorized guarantees the second). */
  get verifiedTls(): boolean {
    const socket = this.conn._socket
    return this.conn.secure && socket instanceof tls.TLSSocket && socket.authorized
  }

  get connectedAddress(): string | null {
    const socket = this.conn._socket
    return socket ? (socket.remoteAddress ?? null) : null
  }

  tlsSummary(): TlsSummary | null {
    const socket = this.conn._socket
    if (!(socket instanceof tls.TLSSocket)) return null
    const cipher = socket.getCipher()
    return {
      protocol: socket.getProtocol() ?? null,
      cipher: cipher?.standardName ?? cipher?.name ?? null,
      servername: this.options.host,
      certificate: summariseCertificate(socket, this.options.ca),
    }
  }

  /**
   * Sign in. The caller has already checked `verifiedTls` (or the person allowed plain text for
   * this attempt); this re-checks, because a password must never follow a broken promise.
   */
  async login(credentials: CredentialsProvider, mechanism: SaslMechanism | null, allowPlaintext: boolean): Promise<void> {
    if (!this.verifiedTls && !allowPlaintext) {
      throw new SmtpStepError('refusing to send credentials over an unencrypted connection', 'CLEARPORT_PLAINTEXT', 'AUTH')
    }
    const { signal } = this.options
    const auth =
      credentials.kind === 'password'
        ? { user: credentials.user, pass: credentials.password(), ...(mechanism && mechanism !== 'XOAUTH2' && { method: mechanism }) }
        : {
            type: 'OAuth2',
            user: credentials.user,
            method: 'XOAUTH2',
            // nodemailer asks again with renew=true when the server refuses the token; the
            // provider decides whether it can renew (credentials.ts).
            oauth2: new XOAuth2({
              user: credentials.user,
              provisionCallback: (_user, renew, callback) => {
                credentials.accessToken(renew, signal).then(
                  (token) => callback(null, token),
                  (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
                )
              },
            }),
          }
    await this.step<void>('auth', this.options.timeouts.command, (done) => this.conn.login(auth, (error) => done(error)))
  }

  /** The mechanism the sign-in used, read from the (masked) transcript. */
  mechanismUsed(): string | null {
    const line = [...this.options.transcript.lines].reverse().find((l) => l.dir === 'client' && /^AUTH \S+/i.test(l.text))
    return line?.text.split(/\s+/)[1]?.toUpperCase() ?? null
  }

  /**
   * Send one raw command and return the reply, whatever its code. Runs through the custom-SASL
   * hook (see the top of this file); only after `login`, and never with a secret in `command`.
   */
  async command(command: string): Promise<SmtpReplyInfo> {
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(command)) throw new RangeError('a command must not contain control characters')
    return this.step<SmtpReplyInfo>('command', this.options.timeouts.command, (done) => {
      this.hook = (ctx) => {
        // The callback form: the reply reaches us synchronously, before a 421 closes the session.
        ctx.sendCommand(command, (error, data) => {
          if (error) return done(error)
          done(null, { status: data.status, response: data.response })
          ctx.resolve()
        })
      }
      this.options.transcript.labelNextMasked(command)
      this.conn.login({ method: COMMAND_HOOK }, (error) => {
        if (error) done(error)
      })
    })
  }

  async reset(): Promise<void> {
    await this.step<void>('reset', this.options.timeouts.command, (done) => this.conn.reset((error) => done(error)))
  }

  async send(envelope: SMTPEnvelope, message: Buffer): Promise<SMTPConnectionSendInfo> {
    return this.step<SMTPConnectionSendInfo>('data', this.options.timeouts.data, (done) => this.conn.send(envelope, message, (error, info) => done(error ?? null, info)))
  }

  /** QUIT and wait (briefly) for the server to close; never fails the attempt. */
  async quit(): Promise<boolean> {
    if (this.conn.destroyed) return false
    try {
      await withScope(this.options.signal, this.options.timeouts.quit, 'quit', (signal) => {
        return new Promise<void>((resolve, reject) => {
          const onEnd = (): void => {
            signal.removeEventListener('abort', onAbort)
            resolve()
          }
          const onAbort = (): void => {
            this.conn.removeListener('end', onEnd)
            reject(abortReason(signal))
          }
          this.conn.once('end', onEnd)
          signal.addEventListener('abort', onAbort, { once: true })
          this.conn.quit()
        })
      })
      return true
    } catch {
      return false
    } finally {
      this.close()
    }
  }

  /** Idempotent: destroys the socket and every nodemailer timer. */
  close(): void {
    this.hook = null
    this.conn.close()
  }

  /**
   * Run one nodemailer call under a deadline scope. Settles exactly once: with the call's own
   * result, with an error nodemailer emitted, when the connection ended, or when the scope
   * aborted (deadline or cancel) — in which case the connection is closed first.
   */
  private step<T>(name: string, ms: number, start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    return withScope(this.options.signal, ms, name, (signal) => {
      return new Promise<T>((resolve, reject) => {
        let settled = false
        const finish = (error: Error | null | undefined, value?: T): void => {
          if (settled) return
          settled = true
          this.failStep = null
          this.conn.removeListener('error', onError)
          this.conn.removeListener('end', onEnd)
          signal.removeEventListener('abort', onAbort)
          if (error) reject(error)
          else resolve(value as T)
        }
        const onError = (error: Error): void => finish(error)
        // nodemailer reports the error first and then ends; an end alone means the server hung up.
        const onEnd = (): void => finish(this.lastError ?? new SmtpStepError('the server closed the connection', 'ECONNECTION', 'CONN'))
        // Settle first: closing emits 'end', which must not be mistaken for the server hanging up.
        const onAbort = (): void => {
          finish(abortReason(signal))
          this.close()
        }
        if (signal.aborted) return onAbort()
        if (this.conn.destroyed && name !== 'connect') return finish(new SmtpStepError('the connection is already closed', 'ECONNECTION', 'API'))
        this.failStep = finish
        this.conn.on('error', onError)
        this.conn.once('end', onEnd)
        signal.addEventListener('abort', onAbort, { once: true })
        try {
          start(finish)
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)))
        }
      })
    })
  }
}
