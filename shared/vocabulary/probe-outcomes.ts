// How probes end: one TCP connect attempt, a DNS look-up that failed, and discovery's verdict on
// one candidate endpoint.

/** How one TCP connection attempt to one address ended. */
export const tcpOutcomes = ['open', 'timeout', 'refused', 'unreachable', 'reset', 'dns-error'] as const

export type TcpOutcome = (typeof tcpOutcomes)[number]

/** not-found: NXDOMAIN; no-record: the name exists without that type; no-answer: timeout; server: SERVFAIL/REFUSED. */
export const dnsFailures = ['not-found', 'no-record', 'no-answer', 'server'] as const

export type DnsFailure = (typeof dnsFailures)[number]

/**
 * Discovery's verdict on one endpoint. ok: TLS (implicit or STARTTLS) worked and the certificate
 * is valid for the host; plaintext-only: answered without TLS (shown, never recommended);
 * no-greeting: connected, but nothing (or not this protocol) was said in time; unreachable:
 * refused, dropped (judged by the network's round-trip patience) or unreachable.
 */
export const verifyStatuses = [
  'ok', 'untrusted-certificate', 'plaintext-only', 'tls-failed', 'no-greeting', 'rejected', 'protocol-error', 'unreachable', 'dns-error',
] as const

export type VerifyStatus = (typeof verifyStatuses)[number]
