// Words for a dual-stack answer: the headline and advice when IPv4 and IPv6 differ, and the
// finding for a family that does not work on this network. Pure.
import type { FamilyVerdict, Port25Finding, ProbeRecord, SubmissionPortStatus } from './model'
import { adviceFor, headlineFor } from './advice'
import { familyLabel, type DecidedVerdict, type DeadFamily } from './verdict-families'

function state(v: FamilyVerdict): string {
  switch (v.verdict) {
    case 'open': return 'open'
    case 'blocked': return v.how === 'reset' ? 'refused' : v.how === 'unreachable' ? 'rejected as unreachable' : 'blocked'
    case 'intercepted': return 'intercepted (redirected to another server)'
    case 'stripped': return 'tampered with (STARTTLS removed)'
    case 'offline': return 'not working'
    case 'inconclusive': return v.how === 'no-greeting' ? 'held silent (no server greets)' : 'unclear'
  }
}

/** One sentence for each family, and what the difference means for mail. */
function familySentence(facts: DecidedVerdict): string | null {
  const { ipv4, ipv6 } = facts.families
  if (!facts.limiting || !ipv4 || !ipv6) return null
  if (ipv4.verdict !== 'open' && ipv6.verdict === 'open') {
    return `Port 25 is ${state(ipv4)} over IPv4 but open over IPv6: mail to servers without IPv6 — most of them — cannot leave.`
  }
  if (ipv4.verdict === 'open' && ipv6.verdict !== 'open') {
    return `Port 25 is open over IPv4 but ${state(ipv6)} over IPv6: mail to servers with IPv4 leaves, but mail to servers reachable only over IPv6 cannot, and a mail server here that tries IPv6 first is held up before it falls back to IPv4.`
  }
  return `Port 25 is ${state(ipv4)} over IPv4 and ${state(ipv6)} over IPv6.`
}

export function familyHeadline(facts: DecidedVerdict, probes: ProbeRecord[], silentCutoffMs: number, greetingMs?: number): string {
  const sentence = familySentence(facts)
  if (!sentence) return headlineFor(facts, probes, silentCutoffMs, greetingMs)
  const limiting = facts.limiting === 'ipv6' ? 6 : 4
  // The detail of the limiting family, judged on its own probes.
  return `${sentence} ${headlineFor(facts, probes.filter((p) => p.family === limiting), silentCutoffMs, greetingMs)}`
}

export function familyAdvice(facts: DecidedVerdict, submission: SubmissionPortStatus[]): string {
  const advice = adviceFor(facts, submission)
  if (!facts.limiting) return advice
  const other = facts.limiting === 'ipv4' ? 'IPv6' : 'IPv4'
  return `What follows is about ${familyLabel(facts.limiting)}, where port 25 is limited; over ${other} it is ${state(facts.families[facts.limiting === 'ipv4' ? 'ipv6' : 'ipv4'] ?? { verdict: 'open', how: null })}. ${advice}`
}

export function familyFinding(dead: DeadFamily, other: string): Port25Finding {
  const name = familyLabel(dead.family)
  if (dead.cause === 'silent') {
    return {
      id: dead.family === 'ipv4' ? 'ipv4-broken' : 'ipv6-broken',
      title: `${name} does not work on this network`,
      advice: `This computer has ${name} and the mail servers publish ${name} addresses, but no ${name} connection got any answer, while ${other} worked. Programs that try ${name} first wait before they fall back to ${other}, so sending and loading can be slow, and servers reachable only over ${name} cannot be reached at all. The verdict above rests on ${other}. Restart your router; if that does not help, ask your internet provider to fix ${name}, or switch ${name} off in the router so programs stop trying it.`,
    }
  }
  return {
    id: dead.family === 'ipv4' ? 'ipv4-none' : 'ipv6-none',
    title: `This network has no working ${name}`,
    advice: `${name} connections were turned away at once (no route, or forbidden), so programs use ${other} straight away and nothing waits. The verdict above rests on ${other}; only servers reachable solely over ${name} are out of reach from here.`,
  }
}

export function findingsOf(facts: DecidedVerdict): Port25Finding[] {
  return facts.dead.map((d) => familyFinding(d, d.family === 'ipv4' ? 'IPv6' : 'IPv4'))
}
