// Which servers an account carries — decided here, once, for the CLI, the wizard and every
// exporter: the chosen server first, then a few verified, encrypted alternatives, best first, with
// equivalent endpoints folded into one. A wildcard-DNS hosting domain answers `imap.`, `mail.`,
// `pop.` and the bare domain from one machine on every port, so discovery verifies a dozen names
// for what is one server; a mail program wants that server once. The export schema's caps (10 per
// direction) stay as a guard against hostile files; what the product builds stays far below them.
//
// When no server of a direction could be verified from here but the provider publishes one this
// network could not reach (every submission port dropped, say), the published servers are carried
// untested: the settings are still right, only this network cannot prove them. The report says so
// in `untested`, so no screen calls them verified.
import type { DiscoveredServer, DiscoveryReport, Port25Hint } from './discovery'
import { endpointKey, isRecommendable, rankServers, toSettings } from './discovery-rules'
import type { AccountSettings, ServerSettings } from './settings'

/** The chosen server and at most three alternatives per direction. */
export const MAX_SERVERS_PER_DIRECTION = 4

export type Direction = 'incoming' | 'outgoing'

/** A direction whose servers are the provider's published ones, not verified from this network. */
export interface UntestedDirection {
  direction: Direction
  /** The ports tried; none answered from here. */
  ports: number[]
  /** True when the network check had already found these ports blocked on this network. */
  blockedByNetwork: boolean
}

/**
 * Two endpoints are one server when they speak the same protocol on the same port and socket type
 * and either answered from the same address or showed the same certificate.
 */
export function sameServer(a: DiscoveredServer, b: DiscoveredServer): boolean {
  if (a.protocol !== b.protocol || a.port !== b.port || a.socket !== b.socket) return false
  const sameAddress = a.verified.address !== null && a.verified.address === b.verified.address
  const fa = a.verified.tls?.certificate?.fingerprint256
  const fb = b.verified.tls?.certificate?.fingerprint256
  return sameAddress || (fa !== undefined && fa === fb)
}

/**
 * The servers an account carries for one direction: `chosen` (the person's pick, or null for the
 * best one), then verified, encrypted, distinct alternatives from `found`, best first, in all at
 * most MAX_SERVERS_PER_DIRECTION.
 */
export function carriedServers(chosen: ServerSettings | null, found: readonly DiscoveredServer[], port25?: Port25Hint | null): ServerSettings[] {
  const ranked = rankServers(found, port25).filter(isRecommendable)
  const chosenFound = chosen ? found.find((s) => endpointKey(s) === endpointKey(chosen)) : undefined
  const kept: DiscoveredServer[] = chosenFound ? [chosenFound] : []
  const room = MAX_SERVERS_PER_DIRECTION - (chosen && !chosenFound ? 1 : 0)
  for (const server of ranked) {
    if (kept.length >= room) break
    if (chosen && endpointKey(server) === endpointKey(chosen)) continue
    if (kept.some((k) => sameServer(k, server))) continue
    kept.push(server)
  }
  const alternatives = kept.filter((k) => k !== chosenFound).map(toSettings)
  return chosen ? [chosen, ...alternatives] : alternatives
}

/** A source that publishes settings (not a guess, not the unauthenticated plain-http fallback). */
function published(server: DiscoveredServer): boolean {
  return server.sources.some((s) => s.source !== 'guess' && s.source !== 'autoconfig-http')
}

/**
 * Whether the network, not the server, looks like what stopped the probe: the network check found
 * the port blocked, or every connect went unanswered (dropped) or was refused by an ICMP message.
 * A plain refusal (a TCP reset) usually means nothing listens there: a dead server, not this network.
 */
function blockedLooking(server: DiscoveredServer, blocked: ReadonlySet<number>): boolean {
  if (blocked.has(server.port)) return true
  const attempts = server.verified.attempts
  return attempts.length > 0 && attempts.every((a) => a.outcome === 'timeout' || a.outcome === 'unreachable')
}

/**
 * Servers the provider publishes that this network kept out of reach, when nothing of that
 * direction was verified: the best of them, encrypted ones only.
 */
function publishedButUnreachable(found: readonly DiscoveredServer[], port25: Port25Hint | null | undefined, blocked: ReadonlySet<number>): DiscoveredServer[] {
  return rankServers(found, port25)
    .filter((s) => s.verified.status === 'unreachable' && s.socket !== 'plain' && published(s) && !(s.protocol === 'smtp' && s.port === 25) && blockedLooking(s, blocked))
    .slice(0, MAX_SERVERS_PER_DIRECTION)
}

function blockedPorts(port25?: Port25Hint | null): Set<number> {
  return new Set((port25?.submission ?? []).filter((s) => s.usable === false).map((s) => s.port))
}

export interface Recommendation {
  recommended: AccountSettings | null
  untested: UntestedDirection[]
}

/**
 * The recommendation: per direction the best verified server and a few alternatives; where none
 * was verified, the provider's published servers this network could not reach (untested). Null
 * when neither direction has anything to offer.
 */
export function recommend(
  address: string,
  provider: { name: string; id: string; domains: string[] },
  incoming: readonly DiscoveredServer[],
  outgoing: readonly DiscoveredServer[],
  port25?: Port25Hint | null,
): Recommendation {
  const untested: UntestedDirection[] = []
  const blocked = blockedPorts(port25)
  const plan = (direction: Direction, found: readonly DiscoveredServer[]): ServerSettings[] => {
    const verified = carriedServers(null, found, port25)
    if (verified.length > 0) return verified
    const fallback = publishedButUnreachable(found, port25, blocked)
    if (fallback.length === 0) return []
    const ports = [...new Set(fallback.map((s) => s.port))]
    untested.push({ direction, ports, blockedByNetwork: ports.every((p) => blocked.has(p)) })
    return fallback.map(toSettings)
  }
  const inc = plan('incoming', incoming)
  const out = plan('outgoing', outgoing)
  if (inc.length === 0 && out.length === 0) return { recommended: null, untested: [] }
  return {
    recommended: { address, providerName: provider.name, providerId: provider.id, domains: provider.domains, incoming: inc, outgoing: out },
    untested,
  }
}

/** Whether the report's recommendation for a direction is untested (published, unreachable from here). */
export function untestedFor(report: Pick<DiscoveryReport, 'untested'>, direction: Direction): UntestedDirection | null {
  return report.untested.find((u) => u.direction === direction) ?? null
}

/**
 * The servers an account carries for a direction of a finished discovery, given the person's pick:
 * verified alternatives as `carriedServers` chooses them, or — where the direction is untested —
 * the other published servers of the recommendation, which are all there is.
 */
export function carriedFor(report: DiscoveryReport, direction: Direction, chosen: ServerSettings | null): ServerSettings[] {
  if (chosen === null) return []
  if (!untestedFor(report, direction)) return carriedServers(chosen, report[direction], report.port25)
  const rest = (report.recommended?.[direction] ?? []).filter((s) => endpointKey(s) !== endpointKey(chosen))
  return [chosen, ...rest].slice(0, MAX_SERVERS_PER_DIRECTION)
}

/**
 * The one sentence for an untested direction, shared by the wizard, the CLI and the reports:
 * "the servers for sending your provider publishes could not be tested: this network blocks port
 * 465 and 587". Lower case, to stand inside a sentence; `sentence()` callers capitalise it.
 */
export function untestedWords(u: UntestedDirection): string {
  const what = u.direction === 'outgoing' ? 'sending' : 'receiving'
  const ports = `port ${u.ports.join(' and ')}`
  return u.blockedByNetwork
    ? `the servers for ${what} your provider publishes could not be tested: this network blocks ${ports}`
    : `the servers for ${what} your provider publishes did not answer on ${ports} from here (this network may block them)`
}

/** What to do about it, after `untestedWords`. */
export const UNTESTED_ADVICE = 'You can still export these settings; test them from another network.'

/** `untestedWords` as a sentence of its own, with the advice. */
export function untestedSentence(u: UntestedDirection): string {
  const words = untestedWords(u)
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}. ${UNTESTED_ADVICE}`
}
