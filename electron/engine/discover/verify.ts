// Verification: every candidate endpoint is probed (the one pipeline, probe/pipeline.ts) and judged — reachable, TLS or
// STARTTLS works, the certificate is valid for the host, AUTH mechanisms read after TLS.
// Plaintext-only endpoints are reported as such and never recommended (shared/discovery.ts).
import type { Candidate, Verification, VerifyStatus } from '@shared/discovery'
import type { ProbeErrorCode } from '@shared/probe-error'
import { isCancel } from '../deadline'
import type { DnsClient } from '../net/dns'
import type { Patience } from '../net/patience'
import { serviceConversation, type ServiceConversation } from '../probe/conversations'
import { probeEndpoint, type AddressProbe } from '../probe/pipeline'

/** One address's probe as discovery reads it. */
export type AddressResult = AddressProbe<ServiceConversation>

export interface VerifyOptions {
  dns: DnsClient
  patience: Patience
  signal: AbortSignal
  ca?: string[]
  portMap: Record<string, number>
}

const STATUS_RANK: VerifyStatus[] = ['ok', 'untrusted-certificate', 'plaintext-only', 'tls-failed', 'rejected', 'protocol-error', 'no-greeting', 'unreachable', 'dns-error']

const WORDS: Record<VerifyStatus, string> = {
  ok: 'verified: TLS works and the certificate is valid for the host',
  'untrusted-certificate': 'TLS works but the certificate is not valid for this host',
  'plaintext-only': 'answers without encryption only: shown, never recommended',
  'tls-failed': 'the TLS handshake failed',
  'no-greeting': 'connected, but the server did not greet in time',
  rejected: 'the server refused the session',
  'protocol-error': 'the server did not speak the expected protocol',
  unreachable: 'not reachable from here',
  'dns-error': 'the name does not resolve',
}

/** A probe's error code (shared/probe-error.ts) → the verdict on the endpoint. */
export function statusFromError(code: ProbeErrorCode): VerifyStatus {
  switch (code) {
    case 'greeting-timeout':
      return 'no-greeting'
    case 'tls-failed':
    case 'tls-timeout':
    case 'starttls-injection':
      return 'tls-failed'
    case 'starttls-missing':
    case 'starttls-refused':
    case 'preauth-plaintext':
      return 'plaintext-only'
    // What a server did, named as `send` names it (shared/server-behaviour.ts).
    case 'greeting-refused':
    case 'ehlo-refused':
    case 'server-busy':
    case 'command-refused':
      return 'rejected'
    case 'timeout':
    case 'refused':
    case 'unreachable':
    case 'reset':
      return 'unreachable'
    default:
      return 'protocol-error'
  }
}

/** Judge one address's probe. Pure. */
export function judge(r: AddressResult, socket: Candidate['socket']): { status: VerifyStatus; reason: string | null } {
  if (r.outcome !== 'open') return { status: 'unreachable', reason: r.error?.message ?? r.outcome }
  if (r.error) return { status: statusFromError(r.error.code), reason: r.error.message }
  const c = r.conversation
  if (socket === 'plain' || !c?.tls) return { status: 'plaintext-only', reason: 'no TLS on this endpoint' }
  if (!c.tls.certificate?.verified) return { status: 'untrusted-certificate', reason: `certificate: ${c.tls.certificate?.verifyError ?? 'none presented'}` }
  if (c.injectedBytes > 0) return { status: 'protocol-error', reason: `${c.injectedBytes} bytes were injected before TLS (discarded): something on the path tampers with the session` }
  return { status: 'ok', reason: null }
}

export async function verifyCandidate(candidate: Candidate, options: VerifyOptions): Promise<Verification> {
  const t0 = performance.now()
  const port = options.portMap[String(candidate.port)] ?? candidate.port
  let judged: { r: AddressResult | null; status: VerifyStatus; reason: string | null }[]
  try {
    const target = { host: candidate.host, port, security: candidate.socket }
    const result = await probeEndpoint(target, options, serviceConversation(candidate.protocol, options.patience))
    judged = result.dnsError !== null
      ? [{ r: null, status: 'dns-error', reason: result.dnsError.error.message }]
      : result.addresses.map((r) => ({ r, ...judge(r, candidate.socket) }))
  } catch (error) {
    if (isCancel(error)) throw error
    judged = [{ r: null, status: 'protocol-error', reason: (error as Error).message }]
  }
  const best = [...judged].sort((a, b) => STATUS_RANK.indexOf(a.status) - STATUS_RANK.indexOf(b.status))[0]!
  const r = best.r
  const c = r?.conversation ?? null
  // Mechanisms count only from a TLS session: a pre-TLS list may be forged (RFC 3207 §4.2).
  const caps = c ? (candidate.socket === 'STARTTLS' ? c.capabilitiesAfterTls : candidate.socket === 'SSL' ? c.capabilitiesBeforeTls : null) : null
  return {
    status: best.status,
    summary: `${WORDS[best.status]}${best.reason ? `: ${best.reason}` : ''}`,
    reachable: judged.some((j) => j.r?.outcome === 'open'),
    address: r?.address ?? null,
    attempts: judged.map((j) => ({ address: j.r?.address ?? null, outcome: j.status === 'ok' ? 'ok' : (j.r?.outcome === 'open' ? j.status : (j.r?.outcome ?? j.status)), ms: j.r?.ms ?? 0, note: j.reason })),
    banner: c?.banner ?? null,
    tls: c?.tls ?? null,
    certificateValid: c?.tls ? (c.tls.certificate?.verified ?? false) : null,
    authMechanisms: caps?.auth ?? [],
    passwordLogin: caps?.passwordLogin ?? false,
    capabilities: (caps ?? c?.capabilitiesBeforeTls)?.raw ?? [],
    injectedBytes: c?.injectedBytes ?? 0,
    ms: Math.round(performance.now() - t0),
  }
}
