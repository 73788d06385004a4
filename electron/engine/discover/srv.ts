// Source 5: DNS SRV records (RFC 6186, and RFC 8314 for _submissions), ordered by priority and
// weight (RFC 2782). A target of "." says the service is not offered. SRV answers are
// unauthenticated DNS (RFC 6186 §6): the results are marked so, and the probe checks that the
// certificate matches the target host.
import { orderSrv, type CandidateInput } from '@shared/discovery'
import type { MailProtocol } from '@shared/settings'
import type { SocketSecurity } from '@shared/model'
import { isCancel, withDnsDeadline } from '../deadline'
import { accept, emptyOutput, type DiscoverContext, type SourceOutput } from './context'

/** In preference order: implicit TLS first (RFC 8314 §5.1), then STARTTLS. */
export const SRV_SERVICES: { label: string; protocol: MailProtocol; socket: SocketSecurity }[] = [
  { label: '_submissions', protocol: 'smtp', socket: 'SSL' },
  { label: '_submission', protocol: 'smtp', socket: 'STARTTLS' },
  { label: '_imaps', protocol: 'imap', socket: 'SSL' },
  { label: '_imap', protocol: 'imap', socket: 'STARTTLS' },
  { label: '_pop3s', protocol: 'pop3', socket: 'SSL' },
  { label: '_pop3', protocol: 'pop3', socket: 'STARTTLS' },
]

export async function srvSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const domain = ctx.email.asciiDomain
  await Promise.all(
    SRV_SERVICES.map(async (service, rank) => {
      const name = `${service.label}._tcp.${domain}`
      let records
      try {
        records = await withDnsDeadline(ctx.signal, (s) => ctx.dns.srv(name, s))
      } catch (error) {
        if (isCancel(error)) throw error
        out.attempts.push({ target: name, ok: false, detail: (error as Error).message })
        return
      }
      const ordered = orderSrv(records, ctx.random)
      if (ordered === 'not-offered') {
        out.attempts.push({ target: name, ok: false, detail: 'target "." — the domain says this service is not offered' })
        return
      }
      if (ordered.length === 0) {
        out.attempts.push({ target: name, ok: false, detail: 'no record' })
        return
      }
      const inputs: CandidateInput[] = ordered.map((r) => ({
        protocol: service.protocol,
        host: r.name.replace(/\.$/, ''),
        port: r.port,
        socket: service.socket,
        auth: [],
        // RFC 6186 §4: the user name is the e-mail address unless configured otherwise.
        username: '%EMAILADDRESS%',
      }))
      const accepted = accept(out, inputs, 'srv', `${name} (unauthenticated DNS)`, rank * 100)
      out.attempts.push({ target: name, ok: accepted > 0, detail: ordered.map((r) => `${r.name}:${r.port} prio ${r.priority} weight ${r.weight}`).join(', ') })
    }),
  )
  return out
}
