// Source 3: Mozilla's ISPDB (the same clientConfig format), online. Offline it fails within the
// DNS or connect patience, with a reason, and nothing else waits for it.
import type { DiscoverySource } from '@shared/discovery'
import { clientConfigFrom } from './autoconfig'
import { emptyOutput, type DiscoverContext, type SourceOutput } from './context'

export const DEFAULT_ISPDB_URL = 'https://autoconfig.thunderbird.net/v1.1/'

export function ispdbUrl(base: string, domain: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(domain)}`
}

export async function ispdbSource(ctx: DiscoverContext, domain = ctx.email.asciiDomain, source: DiscoverySource = 'ispdb', out: SourceOutput = emptyOutput()): Promise<SourceOutput> {
  if (ctx.ispdbBaseUrl === null) return out
  const url = ispdbUrl(ctx.ispdbBaseUrl, domain)
  await clientConfigFrom(ctx, out, url, source, false, domain, source === 'mx' ? `ISPDB ${url}` : url)
  return out
}
