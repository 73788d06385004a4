// One SMTP probe conversation over a connected socket: greeting, EHLO, optionally STARTTLS
// and EHLO again, QUIT. Returns what was seen; never throws for server behaviour — a hostile
// or broken server yields a classified `error` — only for cancellation.
import type net from 'node:net'
import type { SmtpCapabilities, TlsSummary, TranscriptLine } from '@shared/model'
import { judgeSmtpReply, type ServerBehaviour, type SmtpStep } from '@shared/server-behaviour'
import { DeadlineError, isCancel, withScope } from '../deadline'
import { TLS_AFTER_INJECTION, TlsHandshakeError, handshake, injectionFailure } from '../net/tls'
import { hasMaskedStartTls, parseCapabilities } from './capabilities'
import { ConnectionClosedError, SmtpConnection } from './connection'
import { ReplyParseError, replyText, type SmtpReply } from './reply-parser'

/** Named deadlines (ms) for each step of a conversation. */
export interface SmtpDeadlines {
  greeting: number
  ehlo: number
  starttls: number
  tls: number
}

export const defaultSmtpDeadlines: SmtpDeadlines = { greeting: 5000, ehlo: 4000, starttls: 4000, tls: 5000 }

/** What the server did (the names `send` uses too, server-behaviour.ts) or how the probe ended. */
export type SmtpProbeErrorCode = ServerBehaviour | 'greeting-timeout' | 'reply-timeout' | 'tls-timeout' | 'tls-failed' | 'protocol' | 'closed' | 'reset'

export interface SmtpProbeResult {
  banner: string | null
  capabilitiesBeforeTls: SmtpCapabilities | null
  capabilitiesAfterTls: SmtpCapabilities | null
  /** STARTTLS was announced masked ("XXXXXXXA"): a middlebox rewrote the EHLO reply. */
  startTlsMasked: boolean
  tls: TlsSummary | null
  /** Bytes that arrived between "220 Ready to start TLS" and the handshake, discarded. */
  injectedBytes: number
  error: { code: SmtpProbeErrorCode; message: string } | null
}

export interface SmtpProbeOptions {
  /** Host name for the certificate check and SNI. */
  host: string
  /** `implicit`: the socket is already TLS (465). `starttls`: upgrade after the first EHLO. */
  mode: 'plain' | 'starttls' | 'implicit'
  ehloName: string
  signal: AbortSignal
  deadlines?: Partial<SmtpDeadlines>
  transcript: TranscriptLine[]
  ca?: string[]
  /** Already-done TLS summary for implicit TLS. */
  tls?: TlsSummary | null
}

function classify(error: unknown, step: string): { code: SmtpProbeErrorCode; message: string } {
  const injected = injectionFailure(error, step)
  if (injected) return injected
  if (error instanceof DeadlineError) {
    const code = step === 'greeting' ? 'greeting-timeout' : step === 'tls' ? 'tls-timeout' : 'reply-timeout'
    const hint = step === 'greeting' ? ' — if this is an implicit-TLS port (465), the client must start with TLS' : ''
    return { code, message: `${error.message}${hint}` }
  }
  if (error instanceof TlsHandshakeError) return { code: 'tls-failed', message: error.message }
  if (error instanceof ReplyParseError) {
    if (error.kind === 'line-too-long' || error.kind === 'too-many-lines' || error.kind === 'reply-too-large') return { code: 'reply-too-large', message: error.message }
    return { code: step === 'greeting' ? 'not-mail-server' : 'protocol', message: error.message }
  }
  if (error instanceof ConnectionClosedError) return { code: error.reset ? 'reset' : 'closed', message: `${error.message} (${step})` }
  return { code: 'protocol', message: error instanceof Error ? error.message : String(error) }
}

export async function smtpProbe(socket: net.Socket, options: SmtpProbeOptions): Promise<SmtpProbeResult> {
  const deadlines = { ...defaultSmtpDeadlines, ...options.deadlines }
  const { signal } = options
  const result: SmtpProbeResult = {
    banner: null,
    capabilitiesBeforeTls: null,
    capabilitiesAfterTls: null,
    startTlsMasked: false,
    tls: options.tls ?? null,
    injectedBytes: 0,
    error: null,
  }
  const conn = new SmtpConnection(socket, options.transcript)
  let step = 'greeting'
  const expect = async (name: string, ms: number): Promise<SmtpReply> => {
    step = name
    return conn.read(name, ms, signal)
  }
  try {
    /** The reply to `at` judged by the rule `send` uses; a wrong one ends the probe, named. */
    const refused = async (at: SmtpStep, reply: SmtpReply, what: string): Promise<boolean> => {
      const behaviour = judgeSmtpReply(at, reply.code)
      if (behaviour === null) return false
      result.error = { code: behaviour, message: `${what}: ${replyText(reply)}` }
      await conn.quit()
      return true
    }
    const greeting = await expect('greeting', deadlines.greeting)
    result.banner = greeting.lines[0] ?? ''
    if (await refused('greeting', greeting, 'the server refused the session')) return result
    const ehlo = async (): Promise<SmtpReply> => {
      conn.send(`EHLO ${options.ehloName}`)
      return expect('ehlo', deadlines.ehlo)
    }
    const first = await ehlo()
    if (await refused('ehlo', first, 'EHLO was refused')) return result
    result.capabilitiesBeforeTls = parseCapabilities(first)
    result.startTlsMasked = hasMaskedStartTls(first)
    if (options.mode !== 'starttls') {
      await conn.quit()
      return result
    }
    if (!result.capabilitiesBeforeTls.startTls) {
      result.error = { code: 'starttls-missing', message: 'the server did not offer STARTTLS' }
      await conn.quit()
      return result
    }
    // Whatever follows the answer to STARTTLS in plain text is never parsed (CVE-2011-0411).
    conn.expectTlsBoundary()
    conn.send('STARTTLS')
    const ready = await expect('starttls', deadlines.starttls)
    if (ready.code !== 220) conn.endBoundary()
    if (await refused('starttls', ready, 'STARTTLS was refused')) return result
    const { socket: raw, discarded } = conn.releaseForTls()
    result.injectedBytes = discarded
    if (discarded > 0) {
      conn.log('info', `discarded ${discarded} bytes sent after "220" to STARTTLS, before TLS (RFC 3207 §4.2)`)
    }
    step = discarded > 0 ? TLS_AFTER_INJECTION : 'tls'
    const secured = await withScope(signal, deadlines.tls, 'tls', (s) => handshake(raw, { host: options.host, signal: s, ca: options.ca }))
    result.tls = secured.summary
    conn.log('info', `TLS ${secured.summary.protocol ?? '?'} ${secured.summary.cipher ?? ''}`.trim())
    conn.resumeOver(secured.socket)
    // Capabilities from before TLS are forgotten: only the post-TLS EHLO counts (RFC 3207 §4.2).
    const second = await ehlo()
    if (await refused('ehlo', second, 'EHLO after TLS was refused')) return result
    result.capabilitiesAfterTls = parseCapabilities(second)
    await conn.quit()
    return result
  } catch (error) {
    conn.close()
    if (isCancel(error)) throw error
    result.error = classify(error, step)
    return result
  }
}
