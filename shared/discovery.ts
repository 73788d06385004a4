// Discovery: what each source claimed, what the probes proved, what we recommend — the types.
// The pure steps of `plan → probe → interpret` (candidate checking and merging, SRV ordering,
// disagreements, ranking) are in discovery-rules.ts and re-exported here. No I/O; runs in the
// renderer too.
import type { Port25Verdict, SocketSecurity, TlsSummary } from './model'
import type { UntestedDirection } from './account-plan'
import type { Caution } from './caution'
import type { AccountSettings, MailProtocol, ServerSettings } from './settings'

import type { DiscoverySource } from './vocabulary/discovery-sources'
import type { VerifyStatus } from './vocabulary/probe-outcomes'

export type { DiscoverySource } from './vocabulary/discovery-sources'
export type { VerifyStatus } from './vocabulary/probe-outcomes'

/** How much a source's word is worth before a probe has checked it. */
export type SourceTrust = 'bundled' | 'https' | 'unauthenticated-dns' | 'plain-http' | 'guess'


/** Where a candidate came from: the source, and the URL, record or catalog entry that said so. */
export interface SourceRef {
  source: DiscoverySource
  detail: string
  /** The candidate's position in that source's own order of preference (0 = first). */
  order: number
}

/** One claim by one source, before merging. */
export interface RawCandidate extends ServerSettings {
  ref: SourceRef
}

/** One endpoint with every source that named it. */
export interface Candidate extends ServerSettings {
  sources: SourceRef[]
}

export interface AddressAttempt {
  address: string | null
  outcome: string
  ms: number
  note: string | null
}

export interface Verification {
  status: VerifyStatus
  /** The words for `status`, with the exact reason. */
  summary: string
  reachable: boolean
  /** The address the reported conversation was held with. */
  address: string | null
  attempts: AddressAttempt[]
  banner: string | null
  tls: TlsSummary | null
  /** null: no TLS was reached. */
  certificateValid: boolean | null
  /** SASL mechanisms announced after TLS (never the pre-TLS list: RFC 3207 §4.2, RFC 2595 §3.1). */
  authMechanisms: string[]
  /** IMAP LOGIN (no LOGINDISABLED) or POP3 USER allowed after TLS. */
  passwordLogin: boolean
  capabilities: string[]
  /** Bytes injected before the TLS handshake and discarded. */
  injectedBytes: number
  ms: number
}

export interface DiscoveredServer extends Candidate {
  verified: Verification
  /** Named only by a forgeable channel (caution.ts): never recommended, signed in to only when accepted. */
  caution?: Caution | null
}

export interface SourceAttempt {
  /** URL, DNS name or catalog key asked. */
  target: string
  ok: boolean
  detail: string
}

export interface SourceReport {
  source: DiscoverySource
  status: 'found' | 'nothing' | 'failed' | 'skipped'
  detail: string
  /** Candidates accepted from this source. */
  found: number
  attempts: SourceAttempt[]
  /** Values thrown out, each with the reason (bad host, port out of range, ...). */
  rejected: string[]
  ms: number
}

export interface Disagreement {
  protocol: MailProtocol
  about: 'server' | 'socket' | 'username' | 'auth' | 'verification'
  message: string
  claims: { value: string; sources: DiscoverySource[] }[]
}

export interface Port25Hint {
  verdict: Port25Verdict
  submission: { port: number; usable: boolean | null }[]
}

export interface DiscoveryReport {
  /** local@asciiDomain */
  address: string
  /** The domain as the person typed it (may be Unicode). */
  domain: string
  asciiDomain: string
  incoming: DiscoveredServer[]
  outgoing: DiscoveredServer[]
  /**
   * Per direction the best verified server and a few distinct alternatives (account-plan.ts);
   * where none was verified, the provider's published servers this network could not reach,
   * listed in `untested`. Null when there is nothing to offer.
   */
  recommended: AccountSettings | null
  /** Directions whose recommended servers are published but could not be tested from here. */
  untested: UntestedDirection[]
  disagreements: Disagreement[]
  sources: SourceReport[]
  notes: string[]
  port25: Port25Hint | null
  startedAt: string
  elapsedMs: number
}

export type DiscoveryProgress =
  | { type: 'source'; source: DiscoverySource; state: 'started' | 'done'; found: number; detail: string }
  | {
      type: 'endpoint'
      protocol: MailProtocol
      host: string
      port: number
      socket: SocketSecurity
      state: 'probing' | 'done'
      status: VerifyStatus | null
      detail: string
    }

export * from './discovery-rules'
export * from './account-plan'
export * from './caution'
