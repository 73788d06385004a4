// How long one DNS look-up may take, named once (it was a bare literal in nine places). The
// resolver itself re-sends within this (net/dns.ts); the deadline ends a server that never answers.

/** Probes and discovery: a look-up that has not answered in 4 s will not answer usefully. */
export const DNS_DEADLINE_MS = 4000

/**
 * Sign-in: the person is waiting for one answer about their own server, not ranking many, so a
 * slow resolver gets more time before the attempt is called a DNS failure.
 */
export const SIGN_IN_DNS_DEADLINE_MS = 10_000
