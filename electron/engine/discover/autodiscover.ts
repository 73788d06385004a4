// Source 4: Exchange Autodiscover POX, at https://<d>/autodiscover/autodiscover.xml,
// https://autodiscover.<d>/autodiscover/autodiscover.xml and the target of _autodiscover._tcp.<d>
// (SRV, unauthenticated DNS; the certificate must still match the target). We POST the address
// only — never a password; a 401 means "Autodiscover exists here and wants credentials", which is
// recorded, never answered.
import { orderSrv } from '@shared/discovery'
import { parseEmailAddress } from '@shared/validate'
import { isCancel, withDnsDeadline } from '../deadline'
import { autodiscoverRequest, parseAutodiscover } from './autodiscover-xml'
import { accept, emptyOutput, fetchFor, type DiscoverContext, type SourceOutput } from './context'

async function srvUrl(ctx: DiscoverContext, domain: string, out: SourceOutput): Promise<string | null> {
  const name = `_autodiscover._tcp.${domain}`
  try {
    const records = await withDnsDeadline(ctx.signal, (s) => ctx.dns.srv(name, s))
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

/** Redirects followed at most this often (Outlook stops at 10; a desktop check needs far fewer). */
const MAX_REDIRECTS = 2

const wellKnownUrls = (domain: string): string[] => [
  `https://${domain}/autodiscover/autodiscover.xml`,
  `https://autodiscover.${domain}/autodiscover/autodiscover.xml`,
]

export async function autodiscoverSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const domain = ctx.email.asciiDomain
  const asked = new Set<string>()
  const ask = async (url: string, address: string, via: string, hops: number): Promise<void> => {
    // A redirect loop or a second look at the same place: each (URL, address) is asked once.
    if (asked.has(`${url} ${address}`)) return
    asked.add(`${url} ${address}`)
    let fetched
    try {
      fetched = await fetchFor(ctx, url, { method: 'POST', body: autodiscoverRequest(address), requestContentType: 'text/xml; charset=utf-8' })
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
    const parsed = parseAutodiscover(fetched.text, address)
    if (!parsed.ok) {
      out.attempts.push({ target: url, ok: false, detail: parsed.message })
      return
    }
    const redirect = parsed.value.redirect
    if (redirect) {
      out.attempts.push({ target: url, ok: false, detail: parsed.value.notes.join('; ') })
      if (hops >= MAX_REDIRECTS) {
        out.rejected.push(`${url}: more than ${MAX_REDIRECTS} Autodiscover redirects; not followed further`)
        return
      }
      if (redirect.kind === 'url') {
        let next: URL | null
        try {
          next = new URL(redirect.target)
        } catch {
          next = null
        }
        // Only to https, never with credentials in the URL: the redirect came over the network.
        if (!next || next.protocol !== 'https:' || next.username !== '' || next.password !== '') {
          out.rejected.push(`${url}: redirectUrl ${JSON.stringify(redirect.target.slice(0, 100))} is not a plain https URL; not followed`)
          return
        }
        return ask(next.href, address, `${via} → redirectUrl`, hops + 1)
      }
      const moved = parseEmailAddress(redirect.target)
      if (!moved.ok) {
        out.rejected.push(`${url}: redirectAddr is not an address (${moved.message}); not followed`)
        return
      }
      await Promise.all(wellKnownUrls(moved.value.asciiDomain).map((next) => ask(next, moved.value.address, `${via} → redirectAddr ${moved.value.address}`, hops + 1)))
      return
    }
    const accepted = accept(out, parsed.value.candidates, 'autodiscover', `${via} ${fetched.url}`)
    out.rejected.push(...parsed.value.notes.map((n) => `${url}: ${n}`))
    out.attempts.push({ target: url, ok: accepted > 0, detail: `${accepted} server(s) accepted` })
  }
  const fixed = wellKnownUrls(domain)
  const address = ctx.email.address
  await Promise.all([
    ...fixed.map((url) => ask(url, address, 'Autodiscover', 0)),
    srvUrl(ctx, domain, out).then((url) => (url && !fixed.includes(url) ? ask(url, address, 'Autodiscover via _autodiscover._tcp SRV (unauthenticated DNS)', 0) : undefined)),
  ])
  return out
}
