// The one provider look-up, offline: ClearPort's curated catalog wins where it has the domain,
// otherwise the bundled copy of Thunderbird's provider database. The online ISPDB (ispdb.ts)
// comes after both. Address domains and MX-derived domains go through the same look-up, as in
// Thunderbird, where the MX step asks the same database.
import type { DiscoverySource } from '@shared/discovery'
import { findByDomain } from '@shared/providers/catalog'
import type { ServerSettings } from '@shared/settings'
import { bundledWords } from './bundled-ispdb'
import { accept, type DiscoverContext, type ProviderHint, type SourceOutput } from './context'

export const CATALOG_WORDS = "ClearPort's catalog"

export interface FoundProvider {
  origin: 'catalog' | 'ispdb-bundled'
  /** "ClearPort's catalog" or "Thunderbird's provider database (bundled, <date>)". */
  words: string
  /** The short form for a candidate's detail: "catalog" or "bundled, <date>". */
  via: string
  hint: ProviderHint
  incoming: ServerSettings[]
  outgoing: ServerSettings[]
}

export async function lookupProvider(ctx: DiscoverContext, asciiDomain: string): Promise<FoundProvider | null> {
  const curated = findByDomain(ctx.catalog, asciiDomain)
  if (curated) {
    const hint: ProviderHint = { name: curated.name, id: curated.id, domains: curated.domains, ...(curated.notes ? { notes: curated.notes } : {}) }
    return { origin: 'catalog', words: CATALOG_WORDS, via: 'catalog', hint, incoming: curated.incoming, outgoing: curated.outgoing }
  }
  // A bundle that fails to load (a broken regeneration) fails the asking source with its reason.
  const bundle = ctx.bundledIspdb ? await ctx.bundledIspdb() : null
  const found = bundle?.find(asciiDomain)
  if (!bundle || !found) return null
  return { origin: 'ispdb-bundled', words: bundledWords(bundle), via: `bundled, ${bundle.date}`, hint: { name: found.name, id: found.id, domains: [asciiDomain] }, incoming: found.incoming, outgoing: found.outgoing }
}

/** Hand a found provider's servers to a source, with the provenance in each candidate's detail. */
export function providerCandidates(out: SourceOutput, found: Pick<FoundProvider, 'hint' | 'incoming' | 'outgoing'>, source: DiscoverySource, detail: string): void {
  accept(out, [...found.incoming, ...found.outgoing], source, detail)
  out.provider ??= found.hint
}
