// One SMTP probe conversation over a connected socket: greeting, EHLO, optionally STARTTLS
// and EHLO again, QUIT. Returns what was seen; never throws for server behaviour — a hostile
// or broken server yields a classified `error` — only for cancellation.
import type net from 'node:net'
import type { SmtpCapabilities } from '@shared/model'
import type { ProbeError } from '@shared/probe-error'
import { judgeSmtpReply, type SmtpStep } from '@shared/server-behaviour'
import { emptyConversation, endedBy, goesOnToTls, type ConversationOptions, type ConversationResult } from '../probe/conversation'
import { classifyConversationError } from '../probe/failure'
import { hasMaskedStartTls, parseCapabilities } from './capabilities'
import { SmtpConnection } from './connection'
import { ReplyParseError, replyText, type SmtpReply } from './reply-parser'

/** Named deadlines (ms) for each step of a conversation. */
export interface SmtpDeadlines {
  greeting: number
  ehlo: number
  starttls: number
  tls: number
}

export const defaultSmtpDeadlines: SmtpDeadlines = { greeting: 5000, ehlo: 4000, starttls: 4000, tls: 5000 }

export interface SmtpProbeResult extends ConversationResult<SmtpCapabilities> {
  /** STARTTLS was announced masked ("XXXXXXXA"): a middlebox rewrote the EHLO reply. */
  startTlsMasked: boolean
}

export interface SmtpProbeOptions extends ConversationOptions<SmtpDeadlines> {
  ehloName: string
}

/** What only an SMTP reply parser throws; the rest is named as for every protocol. */
function named(error: unknown, step: string): ProbeError | null {
  if (!(error instanceof ReplyParseError)) return null
  if (error.kind === 'line-too-long' || error.kind === 'too-many-lines' || error.kind === 'reply-too-large') return { code: 'reply-too-large', message: error.message }
  return { code: step === 'greeting' ? 'not-mail-server' : 'protocol', message: error.message }
}

export async function smtpProbe(socket: net.Socket, options: SmtpProbeOptions): Promise<SmtpProbeResult> {
  const deadlines = { ...defaultSmtpDeadlines, ...options.deadlines }
  const { signal } = options
  const result: SmtpProbeResult = { ...emptyConversation<SmtpCapabilities>(options.tls ?? null), startTlsMasked: false }
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
    if (!(await goesOnToTls(result, options.mode, 'STARTTLS', () => conn.quit()))) return result
    // Whatever follows the answer to STARTTLS in plain text is never parsed (CVE-2011-0411).
    conn.expectTlsBoundary()
    conn.send('STARTTLS')
    const ready = await expect('starttls', deadlines.starttls)
    if (ready.code !== 220) conn.endBoundary()
    if (await refused('starttls', ready, 'STARTTLS was refused')) return result
    await conn.upgradeToTls(result, { ...options, ms: deadlines.tls, after: '"220" to STARTTLS', rfc: 'RFC 3207 §4.2', onStep: (now) => (step = now) })
    // Capabilities from before TLS are forgotten: only the post-TLS EHLO counts (RFC 3207 §4.2).
    const second = await ehlo()
    if (await refused('ehlo', second, 'EHLO after TLS was refused')) return result
    result.capabilitiesAfterTls = parseCapabilities(second)
    await conn.quit()
    return result
  } catch (error) {
    return endedBy(result, conn, error, () => classifyConversationError(error, step, { implicitTlsPorts: '465', named }))
  }
}
