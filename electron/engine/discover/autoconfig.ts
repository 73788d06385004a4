// Source 2: the domain's own autoconfig documents (Thunderbird's clientConfig v1.1), fetched in
// parallel: https://autoconfig.<d>/mail/config-v1.1.xml and
// https://<d>/.well-known/autoconfig/mail/config-v1.1.xml. Plain http://autoconfig.<d>/... is the
// marked fallback (source "autoconfig-http"): used only when no https document was found, and
// never sent the address.
import type { DiscoverySource } from '@shared/discovery'
import { parseClientConfig } from './clientconfig'
import { accept, emptyOutput, fetchFor, type DiscoverContext, type SourceOutput } from './context'

export function autoconfigUrls(domain: string): { https: string[]; http: string[] } {
  return {
    https: [`https://autoconfig.${domain}/mail/config-v1.1.xml`, `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`],
    http: [`http://autoconfig.${domain}/mail/config-v1.1.xml`],
  }
}

/** Fetch, parse and accept one clientConfig document; records the attempt either way. */
export async function clientConfigFrom(
  ctx: DiscoverContext,
  out: SourceOutput,
  url: string,
  source: DiscoverySource,
  allowHttp: boolean,
  domain: string,
  label = url,
): Promise<number> {
  const fetched = await fetchFor(ctx, url, { allowHttp })
  if (!fetched.ok) {
    out.attempts.push({ target: label, ok: false, detail: fetched.reason })
    return 0
  }
  const parsed = parseClientConfig(fetched.text, domain)
  if (!parsed.ok) {
    out.attempts.push({ target: label, ok: false, detail: parsed.message })
    return 0
  }
  const detail = fetched.url === url ? label : `${label} → ${fetched.url}`
  const accepted = accept(out, parsed.value.candidates, source, detail)
  out.rejected.push(...parsed.value.notes.map((n) => `${label}: ${n}`))
  if (parsed.value.displayName && !out.provider) {
    out.provider = { name: parsed.value.displayName, id: parsed.value.id ?? domain, domains: parsed.value.domains.length > 0 ? parsed.value.domains : [domain] }
  }
  out.attempts.push({ target: label, ok: accepted > 0, detail: `${accepted} server(s) accepted` })
  return accepted
}

export async function autoconfigSource(ctx: DiscoverContext, domain = ctx.email.asciiDomain, source: DiscoverySource = 'autoconfig'): Promise<SourceOutput> {
  const out = emptyOutput()
  const urls = autoconfigUrls(domain)
  const httpOut = emptyOutput()
  const [httpsFound] = await Promise.all([
    Promise.all(urls.https.map((url) => clientConfigFrom(ctx, out, url, source, false, domain))).then((n) => n.reduce((a, b) => a + b, 0)),
    ctx.allowHttp && source === 'autoconfig'
      ? Promise.all(urls.http.map((url) => clientConfigFrom(ctx, httpOut, url, 'autoconfig-http', true, domain)))
      : Promise.resolve([]),
  ])
  if (ctx.allowHttp && source === 'autoconfig') {
    if (httpsFound === 0) {
      out.candidates.push(...httpOut.candidates)
      out.provider ??= httpOut.provider
    }
    out.rejected.push(...httpOut.rejected)
    out.attempts.push(
      ...httpOut.attempts.map((a) => ({ ...a, detail: httpsFound > 0 && a.ok ? `${a.detail}; unused: an https document was found` : `${a.detail} (plain-http fallback)` })),
    )
  }
  return out
}
