// Source 3: Thunderbird's provider database (Mozilla's ISPDB). Where ClearPort's catalog has the
// domain, its curated entry wins and the ISPDB is not consulted; otherwise the bundled copy
// answers offline; only a domain neither knows is asked online, at the URL Thunderbird 153 uses.
// Offline the online ask fails within the DNS or connect patience, with a reason.
import type { DiscoverySource } from '@shared/discovery'
import { findByDomain } from '@shared/providers/catalog'
import { clientConfigFrom } from './autoconfig'
import { emptyOutput, type DiscoverContext, type SourceOutput } from './context'
import { lookupProvider, providerCandidates } from './provider-lookup'

export const DEFAULT_ISPDB_URL = 'https://live.thunderbird.net/autoconfig/v1.1/'
export const ONLINE_WORDS = "Thunderbird's provider database (online)"

export function ispdbUrl(base: string, domain: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(domain)}`
}

/** Ask the online ISPDB about one domain; the attempt is recorded either way. */
export async function onlineIspdb(ctx: DiscoverContext, out: SourceOutput, domain: string, source: DiscoverySource, label?: string): Promise<number> {
  if (ctx.ispdbBaseUrl === null) {
    out.attempts.push({ target: domain, ok: false, detail: `${ONLINE_WORDS} not asked (switched off)` })
    return 0
  }
  const url = ispdbUrl(ctx.ispdbBaseUrl, domain)
  return clientConfigFrom(ctx, out, url, source, false, domain, label ?? `online, ${url}`)
}

export async function ispdbSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const domain = ctx.email.asciiDomain
  const curated = findByDomain(ctx.catalog, domain)
  if (curated) {
    out.attempts.push({ target: domain, ok: false, detail: `not consulted: ClearPort's catalog lists ${domain} (${curated.name}) and wins` })
    return out
  }
  const found = await lookupProvider(ctx, domain)
  if (found) {
    providerCandidates(out, found, 'ispdb', `${found.via}: ${found.hint.id}`)
    out.attempts.push({ target: domain, ok: true, detail: `${found.words}: ${found.hint.name}` })
    return out
  }
  if (ctx.bundledIspdb) out.attempts.push({ target: domain, ok: false, detail: "not in Thunderbird's provider database (bundled)" })
  await onlineIspdb(ctx, out, domain, 'ispdb')
  return out
}
