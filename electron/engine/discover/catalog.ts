// Source 1: ClearPort's curated catalog, by the address's domain (one map access).
import { findByDomain } from '@shared/providers/catalog'
import { emptyOutput, type DiscoverContext, type SourceOutput } from './context'
import { CATALOG_WORDS, providerCandidates } from './provider-lookup'

export async function catalogSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const provider = findByDomain(ctx.catalog, ctx.email.asciiDomain)
  out.attempts.push({ target: ctx.email.asciiDomain, ok: provider !== null, detail: provider ? `listed as ${provider.name}` : `not in ${CATALOG_WORDS}` })
  if (provider) {
    const hint = { name: provider.name, id: provider.id, domains: provider.domains, ...(provider.notes ? { notes: provider.notes } : {}) }
    providerCandidates(out, { hint, incoming: provider.incoming, outgoing: provider.outgoing }, 'catalog', `catalog: ${provider.id}`)
  }
  return out
}
