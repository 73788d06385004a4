// The port-25 verdict on a dual-stack network: each address family judged on its own evidence
// (verdict.ts), then merged. A provider that greeted over IPv6 says nothing about IPv4: a person
// whose mail server, or whose destination's MX, has only IPv4 must hear that IPv4 is blocked.
// The top-level verdict is the family that limits the person — IPv4 first (almost every mail
// server has IPv4, many have no IPv6), then IPv6 — and a family whose controls failed too is
// not working on this network at all: a finding, not a verdict on port 25.
import type { AddressFamilyName, FamilyVerdict, ProbeRecord, TcpOutcome } from './model'
import { judgeProbes, type ProviderFacts, type VerdictFacts } from './verdict'

export interface DeadFamily {
  family: AddressFamilyName
  /** `silent`: every connect went unanswered (packets dropped); `no-route`: refused by this computer or the network at once. */
  cause: 'silent' | 'no-route'
}

export interface DecidedVerdict extends VerdictFacts {
  families: Record<AddressFamilyName, FamilyVerdict | null>
  /** The family the top-level verdict was taken from when the two live families differ. */
  limiting: AddressFamilyName | null
  /** Each family's own facts, for the words (null: no address of that family was tried). */
  byFamily: Record<AddressFamilyName, VerdictFacts | null>
  /** Families that do not work on this network while the other one does. */
  dead: DeadFamily[]
}

const FAMILIES: readonly [AddressFamilyName, 4 | 6][] = [['ipv4', 4], ['ipv6', 6]]
export const familyLabel = (family: AddressFamilyName): string => (family === 'ipv4' ? 'IPv4' : 'IPv6')

const silentOutcome = (o: TcpOutcome): boolean => o === 'timeout'

function deadCause(probes: ProbeRecord[]): DeadFamily['cause'] {
  const tried = probes.filter((p) => p.outcome !== 'dns-error')
  return tried.length > 0 && tried.every((p) => silentOutcome(p.outcome)) ? 'silent' : 'no-route'
}

const summary = (facts: VerdictFacts): FamilyVerdict => ({ verdict: facts.verdict, how: facts.how })

export function decideVerdict(probes: ProbeRecord[], providers: ProviderFacts[]): DecidedVerdict {
  const present = FAMILIES.filter(([, n]) => probes.some((p) => p.family === n))
  const none = { ipv4: null, ipv6: null }
  if (present.length < 2) {
    // One family (or none: every look-up failed): exactly the single-family rules.
    const facts = judgeProbes(probes, providers)
    const families: Record<AddressFamilyName, FamilyVerdict | null> = { ...none }
    const byFamily: Record<AddressFamilyName, VerdictFacts | null> = { ...none }
    for (const [name] of present) {
      families[name] = summary(facts)
      byFamily[name] = facts
    }
    return { ...facts, families, byFamily, limiting: null, dead: [] }
  }

  // A failed look-up has no family: it belongs to both pictures, but is noted once.
  const unresolved = probes.filter((p) => p.family === null)
  const judged = FAMILIES.map(([name, n]) => {
    const own = probes.filter((p) => p.family === n)
    return { name, own, facts: judgeProbes([...own, ...unresolved], providers) }
  })
  const families = { ipv4: summary(judged[0]!.facts), ipv6: summary(judged[1]!.facts) }
  const byFamily = { ipv4: judged[0]!.facts, ipv6: judged[1]!.facts }
  const live = judged.filter((j) => j.facts.verdict !== 'offline')
  const notes: string[] = []
  const seen = new Set<string>()
  for (const j of judged) {
    for (const note of j.facts.notes) {
      const text = unresolved.length > 0 && note === 'Every name look-up failed.' ? note : `${familyLabel(j.name)}: ${note}`
      if (!seen.has(text)) notes.push(text)
      seen.add(text)
    }
  }
  if (live.length === 0) {
    return { ...judged[0]!.facts, notes, families, byFamily, limiting: null, dead: [] }
  }
  const dead: DeadFamily[] = judged.filter((j) => j.facts.verdict === 'offline').map((j) => ({ family: j.name, cause: deadCause(j.own) }))
  const differ = live.length === 2 && (live[0]!.facts.verdict !== live[1]!.facts.verdict || live[0]!.facts.how !== live[1]!.facts.how)
  // IPv4 limits first; IPv6 only when IPv4 is open (or not working at all).
  const limitingEntry = live.find((j) => j.facts.verdict !== 'open') ?? live[0]!
  return {
    ...limitingEntry.facts,
    notes,
    families,
    byFamily,
    limiting: differ ? limitingEntry.name : null,
    dead,
  }
}
