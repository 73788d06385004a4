// The pure rules of discovery (Thunderbird's account setup splits plan, probe and interpret the
// same way): candidate checking and merging, SRV ordering (RFC 2782), disagreement detection,
// ranking and the recommendation. No I/O.
import type { AuthMethod, MailProtocol, ServerSettings } from './settings'
import { authMethods, mailProtocols } from './vocabulary/account'
import { socketSecurities } from './vocabulary/socket-security'
import { isOneOf, orList } from './vocabulary/words'
import { isIPv4, isIPv6, quote, toAsciiDomain, type Parsed } from './validate'
import type {
  Candidate, DiscoveredServer, DiscoverySource, Disagreement, Port25Hint, RawCandidate, SourceTrust, VerifyStatus,
} from './discovery'

export const sourceInfo: Record<DiscoverySource, { label: string; trust: SourceTrust }> = {
  catalog: { label: "ClearPort's catalog", trust: 'bundled' },
  autoconfig: { label: 'autoconfig (HTTPS)', trust: 'https' },
  'autoconfig-http': { label: 'autoconfig over plain HTTP (fallback, unauthenticated)', trust: 'plain-http' },
  // Bundled (offline) or online: each candidate's detail says which, and the bundled copy's date.
  ispdb: { label: "Thunderbird's provider database", trust: 'https' },
  autodiscover: { label: 'Exchange Autodiscover', trust: 'https' },
  // RFC 6186 §6: SRV answers are unauthenticated DNS; the certificate check is what protects.
  srv: { label: 'DNS SRV (RFC 6186/8314, unauthenticated DNS)', trust: 'unauthenticated-dns' },
  mx: { label: 'MX-based inference (unauthenticated DNS)', trust: 'unauthenticated-dns' },
  guess: { label: 'guessing common host names', trust: 'guess' },
}

// ---------------------------------------------------------------------------------------------
// Candidates: checking and merging


/** The loose shape a source hands in: every field may be hostile. */
export interface CandidateInput {
  protocol: unknown
  host: unknown
  port: unknown
  socket: unknown
  auth?: unknown
  username?: unknown
}

/**
 * Check one claimed server. Host names with spaces, CR/LF or other junk, ports out of range,
 * unknown socket types are refused with a reason naming the bad value.
 */
export function checkCandidate(input: CandidateInput): Parsed<ServerSettings> {
  const protocol = input.protocol
  if (!isOneOf(mailProtocols, protocol)) {
    return { ok: false, message: `protocol ${quote(String(protocol))} is not ${orList(mailProtocols)}` }
  }
  if (typeof input.host !== 'string') return { ok: false, message: 'the host name is missing' }
  let host: string
  if (isIPv4(input.host.trim()) || isIPv6(input.host.trim())) host = input.host.trim()
  else {
    const ascii = toAsciiDomain(input.host, 'host')
    if (!ascii.ok) return ascii
    host = ascii.value
  }
  const portText = typeof input.port === 'number' ? String(input.port) : typeof input.port === 'string' ? input.port.trim() : ''
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    return { ok: false, message: `port ${quote(String(input.port))} for ${host} is not a number from 1 to 65535` }
  }
  const socket = input.socket
  if (!isOneOf(socketSecurities, socket)) {
    return { ok: false, message: `socket type ${quote(String(socket))} for ${host} is not ${orList(socketSecurities)}` }
  }
  const auth: AuthMethod[] = []
  if (Array.isArray(input.auth)) {
    for (const method of input.auth) {
      if (isOneOf(authMethods, method) && !auth.includes(method)) {
        auth.push(method)
      }
    }
  }
  let username = '%EMAILADDRESS%'
  if (typeof input.username === 'string' && input.username.trim() !== '') {
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(input.username)) return { ok: false, message: `user name ${quote(input.username)} for ${host} contains a control character` }
    if (input.username.length > 320) return { ok: false, message: `user name for ${host} is longer than 320 characters` }
    username = input.username.trim()
  }
  return { ok: true, value: { protocol, host, port: Number(portText), socket, auth, username } }
}

export function endpointKey(s: Pick<ServerSettings, 'protocol' | 'host' | 'port' | 'socket'>): string {
  return `${s.protocol}|${s.host}|${s.port}|${s.socket}`
}

const TRUST_RANK: Record<SourceTrust, number> = { bundled: 0, https: 1, 'unauthenticated-dns': 2, 'plain-http': 3, guess: 4 }

export function trustRank(source: DiscoverySource): number {
  return TRUST_RANK[sourceInfo[source].trust]
}

/**
 * Merge claims for the same endpoint (protocol, host, port, socket). The most trusted source's
 * user name and authentication win; every source is kept in `sources`.
 */
export function mergeCandidates(raw: readonly RawCandidate[]): Candidate[] {
  const sorted = [...raw].sort((a, b) => trustRank(a.ref.source) - trustRank(b.ref.source) || a.ref.order - b.ref.order)
  const merged = new Map<string, Candidate>()
  for (const { ref, ...settings } of sorted) {
    const key = endpointKey(settings)
    const existing = merged.get(key)
    if (!existing) {
      merged.set(key, { ...settings, auth: [...settings.auth], sources: [ref] })
      continue
    }
    if (!existing.sources.some((s) => s.source === ref.source && s.detail === ref.detail)) existing.sources.push(ref)
    if (existing.auth.length === 0) existing.auth = [...settings.auth]
    if (existing.username === '%EMAILADDRESS%' && existing.sources.every((s) => s.source === 'guess' || s.source === 'srv')) {
      existing.username = settings.username
    }
  }
  return [...merged.values()]
}

// ---------------------------------------------------------------------------------------------
// SRV (RFC 2782, RFC 6186, RFC 8314)

export interface SrvRecord {
  name: string
  port: number
  priority: number
  weight: number
}

/**
 * Order SRV records as RFC 2782 says: lowest priority first; within one priority, a weighted
 * random choice (weight-0 records first in the running sum, so they are rarely chosen first).
 * A lone target of "." means the service is decidedly not offered (RFC 2782, RFC 6186 §3.4).
 */
export function orderSrv(records: readonly SrvRecord[], random: () => number = Math.random): SrvRecord[] | 'not-offered' {
  const isRoot = (r: SrvRecord): boolean => r.name === '' || r.name === '.'
  if (records.length > 0 && records.every(isRoot)) return 'not-offered'
  const usable = records.filter((r) => !isRoot(r))
  const priorities = [...new Set(usable.map((r) => r.priority))].sort((a, b) => a - b)
  const ordered: SrvRecord[] = []
  for (const priority of priorities) {
    const group = usable.filter((r) => r.priority === priority)
    // Zero-weight records go first in the list the running sum is computed over (RFC 2782).
    const pending = [...group.filter((r) => r.weight === 0), ...group.filter((r) => r.weight > 0)]
    while (pending.length > 0) {
      const total = pending.reduce((sum, r) => sum + r.weight, 0)
      const pick = Math.min(total, Math.floor(random() * (total + 1)))
      let running = 0
      let index = pending.length - 1
      for (let i = 0; i < pending.length; i += 1) {
        running += pending[i]!.weight
        if (running >= pick) {
          index = i
          break
        }
      }
      ordered.push(pending.splice(index, 1)[0]!)
    }
  }
  return ordered
}

// ---------------------------------------------------------------------------------------------
// Authentication: what the server offers, reconciled with what the sources claimed

/** SASL mechanism names (RFC 4422 registry) → the settings vocabulary. */
export function authFromMechanisms(mechanisms: readonly string[], passwordLogin: boolean): AuthMethod[] {
  const found = new Set<AuthMethod>()
  for (const raw of mechanisms) {
    const m = raw.toUpperCase()
    if (m === 'PLAIN' || m === 'LOGIN') found.add('password-cleartext')
    else if (m === 'CRAM-MD5' || m === 'DIGEST-MD5' || m.startsWith('SCRAM-')) found.add('password-encrypted')
    else if (m === 'XOAUTH2' || m === 'OAUTHBEARER') found.add('OAuth2')
    else if (m === 'GSSAPI') found.add('GSSAPI')
    else if (m === 'NTLM') found.add('NTLM')
  }
  if (passwordLogin) found.add('password-cleartext')
  // Over TLS a plain password is as safe as a challenge; it works with app passwords everywhere.
  const preference: AuthMethod[] = ['password-cleartext', 'password-encrypted', 'OAuth2', 'NTLM', 'GSSAPI']
  return preference.filter((m) => found.has(m))
}

/**
 * The methods to use: the sources' order, keeping only what the server offers after TLS; when
 * the server announced nothing (or nothing in common) the sources' list stands, else the offer.
 */
export function reconcileAuth(claimed: readonly AuthMethod[], offered: readonly AuthMethod[]): AuthMethod[] {
  if (offered.length === 0) return [...claimed]
  if (claimed.length === 0) return [...offered]
  const common = claimed.filter((m) => offered.includes(m) || m === 'none' || m === 'client-IP-address' || m === 'smtp-after-pop')
  return common.length > 0 ? common : [...claimed]
}

// ---------------------------------------------------------------------------------------------
// Disagreements between sources

const describe = (c: Pick<ServerSettings, 'host' | 'port' | 'socket'>): string => `${c.host}:${c.port} ${c.socket}`

function groupClaims(entries: { value: string; source: DiscoverySource }[]): { value: string; sources: DiscoverySource[] }[] {
  const byValue = new Map<string, DiscoverySource[]>()
  for (const { value, source } of entries) {
    const list = byValue.get(value) ?? []
    if (!list.includes(source)) list.push(source)
    byValue.set(value, list)
  }
  return [...byValue.entries()].map(([value, sources]) => ({ value, sources }))
}

/**
 * Where the sources (guessing excluded: it claims nothing) say different things: servers with no
 * host in common, the same host and port with another socket type, user name or
 * authentication; and, given probe results, a source whose every claim failed while another
 * source's claim for the same protocol worked.
 */
export function detectDisagreements(raw: readonly RawCandidate[], verified?: ReadonlyMap<string, VerifyStatus>): Disagreement[] {
  const out: Disagreement[] = []
  const claims = raw.filter((c) => c.ref.source !== 'guess')
  for (const protocol of mailProtocols) {
    const mine = claims.filter((c) => c.protocol === protocol)
    const bySource = new Map<DiscoverySource, RawCandidate[]>()
    for (const c of mine) bySource.set(c.ref.source, [...(bySource.get(c.ref.source) ?? []), c])
    if (bySource.size < 2) {
      pushVerification(out, protocol, bySource, verified)
      continue
    }
    // Sources that name no host in common for this protocol disagree on the server itself.
    const hostSets = [...bySource.entries()].map(([source, list]) => ({ source, hosts: new Set(list.map((c) => c.host)) }))
    const disjoint = hostSets.some((x, i) => hostSets.some((y, j) => j > i && ![...x.hosts].some((h) => y.hosts.has(h))))
    if (disjoint) {
      const groups = groupClaims(hostSets.map(({ source, hosts }) => ({ value: [...hosts].sort().join(', '), source })))
      out.push({
        protocol,
        about: 'server',
        message: `sources name different ${protocol.toUpperCase()} servers: ${groups.map((g) => `${g.value} (${g.sources.join(', ')})`).join(' vs ')}`,
        claims: groups,
      })
    }
    const byHostPort = new Map<string, RawCandidate[]>()
    for (const c of mine) byHostPort.set(`${c.host}:${c.port}`, [...(byHostPort.get(`${c.host}:${c.port}`) ?? []), c])
    for (const [where, list] of byHostPort) {
      const sockets = groupClaims(list.map((c) => ({ value: c.socket, source: c.ref.source })))
      if (sockets.length > 1) {
        out.push({ protocol, about: 'socket', message: `${where}: sources disagree on the socket type (${sockets.map((g) => `${g.value} by ${g.sources.join(', ')}`).join('; ')})`, claims: sockets })
      }
      const users = groupClaims(list.map((c) => ({ value: c.username, source: c.ref.source })))
      if (users.length > 1) {
        out.push({ protocol, about: 'username', message: `${where}: sources disagree on the user name (${users.map((g) => `${g.value} by ${g.sources.join(', ')}`).join('; ')})`, claims: users })
      }
      const auths = groupClaims(list.filter((c) => c.auth.length > 0).map((c) => ({ value: [...c.auth].sort().join(','), source: c.ref.source })))
      if (auths.length > 1) {
        out.push({ protocol, about: 'auth', message: `${where}: sources disagree on authentication (${auths.map((g) => `${g.value} by ${g.sources.join(', ')}`).join('; ')})`, claims: auths })
      }
    }
    pushVerification(out, protocol, bySource, verified)
  }
  return out
}

function pushVerification(
  out: Disagreement[],
  protocol: MailProtocol,
  bySource: Map<DiscoverySource, RawCandidate[]>,
  verified: ReadonlyMap<string, VerifyStatus> | undefined,
): void {
  if (!verified) return
  const worked = new Map<DiscoverySource, boolean>()
  for (const [source, list] of bySource) worked.set(source, list.some((c) => verified.get(endpointKey(c)) === 'ok'))
  const good = [...worked.entries()].filter(([, ok]) => ok).map(([s]) => s)
  for (const [source, ok] of worked) {
    const list = bySource.get(source) ?? []
    const probed = list.filter((c) => verified.has(endpointKey(c)))
    if (ok || probed.length === 0 || good.length === 0) continue
    const failures = probed.map((c) => `${describe(c)}: ${verified.get(endpointKey(c))}`)
    out.push({
      protocol,
      about: 'verification',
      message: `${source} named ${protocol.toUpperCase()} servers that failed the probe (${failures.join('; ')}), while ${good.join(', ')} named one that works`,
      claims: [
        { value: failures.join('; '), sources: [source] },
        { value: 'verified', sources: good },
      ],
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Ranking and the recommendation

const SUBMISSION_PREFERENCE: Record<number, number> = { 465: 0, 587: 1, 2525: 2 }
/** Best first; a Record, so a new status cannot be forgotten (indexOf would rank it first). */
const STATUS_RANK: Record<VerifyStatus, number> = {
  ok: 0, 'untrusted-certificate': 1, 'plaintext-only': 2, 'tls-failed': 3, rejected: 4, 'protocol-error': 5, 'no-greeting': 6, unreachable: 7, 'dns-error': 8,
}

/**
 * Only a verified, encrypted endpoint with a valid certificate, named by a source an attacker on
 * the network cannot forge (caution.ts), may be recommended; never 25 to submit.
 */
export function isRecommendable(server: DiscoveredServer): boolean {
  if (server.verified.status !== 'ok' || server.socket === 'plain' || server.caution) return false
  return !(server.protocol === 'smtp' && server.port === 25)
}

function bestTrust(server: Candidate): number {
  return Math.min(...server.sources.map((s) => trustRank(s.source)))
}

function srvOrder(server: Candidate): number {
  const orders = server.sources.filter((s) => s.source === 'srv').map((s) => s.order)
  return orders.length > 0 ? Math.min(...orders) : Number.MAX_SAFE_INTEGER
}

function bestOrder(server: Candidate): number {
  return Math.min(...server.sources.map((s) => s.order))
}

/**
 * Sort best first. Verified before anything else; then documented sources before guesses; then
 * outgoing: 465, 587, 2525 (RFC 8314 prefers implicit TLS), ports the port-25 check found blocked
 * on this network last, 25 never first; incoming: IMAP before POP3, implicit TLS before STARTTLS.
 */
export function rankServers(servers: readonly DiscoveredServer[], port25?: Port25Hint | null): DiscoveredServer[] {
  const blocked = new Set((port25?.submission ?? []).filter((s) => s.usable === false).map((s) => s.port))
  if (port25 && port25.verdict !== 'open') blocked.add(25)
  const key = (s: DiscoveredServer): number[] => [
    isRecommendable(s) ? 0 : 1,
    STATUS_RANK[s.verified.status],
    s.protocol === 'smtp' && s.port === 25 ? 1 : 0,
    blocked.has(s.port) && s.protocol === 'smtp' ? 1 : 0,
    s.protocol === 'pop3' ? 1 : 0,
    bestTrust(s),
    s.protocol === 'smtp' ? (SUBMISSION_PREFERENCE[s.port] ?? 3) : 0,
    socketSecurities.indexOf(s.socket),
    srvOrder(s),
    bestOrder(s),
    -s.sources.length,
    s.verified.ms,
  ]
  return [...servers].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i += 1) {
      const d = (ka[i] ?? 0) - (kb[i] ?? 0)
      if (d !== 0) return d
    }
    return a.host.localeCompare(b.host)
  })
}

/**
 * The settings of a discovered server. Where nothing said how to sign in (an SRV record or a guess,
 * and a server that announced no mechanism or could not be reached), the normal password is
 * assumed, as Thunderbird does: every settings file needs a sign-in method.
 */
export function toSettings(server: DiscoveredServer): ServerSettings {
  const auth: AuthMethod[] = server.auth.length > 0 ? [...server.auth] : ['password-cleartext']
  return { protocol: server.protocol, host: server.host, port: server.port, socket: server.socket, auth, username: server.username }
}
