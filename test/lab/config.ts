// What servers.ts runs, as JSON: lab.ts builds it from the topology and the fresh certificates,
// servers.ts checks it with the same schema, so the two processes cannot drift apart.
import { z } from 'zod'
import type { LabCerts } from './certs'
import {
  DNS_ADDR, PROVIDERS, RELAY_ADDR, RELAY_ADDR6, RELAY_NAME, STRIP_PROXY_ADDR, STRIP_PROXY_ADDR6,
  TARPIT_ADDR, TARPIT_ADDR6, TARPIT_GREET_AFTER_MS,
} from './topology'

const certPair = z.object({ key: z.string(), cert: z.string() })

const smtpServerSchema = z.object({
  address: z.string(),
  port: z.number().int(),
  /** Host name in the greeting and EHLO reply. */
  name: z.string(),
  /** Text after "ESMTP" in the greeting. */
  banner: z.string(),
  tls: z.enum(['starttls', 'implicit', 'none']),
  /** Submission servers offer AUTH (and reject every login: the lab has no accounts). */
  submission: z.boolean(),
  cert: certPair.nullable(),
})

export const serverConfigSchema = z.object({
  dns: z.object({
    address: z.string(),
    port: z.number().int(),
    a: z.record(z.string(), z.array(z.string())),
    aaaa: z.record(z.string(), z.array(z.string())),
    mx: z.record(z.string(), z.array(z.object({ exchange: z.string(), priority: z.number().int() }))),
    srv: z.record(z.string(), z.array(z.object({ target: z.string(), port: z.number().int() }))),
  }),
  smtp: z.array(smtpServerSchema),
  /** TLS listeners for the 443 control probe (a plain TCP connect also counts as success). */
  https: z.array(z.object({ address: z.string(), port: z.number().int(), cert: certPair })),
  stripProxies: z.array(z.object({
    address: z.string(),
    port: z.number().int(),
    upstreamAddress: z.string(),
    upstreamPort: z.number().int(),
  })),
  /** Accept, stay silent for greetAfterMs, then greet: a filtering proxy or tarpit on 25. */
  tarpits: z.array(z.object({ address: z.string(), port: z.number().int(), name: z.string(), greetAfterMs: z.number().int() })),
})

export type ServerConfig = z.infer<typeof serverConfigSchema>
export type SmtpServerConfig = z.infer<typeof smtpServerSchema>

/** Leaf certificate requests, one per provider; `certs.leaves[i]` belongs to `PROVIDERS[i]`. */
export const leafRequests = PROVIDERS.map((p) => ({
  id: `provider-${p.id}`,
  names: [p.mxHost, p.submissionHost, p.domain],
}))

export function buildServerConfig(certs: LabCerts): ServerConfig {
  const config: ServerConfig = {
    dns: { address: DNS_ADDR, port: 53, a: { [RELAY_NAME]: [RELAY_ADDR] }, aaaa: { [RELAY_NAME]: [RELAY_ADDR6] }, mx: {}, srv: {} },
    smtp: [RELAY_ADDR, RELAY_ADDR6].map((address) => ({
      address, port: 25, name: RELAY_NAME, banner: 'ISP outbound relay',
      tls: 'none' as const, submission: false, cert: null,
    })),
    https: [],
    stripProxies: [],
    tarpits: [TARPIT_ADDR, TARPIT_ADDR6].map((address) => ({ address, port: 25, name: 'filter.isp.test', greetAfterMs: TARPIT_GREET_AFTER_MS })),
  }
  PROVIDERS.forEach((p, i) => {
    const cert = certs.leaves[i]
    if (!cert) throw new Error(`no certificate for ${p.domain}`)
    config.dns.a[p.mxHost] = [p.mxAddr]
    config.dns.a[p.submissionHost] = [p.submissionAddr]
    // Every server listens on both families, as a dual-stack provider's do.
    config.dns.aaaa[p.mxHost] = [p.mxAddr6]
    config.dns.aaaa[p.submissionHost] = [p.submissionAddr6]
    config.dns.mx[p.domain] = [{ exchange: p.mxHost, priority: 10 }]
    // RFC 6186 / RFC 8314 service records, so discovery code can be tried in the lab too.
    config.dns.srv[`_submission._tcp.${p.domain}`] = [{ target: p.submissionHost, port: 587 }]
    config.dns.srv[`_submissions._tcp.${p.domain}`] = [{ target: p.submissionHost, port: 465 }]
    const banner = `${p.displayName} mail service`
    for (const [mxAddr, submissionAddr, stripAddr] of [[p.mxAddr, p.submissionAddr, STRIP_PROXY_ADDR], [p.mxAddr6, p.submissionAddr6, STRIP_PROXY_ADDR6]] as const) {
      const sub = { address: submissionAddr, name: p.submissionHost, banner, submission: true, cert }
      config.smtp.push(
        { address: mxAddr, port: 25, name: p.mxHost, banner, tls: 'starttls', submission: false, cert },
        { ...sub, port: 587, tls: 'starttls' },
        { ...sub, port: 465, tls: 'implicit' },
        { ...sub, port: 2525, tls: 'starttls' },
      )
      config.https.push({ address: submissionAddr, port: 443, cert })
      config.stripProxies.push({ address: stripAddr, port: p.stripPort, upstreamAddress: mxAddr, upstreamPort: 25 })
    }
  })
  return config
}
