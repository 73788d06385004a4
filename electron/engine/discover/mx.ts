// Source 6: MX-based inference. A custom domain hosted at a provider has that provider's MX hosts;
// the MX host's suffix is looked up in the catalog's MX domains, and its base domain in the
// catalog, the ISPDB and that domain's autoconfig (as Thunderbird does). MX is unauthenticated DNS.
import { findByDomain, findByMxHost } from '@shared/providers/catalog'
import { isCancel, withScope } from '../deadline'
import { clientConfigFrom, autoconfigUrls } from './autoconfig'
import { catalogCandidates } from './catalog'
import { emptyOutput, type DiscoverContext, type SourceOutput } from './context'
import { ispdbSource } from './ispdb'

const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or'])

/**
 * The registrable ("base") domain of a host, approximately: the last two labels, or three under a
 * two-letter country code with a generic second level (mx.example.co.uk → example.co.uk). Without
 * the Public Suffix List this is a heuristic; a wrong guess only costs a look-up that finds nothing.
 */
export function baseDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.')
  if (labels.length <= 2) return labels.join('.')
  const tld = labels[labels.length - 1]!
  const second = labels[labels.length - 2]!
  const take = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2
  return labels.slice(-take).join('.')
}

export async function mxSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const domain = ctx.email.asciiDomain
  let hosts: string[]
  try {
    const records = await withScope(ctx.signal, 4000, 'dns', (s) => ctx.dns.mx(domain, s))
    hosts = records.map((r) => r.exchange.toLowerCase().replace(/\.$/, ''))
  } catch (error) {
    if (isCancel(error)) throw error
    out.attempts.push({ target: `MX ${domain}`, ok: false, detail: (error as Error).message })
    return out
  }
  if (hosts.length === 0) {
    out.attempts.push({ target: `MX ${domain}`, ok: false, detail: 'no MX record (or a null MX)' })
    return out
  }
  out.attempts.push({ target: `MX ${domain}`, ok: true, detail: hosts.join(', ') })
  const mxHost = hosts[0]!
  const byMx = findByMxHost(ctx.catalog, mxHost)
  if (byMx) {
    catalogCandidates(out, byMx.provider, 'mx', `MX ${mxHost} → catalog ${byMx.provider.id} (MX domain ${byMx.mxDomain})`)
    out.attempts.push({ target: mxHost, ok: true, detail: `hosted at ${byMx.provider.name}` })
    return out
  }
  const base = baseDomain(mxHost)
  if (base === domain) {
    out.attempts.push({ target: mxHost, ok: false, detail: 'the MX is in the domain itself: nothing more to infer' })
    return out
  }
  const byBase = findByDomain(ctx.catalog, base)
  if (byBase) {
    catalogCandidates(out, byBase, 'mx', `MX ${mxHost} → catalog ${byBase.id}`)
    out.attempts.push({ target: base, ok: true, detail: `base domain listed as ${byBase.name}` })
    return out
  }
  // Neither in the catalog: ask the online sources about the MX's base domain, in parallel.
  const autoOut = emptyOutput()
  await Promise.all([
    ispdbSource(ctx, base, 'mx', out),
    clientConfigFrom(ctx, autoOut, autoconfigUrls(base).https[0]!, 'mx', false, base, `autoconfig of MX base domain ${base}`),
  ])
  out.candidates.push(...autoOut.candidates)
  out.attempts.push(...autoOut.attempts)
  out.rejected.push(...autoOut.rejected)
  out.provider ??= autoOut.provider
  return out
}
