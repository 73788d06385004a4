// Which OAuth provider serves an address: an organisation's own provider from oauth-clients.json
// first (it knows its domains best), then ClearPort's catalog (by the domain, or by the provider
// discovery found — Microsoft 365 and Google Workspace host custom domains known by MX), then the
// bundled ISPDB. The same look-up order as discovery's (provider-lookup.ts).
import type { OAuthProviderData } from '@shared/oauth'
import { bundledCatalog, findByDomain } from '@shared/providers/catalog'
import { loadBundledIspdb } from '../discover/bundled-ispdb'
import type { OAuthConfig } from './config'

export interface OAuthProvider {
  id: string
  name: string
  oauth2: OAuthProviderData
}

export async function oauthProviderFor(asciiDomain: string, config: OAuthConfig, providerId: string | null = null): Promise<OAuthProvider | null> {
  const custom = config.providers.find((p) => p.domains.includes(asciiDomain) || p.id === providerId)
  if (custom) return { id: custom.id, name: custom.name, oauth2: custom.oauth2 }
  const curated = findByDomain(bundledCatalog, asciiDomain) ?? bundledCatalog.providers.find((p) => p.id === providerId) ?? null
  if (curated) return curated.oauth2 ? { id: curated.id, name: curated.name, oauth2: curated.oauth2 } : null
  const bundle = await loadBundledIspdb()
  const found = bundle.find(asciiDomain)
  return found?.oauth2 ? { id: found.id, name: found.name, oauth2: found.oauth2 } : null
}
