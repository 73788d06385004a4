// discover(address): every source in parallel, each candidate probed as soon as a source names
// it, then the pure interpretation (merge, rank, disagreements) from shared/discovery.ts.
import {
  authFromMechanisms, cautionOf, detectDisagreements, knownProviderHost, endpointKey, mergeCandidates, rankServers, recommend, reconcileAuth,
  type DiscoveredServer, type DiscoveryProgress, type DiscoveryReport, type DiscoverySource, type Port25Hint,
  type RawCandidate, type SourceReport, type Verification, type VerifyStatus,
} from '@shared/discovery'
import { runnableSources, type RunnableSource } from '@shared/vocabulary/discovery-sources'
import { bundledCatalog, type Catalog } from '@shared/providers/catalog'
import { parseEmailAddress } from '@shared/validate'
import { abortReason, isCancel, scope } from '../deadline'
import { DnsClient } from '../net/dns'
import { BadInputError } from '@shared/input-error'
import { Patience, type PatienceRule } from '../net/patience'
import { autoconfigSource } from './autoconfig'
import { loadBundledIspdb, type BundledIspdb } from './bundled-ispdb'
import { autodiscoverSource } from './autodiscover'
import { catalogSource } from './catalog'
import type { DiscoverContext, ProviderHint, SourceOutput } from './context'
import { guessSource } from './guess'
import { DEFAULT_ISPDB_URL, ispdbSource } from './ispdb'
import { baseDomain, mxSource } from './mx'
import { srvSource } from './srv'
import { verifyCandidate } from './verify'

export { BadInputError }

export const ALL_SOURCES: readonly DiscoverySource[] = runnableSources

export interface DiscoverOptions {
  /** DNS server "HOST:PORT" (validated); default the system's. */
  dnsServer?: string
  /** Extra trusted roots (tests); Node's public roots, the OS store and NODE_EXTRA_CA_CERTS stay trusted (net/trust.ts). */
  ca?: string[]
  /** Standard port → port actually connected to, for HTTP(S) and mail alike (tests: {"443": 8443}). */
  portMap?: Record<string, number>
  /** Online ISPDB base URL (the domain is appended); null: do not ask. */
  ispdbBaseUrl?: string | null
  /** The bundled ISPDB (default: shared/providers/ispdb.json, loaded on first use); null: not used. */
  bundledIspdb?: BundledIspdb | null
  catalog?: Catalog
  /** Which sources to run (default: all). `autoconfig-http` rides with `autoconfig`. */
  sources?: DiscoverySource[]
  /** Allow the plain-http autoconfig fallback (default true; it is marked as such). */
  allowHttp?: boolean
  /** The port-25 verdict, if a check ran: ranking avoids ports this network blocks. */
  port25?: Port25Hint
  signal?: AbortSignal
  onProgress?: (event: DiscoveryProgress) => void
  overallMs?: number
  http?: Partial<DiscoverContext['http']>
  /** Silent-connect rule; `{ fixedMs }` reproduces a fixed-timeout client (the benchmark's baseline). */
  patience?: PatienceRule | { fixedMs: number }
  /** For SRV weight selection (RFC 2782); tests make it deterministic. */
  random?: () => number
}

const RUNNERS: Record<RunnableSource, (ctx: DiscoverContext) => Promise<SourceOutput>> = {
  catalog: catalogSource,
  autoconfig: autoconfigSource,
  ispdb: ispdbSource,
  autodiscover: autodiscoverSource,
  srv: srvSource,
  mx: mxSource,
  guess: guessSource,
}

export async function discover(address: string, options: DiscoverOptions = {}): Promise<DiscoveryReport> {
  const startedAt = new Date().toISOString()
  const t0 = performance.now()
  const parsed = parseEmailAddress(address)
  if (!parsed.ok) throw new BadInputError(parsed.message, 'address')
  const email = parsed.value
  const progress = options.onProgress ?? (() => {})
  const overall = scope(options.signal, options.overallMs ?? 20_000, 'discovery')
  const ctx: DiscoverContext = {
    email,
    dns: new DnsClient({ server: options.dnsServer }),
    patience: new Patience(options.patience),
    signal: overall.signal,
    ca: options.ca,
    portMap: options.portMap ?? {},
    catalog: options.catalog ?? bundledCatalog,
    ispdbBaseUrl: options.ispdbBaseUrl === undefined ? DEFAULT_ISPDB_URL : options.ispdbBaseUrl,
    bundledIspdb: bundledFrom(options.bundledIspdb),
    allowHttp: options.allowHttp ?? true,
    http: { timeoutMs: 4000, maxBytes: 1_048_576, maxRedirects: 3, ...options.http },
    random: options.random ?? Math.random,
  }
  const wanted = new Set(options.sources ?? ALL_SOURCES)
  const raw: RawCandidate[] = []
  const verifications = new Map<string, Promise<Verification>>()
  const reports: SourceReport[] = []
  const providers: Partial<Record<DiscoverySource, ProviderHint>> = {}

  const verify = (candidate: RawCandidate): void => {
    const key = endpointKey(candidate)
    if (verifications.has(key)) return
    const where = { protocol: candidate.protocol, host: candidate.host, port: candidate.port, socket: candidate.socket }
    progress({ type: 'endpoint', ...where, state: 'probing', status: null, detail: `probing for ${candidate.ref.source}` })
    const { ref: _ref, ...settings } = candidate
    const running = verifyCandidate({ ...settings, sources: [] }, { dns: ctx.dns, patience: ctx.patience, signal: ctx.signal, ca: ctx.ca, portMap: ctx.portMap })
    running.then(
      (v) => progress({ type: 'endpoint', ...where, state: 'done', status: v.status, detail: v.summary }),
      () => {},
    )
    verifications.set(key, running)
  }

  const runSource = async (source: Exclude<DiscoverySource, 'autoconfig-http'>): Promise<void> => {
    const started = performance.now()
    if (!wanted.has(source) || (source === 'ispdb' && ctx.ispdbBaseUrl === null && ctx.bundledIspdb === null)) {
      reports.push({ source, status: 'skipped', detail: 'not asked', found: 0, attempts: [], rejected: [], ms: 0 })
      return
    }
    progress({ type: 'source', source, state: 'started', found: 0, detail: '' })
    let report: SourceReport
    try {
      const out = await RUNNERS[source](ctx)
      for (const candidate of out.candidates) {
        raw.push(candidate)
        verify(candidate)
      }
      if (out.provider) providers[source] = out.provider
      const found = out.candidates.length
      const status = found > 0 ? 'found' : 'nothing'
      const detail = found > 0
        ? `${found} server(s)`
        : (describeAttempts(out.attempts) || 'nothing found').slice(0, 500)
      report = { source, status, detail, found, attempts: out.attempts, rejected: out.rejected, ms: Math.round(performance.now() - started) }
    } catch (error) {
      if (isCancel(error) && options.signal?.aborted) throw error
      // One source failing (or running out of the overall time) never stops the others.
      report = { source, status: 'failed', detail: (error as Error).message, found: 0, attempts: [], rejected: [], ms: Math.round(performance.now() - started) }
    }
    reports.push(report)
    progress({ type: 'source', source, state: 'done', found: report.found, detail: report.detail })
  }

  let results: Map<string, Verification>
  try {
    await Promise.all((Object.keys(RUNNERS) as (keyof typeof RUNNERS)[]).map((s) => runSource(s)))
    const settled = await Promise.allSettled([...verifications.entries()].map(async ([key, p]) => [key, await p] as const))
    if (options.signal?.aborted) throw abortReason(options.signal)
    results = new Map()
    for (const s of settled) {
      if (s.status === 'fulfilled') results.set(s.value[0], s.value[1])
      else if (isCancel(s.reason) && options.signal?.aborted) throw s.reason
    }
  } finally {
    overall.dispose()
  }

  // Known providers: the catalog's, and the bundled ISPDB's when this discovery loaded it.
  const bundle = ctx.bundledIspdb && wanted.has('ispdb') ? await ctx.bundledIspdb().catch(() => null) : null
  const knownHost = knownProviderHost(ctx.catalog, baseDomain, bundle?.known ?? {})
  const servers: DiscoveredServer[] = mergeCandidates(raw).map((candidate) => {
    const verified = results.get(endpointKey(candidate)) ?? notVerified()
    const offered = authFromMechanisms(verified.authMechanisms, verified.passwordLogin)
    return { ...candidate, auth: reconcileAuth(candidate.auth, offered), verified, caution: cautionOf(candidate.sources, candidate.host, email.asciiDomain, knownHost) }
  })
  const incoming = rankServers(servers.filter((s) => s.protocol !== 'smtp'), options.port25)
  const outgoing = rankServers(servers.filter((s) => s.protocol === 'smtp'), options.port25)
  const hint = providers.catalog ?? providers.mx ?? providers.autoconfig ?? providers.ispdb
  const provider = hint ? { name: hint.name, id: hint.id, domains: hint.domains.length > 0 ? hint.domains : [email.asciiDomain] } : { name: email.domain, id: email.asciiDomain, domains: [email.asciiDomain] }
  const statuses = new Map<string, VerifyStatus>([...results.entries()].map(([k, v]) => [k, v.status]))
  const notes: string[] = []
  if (hint?.notes) notes.push(`${hint.name}: ${hint.notes}`)
  if (raw.some((c) => c.ref.source === 'srv' || c.ref.source === 'mx')) {
    notes.push('Values from DNS (SRV, MX) are unauthenticated; each was trusted only after its certificate matched the host.')
  }
  if (raw.some((c) => c.ref.source === 'autoconfig-http')) notes.push('Some values came over plain HTTP (the autoconfig fallback) and could have been altered on the way.')
  if (options.port25 && options.port25.verdict !== 'open') notes.push(`Outbound port 25 is ${options.port25.verdict} here; port 25 is never recommended for sending anyway.`)
  reports.sort((a, b) => ALL_SOURCES.indexOf(a.source) - ALL_SOURCES.indexOf(b.source))
  const { recommended, untested } = recommend(email.address, provider, incoming, outgoing, options.port25)
  return {
    address: email.address,
    domain: email.domain,
    asciiDomain: email.asciiDomain,
    incoming,
    outgoing,
    recommended,
    untested,
    disagreements: detectDisagreements(raw, statuses),
    sources: reports,
    notes,
    port25: options.port25 ?? null,
    startedAt,
    elapsedMs: Math.round(performance.now() - t0),
  }
}

function bundledFrom(option: BundledIspdb | null | undefined): DiscoverContext['bundledIspdb'] {
  if (option === null) return null
  return option === undefined ? loadBundledIspdb : () => Promise.resolve(option)
}

/** The telling failures first: a server that answered wrongly says more than a name that does not exist. */
function describeAttempts(attempts: SourceReport['attempts']): string {
  const unresolved = (a: SourceReport['attempts'][number]): number => (/look-up .* failed|no record|no SRV record/.test(a.detail) ? 1 : 0)
  return [...attempts].sort((a, b) => unresolved(a) - unresolved(b)).map((a) => `${a.target}: ${a.detail}`).join('; ')
}

function notVerified(): Verification {
  return {
    status: 'unreachable', summary: 'not probed (discovery was stopped first)', reachable: false, address: null, attempts: [],
    banner: null, tls: null, certificateValid: null, authMechanisms: [], passwordLogin: false, capabilities: [], injectedBytes: 0, ms: 0,
  }
}
