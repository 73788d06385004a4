// Source 6: MX-based inference, as Thunderbird's MX step does it. A custom domain hosted at a
// provider has that provider's MX hosts: the MX host is matched first against the curated
// catalog's MX domains (longest suffix wins, so AOL's gm0.yahoodns.net beats Yahoo's yahoodns.net),
// then the MX host's parent domain and its registrable ("base") domain — from the Public Suffix
// List — go through the one provider look-up (catalog, then bundled ISPDB), and only then online
// (ISPDB, the base domain's autoconfig). MX is unauthenticated DNS: every result is probed.
import { getDomain } from 'tldts'
import { findByMxHost } from '@shared/providers/catalog'
import { isCancel, withDnsDeadline } from '../deadline'
import { clientConfigFrom, autoconfigUrls } from './autoconfig'
import { emptyOutput, type DiscoverContext, type SourceOutput } from './context'
import { onlineIspdb } from './ispdb'
import { CATALOG_WORDS, lookupProvider, providerCandidates } from './provider-lookup'

/**
 * The registrable domain of a host by the Public Suffix List (ICANN section: a private suffix
 * such as a cloud platform's is no mail provider): mx.example.co.uk → example.co.uk,
 * mx.example.me.uk → example.me.uk. A host that is itself a public suffix (or an IP) stays as it is.
 */
export function baseDomain(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, '')
  return getDomain(name, { allowPrivateDomains: false }) ?? name
}

/**
 * The domains the MX step looks up, most specific first: Thunderbird's extra step, the MX host's
 * parent (getNextSubDomain: contoso-com.mail.protection.outlook.com → mail.protection.outlook.com,
 * which tells Microsoft 365 tenants from outlook.com), when it is more than the base domain; then
 * the base domain.
 */
export function mxLookupDomains(mxHost: string): string[] {
  const host = mxHost.toLowerCase().replace(/\.$/, '')
  const base = baseDomain(host)
  const parent = host.slice(host.indexOf('.') + 1)
  return parent !== base && parent.endsWith(`.${base}`) ? [parent, base] : [base]
}

export async function mxSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const domain = ctx.email.asciiDomain
  let hosts: string[]
  try {
    const records = await withDnsDeadline(ctx.signal, (s) => ctx.dns.mx(domain, s))
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
    const p = byMx.provider
    const hint = { name: p.name, id: p.id, domains: p.domains, ...(p.notes ? { notes: p.notes } : {}) }
    providerCandidates(out, { hint, incoming: p.incoming, outgoing: p.outgoing }, 'mx', `MX ${mxHost} → catalog ${p.id} (MX domain ${byMx.mxDomain})`)
    out.attempts.push({ target: mxHost, ok: true, detail: `hosted at ${p.name} (${CATALOG_WORDS})` })
    return out
  }
  const lookups = mxLookupDomains(mxHost)
  const base = lookups[lookups.length - 1]!
  if (base === domain) {
    out.attempts.push({ target: mxHost, ok: false, detail: 'the MX is in the domain itself: nothing more to infer' })
    return out
  }
  for (const key of lookups) {
    const found = await lookupProvider(ctx, key)
    if (!found) continue
    providerCandidates(out, found, 'mx', `MX ${mxHost} → ${found.origin === 'catalog' ? 'catalog' : `${found.words}:`} ${found.hint.id}`)
    out.attempts.push({ target: key, ok: true, detail: `listed as ${found.hint.name} (${found.words})` })
    return out
  }
  out.attempts.push({ target: lookups.join(', '), ok: false, detail: `not in ${CATALOG_WORDS}${ctx.bundledIspdb ? " or Thunderbird's provider database (bundled)" : ''}` })
  await askOnline(ctx, out, lookups, base)
  return out
}

/** Neither offline source knows the MX: the online ISPDB (most specific domain first) and the base domain's autoconfig, in parallel. */
async function askOnline(ctx: DiscoverContext, out: SourceOutput, lookups: string[], base: string): Promise<void> {
  const perDomain = lookups.map(() => emptyOutput())
  const autoOut = emptyOutput()
  await Promise.all([
    ...lookups.map((d, i) => onlineIspdb(ctx, perDomain[i]!, d, 'mx', `ISPDB online ${d}`)),
    clientConfigFrom(ctx, autoOut, autoconfigUrls(base).https[0]!, 'mx', false, base, `autoconfig of MX base domain ${base}`),
  ])
  // Like Thunderbird's priority order: the more specific domain's answer wins when it has one.
  const winner = perDomain.find((o) => o.candidates.length > 0)
  for (const o of [...perDomain, autoOut]) {
    if (o === winner || o === autoOut) out.candidates.push(...o.candidates)
    out.attempts.push(...o.attempts)
    out.rejected.push(...o.rejected)
  }
  out.provider ??= winner?.provider ?? autoOut.provider
}
