// Source 1: the bundled provider catalog, by the address's domain.
import { findByDomain, type CatalogProvider } from '@shared/providers/catalog'
import { accept, emptyOutput, type DiscoverContext, type SourceOutput } from './context'

export function catalogCandidates(out: SourceOutput, provider: CatalogProvider, source: 'catalog' | 'mx', detail: string): void {
  accept(out, [...provider.incoming, ...provider.outgoing], source, detail)
  out.provider = { name: provider.name, id: provider.id, domains: provider.domains, ...(provider.notes ? { notes: provider.notes } : {}) }
}

export async function catalogSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const provider = findByDomain(ctx.catalog, ctx.email.asciiDomain)
  out.attempts.push({ target: ctx.email.asciiDomain, ok: provider !== null, detail: provider ? `listed as ${provider.name}` : 'not in the catalog' })
  if (provider) catalogCandidates(out, provider, 'catalog', `catalog: ${provider.id}`)
  return out
}
