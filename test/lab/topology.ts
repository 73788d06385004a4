// The lab's fixed addresses and names. Only the documentation ranges (RFC 5737) and the `.test`
// TLD (RFC 2606) appear here, so nothing in the lab can ever name a real host.
import type { TargetSet } from '../../shared/targets'

export const CLIENT_NS = 'clearport-client'
export const NET_NS = 'clearport-net'
/** veth ends; names are capped at 15 characters by the kernel. */
export const CLIENT_LINK = 'cp-cli0'
export const NET_LINK = 'cp-net0'

export const CLIENT_ADDR = '192.0.2.2'
export const GATEWAY_ADDR = '192.0.2.1'
export const DNS_ADDR = '192.0.2.53'
export const RELAY_ADDR = '198.51.100.25'
export const RELAY_NAME = 'relay.isp.test'
export const STRIP_PROXY_ADDR = '198.51.100.26'
/** Accepts port-25 connections and greets only after 30 s (a filtering proxy, a tarpit). */
export const TARPIT_ADDR = '198.51.100.27'
export const TARPIT_GREET_AFTER_MS = 30_000

// IPv6, in the documentation prefix 2001:db8::/32 (RFC 3849): the veth's /64 and, on the
// server namespace's loopback, one /128 per server beside its IPv4 address.
export const CLIENT_ADDR6 = '2001:db8::2'
export const GATEWAY_ADDR6 = '2001:db8::1'
export const RELAY_ADDR6 = '2001:db8:100::25'
export const STRIP_PROXY_ADDR6 = '2001:db8:100::26'
export const TARPIT_ADDR6 = '2001:db8:100::27'

export interface LabProvider {
  /** Lower-case letter used in names: provider-a.test. */
  id: string
  displayName: string
  domain: string
  mxHost: string
  mxAddr: string
  mxAddr6: string
  submissionHost: string
  submissionAddr: string
  submissionAddr6: string
  /** Port on STRIP_PROXY_ADDR that forwards to this provider's MX with STARTTLS removed. */
  stripPort: number
  /** Whether the lab's targets list 2525 as a control for this provider. */
  controls2525: boolean
}

function provider(id: string, index: number): LabProvider {
  const domain = `provider-${id}.test`
  return {
    id,
    displayName: `Provider ${id.toUpperCase()}`,
    domain,
    mxHost: `mx.${domain}`,
    mxAddr: `203.0.113.${10 + index}`,
    mxAddr6: `2001:db8:113::${10 + index}`,
    submissionHost: `smtp.${domain}`,
    submissionAddr: `203.0.113.${20 + index}`,
    submissionAddr6: `2001:db8:113::${20 + index}`,
    stripPort: 2510 + index,
    controls2525: index === 0,
  }
}

export const PROVIDERS: readonly LabProvider[] = [provider('a', 0), provider('b', 1), provider('c', 2)]

/** Every address the server namespace owns (on its loopback, so no forwarding is needed). */
export const SERVER_ADDRS: readonly string[] = [
  DNS_ADDR,
  RELAY_ADDR,
  STRIP_PROXY_ADDR,
  TARPIT_ADDR,
  ...PROVIDERS.flatMap((p) => [p.mxAddr, p.submissionAddr]),
]

export const SERVER_ADDRS6: readonly string[] = [
  RELAY_ADDR6,
  STRIP_PROXY_ADDR6,
  TARPIT_ADDR6,
  ...PROVIDERS.flatMap((p) => [p.mxAddr6, p.submissionAddr6]),
]

/** The targets file the CLI is given inside the lab (shape: shared/targets.ts). */
export const labTargets: TargetSet = {
  targetPort: 25,
  controlPortMap: {},
  providers: PROVIDERS.map((p) => ({
    provider: p.displayName,
    mxDomain: p.domain,
    bannerDomains: [p.domain],
    alwaysStartTls: true,
    controls: [
      { host: p.submissionHost, port: 587 as const },
      { host: p.submissionHost, port: 465 as const },
      { host: p.submissionHost, port: 443 as const },
      ...(p.controls2525 ? [{ host: p.submissionHost, port: 2525 as const }] : []),
    ],
  })),
}
