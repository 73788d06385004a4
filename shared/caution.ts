// Servers whose only word comes from a channel an attacker on the network can forge — the plain-
// http autoconfig fallback, or unauthenticated DNS (SRV) naming a host outside the address's
// domain and outside every known provider — could send the person's password anywhere: a valid
// certificate only proves the attacker owns the name they chose (RFC 6186 §6). Such servers are
// shown but never recommended, and signing in to one needs the person's explicit yes for that
// attempt. MX inference is not among them: it only ever names catalogued providers' servers.
import type { DiscoverySource, SourceRef } from './discovery'
import type { Catalog } from './providers/catalog'

export type Caution = 'plain-http' | 'foreign-dns'

const FORGEABLE: ReadonlySet<DiscoverySource> = new Set(['autoconfig-http', 'srv'])

/** Whether `host` is `domain` or a name under it. */
export function isUnder(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  const d = domain.toLowerCase().replace(/\.$/, '')
  return h === d || h.endsWith(`.${d}`)
}

export function cautionOf(sources: readonly Pick<SourceRef, 'source'>[], host: string, domain: string, isKnownHost: (host: string) => boolean): Caution | null {
  if (sources.length === 0) return null
  if (sources.every((s) => s.source === 'autoconfig-http')) return 'plain-http'
  if (sources.every((s) => FORGEABLE.has(s.source)) && !isUnder(host, domain) && !isKnownHost(host)) return 'foreign-dns'
  return null
}

/** The warning a person must accept before signing in to such a server. */
export function cautionWords(caution: Caution, host: string, domain: string): string {
  return caution === 'plain-http'
    ? `Only an unencrypted web request (plain HTTP) named ${host}. Anyone on this network could have changed that answer to send your password to their own server.`
    : `Only DNS, which anyone on the way can forge, named ${host}, which is neither under ${domain} nor a provider ClearPort knows. Check with your provider that it is theirs.`
}

/**
 * A host run by a provider ClearPort knows: under one of the catalog's domains or MX domains, or
 * under the registrable domain of a server it lists (smtp.fastmail.com for a Fastmail-hosted
 * domain's SRV record). `baseDomain` is the Public Suffix List's registrable domain (the engine's
 * tldts; never "the last two labels": smtp.mail.yahoo.co.jp must not make all of co.jp known).
 * `more` adds other provider data (the bundled ISPDB's domains and server hosts).
 */
export function knownProviderHost(
  catalog: Catalog,
  baseDomain: (host: string) => string,
  more: { domains?: Iterable<string>; hosts?: Iterable<string> } = {},
): (host: string) => boolean {
  const suffixes = new Set<string>(more.domains ?? [])
  for (const host of more.hosts ?? []) suffixes.add(baseDomain(host))
  for (const p of catalog.providers) {
    for (const d of [...p.domains, ...p.mxDomains]) suffixes.add(d)
    for (const s of [...p.incoming, ...p.outgoing]) suffixes.add(baseDomain(s.host))
  }
  return (host) => {
    const labels = host.toLowerCase().replace(/\.$/, '').split('.')
    for (let i = 0; i < labels.length - 1; i += 1) if (suffixes.has(labels.slice(i).join('.'))) return true
    return false
  }
}
