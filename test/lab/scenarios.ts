// How each simulated network treats the client's traffic (an nftables ruleset for the CLIENT
// namespace) and the verdict ClearPort must reach on it (shared/design.md, verdict table).
import type { FamilyVerdict, Port25Finding, Port25Verdict, VerdictHow } from '../../shared/model'
import {
  CLIENT_LINK, PROVIDERS, RELAY_ADDR, RELAY_ADDR6, STRIP_PROXY_ADDR, STRIP_PROXY_ADDR6, TARPIT_ADDR, TARPIT_ADDR6,
} from './topology'

export const scenarioNames = [
  'open', 'dropped', 'refused', 'icmp', 'intercepted', 'stripped', 'smtp-dropped', 'offline',
  'no-greeting', 'offline-dns', 'lossy',
  'ipv4-only', 'ipv4-dropped', 'ipv6-dropped', 'ipv6-broken',
] as const
export type ScenarioName = (typeof scenarioNames)[number]

export interface ScenarioExpectation {
  verdict: Port25Verdict
  how: VerdictHow | null
  /** Submission ports whose `usable` must have this value (unlisted: not asserted). */
  submission: Partial<Record<587 | 465 | 2525, boolean>>
  /** The verdict per address family (null: no address of that family was tried). */
  families: { ipv4: FamilyVerdict | null; ipv6: FamilyVerdict | null }
  /** The findings the report must carry, and no others. */
  findings: Port25Finding['id'][]
  /** false: the client has no IPv6 route (an IPv4-only network). */
  ipv6Route: boolean
  /** 'system': run without --dns-server (the lab's resolv.conf), so a silent DNS is the network's. */
  resolver: 'lab' | 'system'
}

const both = (verdict: Port25Verdict, how: VerdictHow | null = null): ScenarioExpectation['families'] => ({
  ipv4: { verdict, how },
  ipv6: { verdict, how },
})
const expect = (e: Partial<ScenarioExpectation> & Pick<ScenarioExpectation, 'verdict'>): ScenarioExpectation => ({
  how: null,
  submission: {},
  families: both(e.verdict, e.how ?? null),
  findings: [],
  ipv6Route: true,
  resolver: 'lab',
  ...e,
})
const submissionOk = { 587: true, 465: true } as const
const open4 = { verdict: 'open', how: null } as const

export const scenarioExpectations: Record<ScenarioName, ScenarioExpectation> = {
  open: expect({ verdict: 'open', submission: submissionOk }),
  dropped: expect({ verdict: 'blocked', how: 'timeout', submission: submissionOk }),
  refused: expect({ verdict: 'blocked', how: 'reset', submission: submissionOk }),
  icmp: expect({ verdict: 'blocked', how: 'unreachable', submission: submissionOk }),
  intercepted: expect({ verdict: 'intercepted', submission: submissionOk }),
  stripped: expect({ verdict: 'stripped', submission: submissionOk }),
  'smtp-dropped': expect({ verdict: 'blocked', how: 'timeout', submission: { 587: false, 465: false } }),
  offline: expect({ verdict: 'offline' }),
  'no-greeting': expect({ verdict: 'inconclusive', how: 'no-greeting', submission: submissionOk }),
  // Nothing resolves, so no address of either family is ever tried.
  'offline-dns': expect({ verdict: 'offline', families: { ipv4: null, ipv6: null }, resolver: 'system' }),
  lossy: expect({ verdict: 'open', submission: submissionOk }),
  'ipv4-only': expect({ verdict: 'open', submission: submissionOk, families: { ipv4: open4, ipv6: { verdict: 'offline', how: null } }, findings: ['ipv6-none'], ipv6Route: false }),
  'ipv4-dropped': expect({ verdict: 'blocked', how: 'timeout', submission: submissionOk, families: { ipv4: { verdict: 'blocked', how: 'timeout' }, ipv6: open4 } }),
  'ipv6-dropped': expect({ verdict: 'blocked', how: 'timeout', submission: submissionOk, families: { ipv4: open4, ipv6: { verdict: 'blocked', how: 'timeout' } } }),
  'ipv6-broken': expect({ verdict: 'open', submission: submissionOk, families: { ipv4: open4, ipv6: { verdict: 'offline', how: null } }, findings: ['ipv6-broken'] }),
}

/** A filter table hooked on the client's own output: the client is the "network" here. */
function filterOutput(rule: string): string {
  return `table inet clearport {
  chain output {
    type filter hook output priority filter; policy accept;
    ${rule}
  }
}
`
}

function natOutput(rules: string[]): string {
  return `table inet clearport_nat {
  chain output {
    type nat hook output priority -100; policy accept;
    ${rules.join('\n    ')}
  }
}
`
}

const rules: Record<ScenarioName, string> = {
  open: '',
  dropped: filterOutput('tcp dport 25 drop'),
  refused: filterOutput('tcp dport 25 reject with tcp reset'),
  // icmpx so the one inet table covers IPv4 (ICMP type 3 code 13) and IPv6 alike.
  icmp: filterOutput('tcp dport 25 reject with icmpx type admin-prohibited'),
  // One inet table, one rule per family: a middlebox on a dual-stack line catches both.
  intercepted: natOutput([
    `meta nfproto ipv4 tcp dport 25 dnat ip to ${RELAY_ADDR}`,
    `meta nfproto ipv6 tcp dport 25 dnat ip6 to ${RELAY_ADDR6}`,
  ]),
  stripped: natOutput(PROVIDERS.flatMap((p) => [
    `ip daddr ${p.mxAddr} tcp dport 25 dnat ip to ${STRIP_PROXY_ADDR}:${p.stripPort}`,
    `ip6 daddr ${p.mxAddr6} tcp dport 25 dnat ip6 to [${STRIP_PROXY_ADDR6}]:${p.stripPort}`,
  ])),
  'smtp-dropped': filterOutput('tcp dport { 25, 465, 587, 2525 } drop'),
  // UDP stays open on purpose: DNS still answers, so only the TCP probes can tell "offline".
  offline: filterOutput(`oifname "${CLIENT_LINK}" meta l4proto tcp drop`),
  'no-greeting': natOutput([
    `meta nfproto ipv4 tcp dport 25 dnat ip to ${TARPIT_ADDR}`,
    `meta nfproto ipv6 tcp dport 25 dnat ip6 to ${TARPIT_ADDR6}`,
  ]),
  // No answer comes back, DNS included (the resolver is the lab's, through resolv.conf). Dropped
  // on the way in: a packet dropped on the way out fails its send at once (EPERM), which is not
  // what a dead uplink or a captive portal looks like.
  'offline-dns': `table inet clearport {
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "${CLIENT_LINK}" drop
  }
}
`,
  // 3% of the packets in each direction, at random (tc netem is missing from this kernel).
  lossy: `table inet clearport {
  chain output {
    type filter hook output priority filter; policy accept;
    oifname "${CLIENT_LINK}" numgen random mod 100 < 3 drop
  }
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "${CLIENT_LINK}" numgen random mod 100 < 3 drop
  }
}
`,
  'ipv4-only': '',
  'ipv4-dropped': filterOutput('meta nfproto ipv4 tcp dport 25 drop'),
  'ipv6-dropped': filterOutput('meta nfproto ipv6 tcp dport 25 drop'),
  // Addresses and AAAA answers, every IPv6 connection silently dropped: the usual broken IPv6.
  'ipv6-broken': filterOutput(`oifname "${CLIENT_LINK}" meta nfproto ipv6 meta l4proto tcp drop`),
}

/** The complete input for `nft -f -`: always starts from an empty ruleset. */
export function scenarioRuleset(name: ScenarioName): string {
  return `flush ruleset\n${rules[name]}`
}
