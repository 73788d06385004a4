// Source 7: guessing. The usual host names × the standard ports (implicit TLS and STARTTLS only:
// a plaintext-only server still shows up, as STARTTLS missing). Names that do not resolve are
// dropped here; the rest are probed in parallel with everything else, so a dropped port costs
// the network's round-trip patience, not a fixed 10 s per try.
import type { CandidateInput } from '@shared/discovery'
import type { MailProtocol } from '@shared/settings'
import type { SocketSecurity } from '@shared/model'
import { isCancel, withDnsDeadline } from '../deadline'
import { accept, emptyOutput, type DiscoverContext, type SourceOutput } from './context'

interface GuessPlan {
  protocol: MailProtocol
  prefixes: string[]
  ports: { port: number; socket: SocketSecurity }[]
}

/** Port 25 is left out on purpose: it is never recommended for submission (RFC 8314, RFC 6409). */
export const GUESS_PLAN: GuessPlan[] = [
  { protocol: 'smtp', prefixes: ['smtp.', 'mail.', ''], ports: [{ port: 465, socket: 'SSL' }, { port: 587, socket: 'STARTTLS' }, { port: 2525, socket: 'STARTTLS' }] },
  { protocol: 'imap', prefixes: ['imap.', 'mail.', ''], ports: [{ port: 993, socket: 'SSL' }, { port: 143, socket: 'STARTTLS' }] },
  { protocol: 'pop3', prefixes: ['pop.', 'pop3.', 'mail.', ''], ports: [{ port: 995, socket: 'SSL' }, { port: 110, socket: 'STARTTLS' }] },
]

/** Every guess for a domain, pure (the plan a test can check without sockets). */
export function guessCandidates(domain: string): CandidateInput[] {
  const out: CandidateInput[] = []
  for (const plan of GUESS_PLAN) {
    for (const prefix of plan.prefixes) {
      for (const { port, socket } of plan.ports) out.push({ protocol: plan.protocol, host: `${prefix}${domain}`, port, socket, auth: [], username: '%EMAILADDRESS%' })
    }
  }
  return out
}

export async function guessSource(ctx: DiscoverContext): Promise<SourceOutput> {
  const out = emptyOutput()
  const all = guessCandidates(ctx.email.asciiDomain)
  const hosts = [...new Set(all.map((c) => c.host as string))]
  const resolved = new Set<string>()
  await Promise.all(
    hosts.map(async (host) => {
      try {
        await withDnsDeadline(ctx.signal, (s) => ctx.dns.addresses(host, s))
        resolved.add(host)
        out.attempts.push({ target: host, ok: true, detail: 'resolves' })
      } catch (error) {
        if (isCancel(error)) throw error
        out.attempts.push({ target: host, ok: false, detail: (error as Error).message })
      }
    }),
  )
  const inputs = all.filter((c) => resolved.has(c.host as string))
  accept(out, inputs, 'guess', 'guessed')
  return out
}
