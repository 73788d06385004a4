// The bundled provider catalog: data (catalog.json), checked with a schema where it is loaded, so a
// bad edit fails at start-up and in the unit test, never silently at a person's sign-up.
import { z } from 'zod'
import type { ServerSettings } from '../settings'
import bundled from './catalog.json'
import { authMethod, hostName, parseOrThrow, username } from './fields'
import { oauthProviderSchema } from './oauth-fields'

const domainName = hostName.refine((d) => d.includes('.'), 'a domain has at least one dot')

const server = z.strictObject({
  protocol: z.enum(['imap', 'pop3', 'smtp']),
  host: hostName,
  port: z.number().int().min(1).max(65535),
  socket: z.enum(['SSL', 'STARTTLS', 'plain']),
  /** In the provider's order of preference; OAuth2 first where the provider requires or prefers it. */
  auth: z.array(authMethod).min(1),
  username,
})

export const catalogProviderSchema = z
  .strictObject({
    /** Stable id: the provider's main domain. */
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(80),
    /** Address domains the provider serves itself. */
    domains: z.array(domainName),
    /** Suffixes of the provider's MX host names: a custom domain whose MX ends so is hosted here. */
    mxDomains: z.array(domainName),
    incoming: z.array(server.refine((s) => s.protocol !== 'smtp', 'incoming servers are imap or pop3')).min(1),
    outgoing: z.array(server.refine((s) => s.protocol === 'smtp', 'outgoing servers are smtp')).min(1),
    /** OAuth2 sign-in data (issue 13); the client registration itself is configuration. */
    oauth2: oauthProviderSchema.optional(),
    notes: z.string().max(600).optional(),
  })
  .refine((p) => p.domains.length + p.mxDomains.length > 0, 'a provider needs address domains or MX domains')

export const catalogSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(1),
  providers: z.array(catalogProviderSchema).min(1),
})

export type CatalogProvider = z.infer<typeof catalogProviderSchema> & { incoming: ServerSettings[]; outgoing: ServerSettings[] }
export interface Catalog {
  providers: CatalogProvider[]
}

export class CatalogError extends Error {
  override readonly name = 'CatalogError'
}

/** Validate catalog data; the error names the first bad field. */
export function parseCatalog(data: unknown): Catalog {
  const parsed = parseOrThrow(catalogSchema, data, 'provider catalog', (m) => new CatalogError(m))
  const seen = new Set<string>()
  for (const provider of parsed.providers) {
    for (const domain of provider.domains) {
      if (seen.has(domain)) throw new CatalogError(`provider catalog lists the domain ${domain} twice`)
      seen.add(domain)
    }
  }
  return { providers: parsed.providers }
}

export const bundledCatalog: Catalog = parseCatalog(bundled)

// Each catalog's domain index, built on first look-up, so a look-up is one map access however
// many providers and domains the catalog holds.
const domainIndexes = new WeakMap<Catalog, Map<string, CatalogProvider>>()

/** The provider serving addresses @domain (ASCII, lower case). */
export function findByDomain(catalog: Catalog, asciiDomain: string): CatalogProvider | null {
  let index = domainIndexes.get(catalog)
  if (!index) {
    index = new Map()
    for (const provider of catalog.providers) for (const domain of provider.domains) if (!index.has(domain)) index.set(domain, provider)
    domainIndexes.set(catalog, index)
  }
  return index.get(asciiDomain) ?? null
}

/** The provider whose MX domain is the longest suffix of `mxHost` (so M365 and Outlook.com differ). */
export function findByMxHost(catalog: Catalog, mxHost: string): { provider: CatalogProvider; mxDomain: string } | null {
  const host = mxHost.toLowerCase().replace(/\.$/, '')
  let best: { provider: CatalogProvider; mxDomain: string } | null = null
  for (const provider of catalog.providers) {
    for (const mxDomain of provider.mxDomains) {
      if ((host === mxDomain || host.endsWith(`.${mxDomain}`)) && (!best || mxDomain.length > best.mxDomain.length)) {
        best = { provider, mxDomain }
      }
    }
  }
  return best
}
