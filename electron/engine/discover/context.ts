// What every discovery source gets, and what each hands back. Every host and port the engine
// talks to goes through here, so tests can point all of it at loopback: the DNS server, the port
// map (standard port → the port a test server listens on), the trusted CA, the ISPDB URL.
import type { CandidateInput, DiscoverySource, RawCandidate, SourceAttempt } from '@shared/discovery'
import { checkCandidate } from '@shared/discovery'
import type { Catalog } from '@shared/providers/catalog'
import type { EmailAddress } from '@shared/validate'
import type { DnsClient } from '../net/dns'
import type { Patience } from '../net/patience'
import type { BundledIspdb } from './bundled-ispdb'
import { fetchDocument, type FetchOptions, type FetchResult } from './http'

export interface DiscoverContext {
  email: EmailAddress
  dns: DnsClient
  patience: Patience
  signal: AbortSignal
  ca?: string[]
  portMap: Record<string, number>
  catalog: Catalog
  /** Base URL the domain is appended to; null: the online ISPDB is not asked. */
  ispdbBaseUrl: string | null
  /** The bundled ISPDB, loaded on first call; null: not used. */
  bundledIspdb: (() => Promise<BundledIspdb>) | null
  allowHttp: boolean
  http: { timeoutMs: number; maxBytes: number; maxRedirects: number }
  random: () => number
}

export interface ProviderHint {
  name: string
  id: string
  domains: string[]
  notes?: string
}

export interface SourceOutput {
  candidates: RawCandidate[]
  attempts: SourceAttempt[]
  rejected: string[]
  provider?: ProviderHint
}

export function emptyOutput(): SourceOutput {
  return { candidates: [], attempts: [], rejected: [] }
}

/** Check each claimed server; keep the good ones with their provenance, the reasons for the rest. */
export function accept(out: SourceOutput, inputs: CandidateInput[], source: DiscoverySource, detail: string, orderBase = 0): number {
  let accepted = 0
  inputs.forEach((input, index) => {
    const checked = checkCandidate(input)
    if (!checked.ok) {
      out.rejected.push(`${detail}: ${checked.message}`)
      return
    }
    out.candidates.push({ ...checked.value, ref: { source, detail, order: orderBase + index } })
    accepted += 1
  })
  return accepted
}

export function fetchFor(ctx: DiscoverContext, url: string, extra: Partial<FetchOptions> = {}): Promise<FetchResult> {
  return fetchDocument(url, {
    dns: ctx.dns,
    patience: ctx.patience,
    signal: ctx.signal,
    ca: ctx.ca,
    portMap: ctx.portMap,
    timeoutMs: ctx.http.timeoutMs,
    maxBytes: ctx.http.maxBytes,
    maxRedirects: ctx.http.maxRedirects,
    allowHttp: false,
    ...extra,
  })
}
