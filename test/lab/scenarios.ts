// How each simulated network treats the client's traffic (an nftables ruleset for the CLIENT
// namespace) and the verdict ClearPort must reach on it (shared/design.md, verdict table).
import type { BlockHow, Port25Verdict } from '../../shared/model'
import { CLIENT_LINK, PROVIDERS, RELAY_ADDR, STRIP_PROXY_ADDR } from './topology'

export const scenarioNames = [
  'open', 'dropped', 'refused', 'icmp', 'intercepted', 'stripped', 'smtp-dropped', 'offline',
] as const
export type ScenarioName = (typeof scenarioNames)[number]

export interface ScenarioExpectation {
  verdict: Port25Verdict
  how: BlockHow | null
  /** Submission ports whose `usable` must have this value (unlisted: not asserted). */
  submission: Partial<Record<587 | 465 | 2525, boolean>>
}

export const scenarioExpectations: Record<ScenarioName, ScenarioExpectation> = {
  open: { verdict: 'open', how: null, submission: { 587: true, 465: true } },
  dropped: { verdict: 'blocked', how: 'timeout', submission: { 587: true, 465: true } },
  refused: { verdict: 'blocked', how: 'reset', submission: { 587: true, 465: true } },
  icmp: { verdict: 'blocked', how: 'unreachable', submission: { 587: true, 465: true } },
  intercepted: { verdict: 'intercepted', how: null, submission: { 587: true, 465: true } },
  stripped: { verdict: 'stripped', how: null, submission: { 587: true, 465: true } },
  'smtp-dropped': { verdict: 'blocked', how: 'timeout', submission: { 587: false, 465: false } },
  offline: { verdict: 'offline', how: null, submission: {} },
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
  return `table ip clearport_nat {
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
  intercepted: natOutput([`tcp dport 25 dnat to ${RELAY_ADDR}`]),
  stripped: natOutput(
    PROVIDERS.map((p) => `ip daddr ${p.mxAddr} tcp dport 25 dnat to ${STRIP_PROXY_ADDR}:${p.stripPort}`),
  ),
  'smtp-dropped': filterOutput('tcp dport { 25, 465, 587, 2525 } drop'),
  // UDP stays open on purpose: DNS still answers, so only the TCP probes can tell "offline".
  offline: filterOutput(`oifname "${CLIENT_LINK}" meta l4proto tcp drop`),
}

/** The complete input for `nft -f -`: always starts from an empty ruleset. */
export function scenarioRuleset(name: ScenarioName): string {
  return `flush ruleset\n${rules[name]}`
}
