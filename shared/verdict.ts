// The port-25 verdict rules: pure, from probe evidence to a verdict (design.md, "Verdicts").
// Each address family is judged on its own probes (verdict-families.ts merges them): evidence
// about port 25 counts only where some control connection of that family succeeded — without a
// working control, a failure on 25 says nothing about 25.
import type { BlockHow, Port25Verdict, ProbeRecord, SubmissionPortStatus, TcpOutcome, VerdictHow } from './model'

export interface ProviderFacts {
  provider: string
  bannerDomains: string[]
  alwaysStartTls: boolean
}

export interface VerdictFacts {
  verdict: Port25Verdict
  how: VerdictHow | null
  /** Providers (by name) whose MX answered on 25 / failed on 25 while a control worked. */
  answered: string[]
  failed: string[]
  /** Providers whose MX accepted the connection on 25 but never greeted. */
  silent: string[]
  /** The banner shared by distinct destinations, when intercepted. */
  sharedBanner: string | null
  notes: string[]
}

/** The host a greeting names: the first word after the code ("mx.example.com ESMTP ..."). */
export function bannerHost(banner: string): string {
  return (banner.trim().split(/\s+/)[0] ?? '').toLowerCase().replace(/\.$/, '')
}

/** Cisco "SMTP fixup" and similar boxes mask the greeting with asterisks. */
export function isMaskedBanner(banner: string): boolean {
  return /^\*{4,}/.test(banner.trim()) || /^[*\s]+$/.test(banner.trim())
}

export function bannerMatches(banner: string, domains: string[]): boolean {
  const host = bannerHost(banner)
  return domains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`))
}

function blockHow(outcome: TcpOutcome): BlockHow {
  if (outcome === 'unreachable') return 'unreachable'
  if (outcome === 'refused' || outcome === 'reset') return 'reset'
  return 'timeout'
}

function dominantHow(failures: ProbeRecord[]): BlockHow {
  const counts: Record<BlockHow, number> = { timeout: 0, reset: 0, unreachable: 0 }
  for (const probe of failures) counts[blockHow(probe.outcome)] += 1
  return (['reset', 'unreachable', 'timeout'] as const).reduce((best, how) => (counts[how] > counts[best] ? how : best), 'reset')
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item])
  return map
}

/** The verdict on one family's probes (or on all of them, when only one family was seen). */
export function judgeProbes(probes: ProbeRecord[], providers: ProviderFacts[]): VerdictFacts {
  const notes: string[] = []
  const facts = new Map(providers.map((p) => [p.provider, p]))
  const controlsOpen = probes.filter((p) => p.role === 'control' && p.outcome === 'open')
  const liveFamilies = new Set(controlsOpen.map((p) => p.family))
  const on25 = probes.filter((p) => p.role === 'target' || p.role === 'own')
  const anyOpen25 = on25.some((p) => p.outcome === 'open')
  const result = (verdict: Port25Verdict, how: VerdictHow | null, extra: Partial<VerdictFacts> = {}): VerdictFacts => ({
    verdict,
    how,
    answered: [],
    failed: [],
    silent: [],
    sharedBanner: null,
    notes,
    ...extra,
  })

  if (controlsOpen.length === 0 && !anyOpen25) {
    if (probes.length > 0 && probes.every((p) => p.outcome === 'dns-error')) notes.push('Every name look-up failed.')
    return result('offline', null)
  }

  // Target evidence: per provider, on families where a control worked (or 25 itself worked).
  const evidence = on25.filter((p) => p.outcome !== 'dns-error' && (p.outcome === 'open' || liveFamilies.has(p.family)))
  const byProvider = groupBy(evidence, (p) => p.provider)
  const answered: string[] = []
  const failed: string[] = []
  const silent: string[] = []
  for (const [provider, list] of byProvider) {
    const isTarget = list.some((p) => p.role === 'target')
    if (list.some((p) => p.outcome === 'open' && p.banner !== null)) answered.push(provider)
    else if (isTarget && list.every((p) => p.outcome !== 'open')) failed.push(provider)
    else if (list.some((p) => p.outcome === 'open')) {
      if (isTarget) silent.push(provider)
      notes.push(`${provider}: port 25 connected but no greeting arrived.`)
    }
  }
  for (const own of on25.filter((p) => p.role === 'own' && p.outcome !== 'open')) {
    notes.push(`Your own domain's mail server ${own.host} (${own.address ?? 'no address'}) on 25: ${own.outcome}.`)
  }

  const greeted = evidence.filter((p) => p.outcome === 'open' && p.banner !== null)
  const masked = greeted.find((p) => isMaskedBanner(p.banner ?? ''))
  if (masked) {
    return result('intercepted', null, { answered, failed, sharedBanner: masked.banner, notes })
  }
  // One banner host heard from distinct providers: a relay answers for all of them. Only the
  // reference providers count: the person's own domain may well be hosted at one of them.
  const byBanner = groupBy(greeted.filter((p) => p.role === 'target'), (p) => bannerHost(p.banner ?? ''))
  for (const [host, list] of byBanner) {
    const distinct = new Set(list.map((p) => p.provider))
    if (distinct.size >= 2) {
      notes.push(`${distinct.size} different providers (${[...distinct].join(', ')}) all answered as "${host}".`)
      return result('intercepted', null, { answered, failed, sharedBanner: list[0]?.banner ?? host, notes })
    }
  }
  for (const probe of greeted) {
    const meta = facts.get(probe.provider)
    if (meta && meta.bannerDomains.length > 0 && !bannerMatches(probe.banner ?? '', meta.bannerDomains)) {
      notes.push(`${probe.provider}'s server answered as "${bannerHost(probe.banner ?? '')}", not a name of ${meta.bannerDomains.join('/')}.`)
    }
  }

  if (answered.length > 0) {
    const tlsExpected = greeted.filter((p) => p.role === 'target' && facts.get(p.provider)?.alwaysStartTls && p.startTls !== null)
    const missing = tlsExpected.filter((p) => p.startTls === false)
    if (missing.length > 0 && missing.length === tlsExpected.length) {
      return result('stripped', null, { answered, failed, notes })
    }
    if (missing.length > 0) {
      notes.push(`STARTTLS was missing from ${missing.map((p) => `${p.host} (${p.address})`).join(', ')} but offered by the others.`)
      return result('inconclusive', null, { answered, failed, notes })
    }
    if (failed.length > 0) {
      notes.push(`Port 25 answered from ${answered.join(', ')} but failed to ${failed.join(', ')} although their other ports worked.`)
      return result('inconclusive', null, { answered, failed, notes })
    }
    return result('open', null, { answered, failed, notes })
  }

  // Every reference server took the connection and none spoke: not disagreement but one
  // consistent picture — something on the way (a filter, an antivirus proxy, a tarpit) holds them.
  if (silent.length > 0 && failed.length === 0) {
    return result('inconclusive', 'no-greeting', { answered, failed, silent, notes })
  }
  const targetProviders = new Set(on25.filter((p) => p.role === 'target').map((p) => p.provider))
  const needed = Math.min(2, targetProviders.size)
  if (failed.length >= needed && needed > 0) {
    const failures = evidence.filter((p) => p.role === 'target' && failed.includes(p.provider))
    return result('blocked', dominantHow(failures), { answered, failed, silent, notes })
  }
  notes.push(
    failed.length === 0
      ? 'No port-25 probe could be compared with a working control connection.'
      : `Port 25 failed to ${failed.join(', ')} only; too few providers could be compared to call it blocked.`,
  )
  return result('inconclusive', null, { answered, failed, silent, notes })
}

/** Which submission ports work, from the control probes (by service port). */
export function submissionStatus(probes: ProbeRecord[]): SubmissionPortStatus[] {
  return ([587, 465, 2525] as const).map((port) => {
    const tried = probes.filter((p) => p.role === 'control' && p.service === port)
    const works = tried.filter((p) => {
      if (p.outcome !== 'open' || p.banner === null || p.note !== null) return false
      if (port === 465) return p.tls !== null
      if (port === 587) return p.startTls === true && p.tls !== null
      return true
    })
    const evidence = (works.length > 0 ? works : tried).map((p) => p.id)
    if (tried.length === 0) return { port, usable: null, evidence, summary: `${port} was not tested.` }
    if (works.length > 0) {
      const first = works[0]!
      return { port, usable: true, evidence, summary: `${port} works (${first.host} answered in ${first.ms} ms).` }
    }
    const reasons = [...new Set(tried.map((p) => p.note ?? p.outcome))].join('; ')
    return { port, usable: false, evidence, summary: `${port} did not work: ${reasons}.` }
  })
}
