// Source 4: Exchange Autodiscover POX, at https://<d>/autodiscover/autodiscover.xml,
// https://autodiscover.<d>/autodiscover/autodiscover.xml and the target of _autodiscover._tcp.<d>
// (SRV, unauthenticated DNS; the certificate must still match the target). We POST the address
// only — never a password; a 401 means "Autodiscover exists here and wants credentials", which is
// recorded, never answered.
import { orderSrv } from '@shared/discovery'
import { isCancel, withScope } from '../deadline'
import { autodiscoverRequest, parseAutodiscover } from './autodiscover-xml'
import { accept, emptyOutput, fetchFor, type DiscoverContext, type SourceOutput } from './context'

async function srvUrl(ctx: DiscoverContext, domain: string, out: SourceOutput): Promise<string | null> {
  const name = `_autodiscover._tcp.${domain}`
  try {
    const records = await withScope(ctx.signal, 4000, 'dns', (s) => ctx.dns.srv(name, s))
    const ordered = orderSrv(records, ctx.random)
    if (ordered === 'not-offered' || ordered.length === 0) {
      out.attempts.push({ target: name, ok: false, detail: ordered === 'not-offered' ? 'target "." (not offered)' : 'no SRV record' })
      return null
    }
    const first = ordered[0]!
    return `https://${first.name.replace(/\.$/, '')}${first.port === 443 ? '' : `:${first.port}`}/autodiscover/autodiscover.xml`
  } catch (error) {
    if (isCancel(error)) throw error
    out.attempts.push({ target: name, ok: false, detail: (error as Error).message })
    return null
  }
}

export async function autodiscoverSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const domain = ctx.email.asciiDomain
  const body = autodiscoverRequest(ctx.email.address)
  const ask = async (url: string, via: string): Promise<void> => {
    let fetched
    try {
      fetched = await fetchFor(ctx, url, { method: 'POST', body, requestContentType: 'text/xml; charset=utf-8' })
    } catch (error) {
      if (isCancel(error)) throw error
      out.attempts.push({ target: url, ok: false, detail: (error as Error).message })
      return
    }
    if (!fetched.ok) {
      const detail = fetched.status === 401 ? 'Autodiscover exists here but wants credentials (HTTP 401); none were sent' : fetched.reason
      out.attempts.push({ target: url, ok: false, detail })
      return
    }
    const parsed = parseAutodiscover(fetched.text, ctx.email.address)
    if (!parsed.ok) {
      out.attempts.push({ target: url, ok: false, detail: parsed.message })
      return
    }
    const accepted = accept(out, parsed.value.candidates, 'autodiscover', `${via} ${fetched.url}`)
    out.rejected.push(...parsed.value.notes.map((n) => `${url}: ${n}`))
    out.attempts.push({ target: url, ok: accepted > 0, detail: `${accepted} server(s) accepted` })
  }
  const fixed = [`https://${domain}/autodiscover/autodiscover.xml`, `https://autodiscover.${domain}/autodiscover/autodiscover.xml`]
  await Promise.all([
    ...fixed.map((url) => ask(url, 'Autodiscover')),
    srvUrl(ctx, domain, out).then((url) => (url && !fixed.includes(url) ? ask(url, 'Autodiscover via _autodiscover._tcp SRV (unauthenticated DNS)') : undefined)),
  ])
  return out
}
