// The shape every capability conversation (SMTP, IMAP, POP3) shares: what it was given and what
// it saw. The protocols differ in their commands only; the pipeline (pipeline.ts) and its readers
// see one result.
import type { TlsSummary, TranscriptLine } from '@shared/model'
import type { ProbeError } from '@shared/probe-error'
import { isCancel } from '../deadline'

/** `implicit`: the socket is already TLS (465, 993, 995). `starttls`: upgrade after the first capabilities. */
export type ConversationMode = 'plain' | 'starttls' | 'implicit'

export interface ConversationOptions<D> {
  /** Host name for the certificate check and SNI. */
  host: string
  mode: ConversationMode
  signal: AbortSignal
  deadlines?: Partial<D>
  transcript: TranscriptLine[]
  ca?: string[]
  /** The summary of an implicit-TLS handshake already done. */
  tls?: TlsSummary | null
}

export interface ConversationResult<C> {
  banner: string | null
  /** On the plaintext session (STARTTLS / plain) or, for implicit TLS, the only session. */
  capabilitiesBeforeTls: C | null
  /** After STARTTLS; pre-TLS capabilities are forgotten (RFC 3207 §4.2, RFC 2595 §3.1). */
  capabilitiesAfterTls: C | null
  tls: TlsSummary | null
  /** Bytes that arrived after the go-ahead to STARTTLS, before the handshake: discarded. */
  injectedBytes: number
  /** Never thrown for server behaviour: a hostile or broken server yields a named error. */
  error: ProbeError | null
}

/** A result with nothing seen yet; the conversation fills it in as it goes. */
export function emptyConversation<C>(tls: TlsSummary | null = null): ConversationResult<C> {
  return { banner: null, capabilitiesBeforeTls: null, capabilitiesAfterTls: null, tls, injectedBytes: 0, error: null }
}

/**
 * After the first capabilities: true when the conversation goes on to STARTTLS. Otherwise it
 * ends here with `farewell`: no upgrade was asked for, or the server did not offer `verb`.
 */
export async function goesOnToTls(result: ConversationResult<{ startTls: boolean }>, mode: ConversationMode, verb: string, farewell: () => Promise<void>): Promise<boolean> {
  if (mode === 'starttls' && result.capabilitiesBeforeTls?.startTls) return true
  if (mode === 'starttls') result.error = { code: 'starttls-missing', message: `the server did not offer ${verb}` }
  await farewell()
  return false
}

/** The server refused the upgrade: the plain conversation goes on only to say goodbye. */
export async function upgradeRefused<R extends ConversationResult<unknown>>(result: R, conn: { endBoundary(): void }, message: string, farewell: () => Promise<void>): Promise<R> {
  conn.endBoundary()
  result.error = { code: 'starttls-refused', message }
  await farewell()
  return result
}

/** A conversation ended by a throw: cancellation goes on up, anything else is named by `classify`. */
export function endedBy<R extends ConversationResult<unknown>>(result: R, conn: { close(): void }, error: unknown, classify: () => ProbeError): R {
  conn.close()
  if (isCancel(error)) throw error
  result.error = classify()
  return result
}
