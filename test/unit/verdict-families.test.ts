// Per-family port-25 verdicts and the no-greeting verdict, from evidence records (pure rules).
import { describe, expect, it } from 'vitest'
import type { ProbeRecord, TcpOutcome } from '@shared/model'
import type { ProviderFacts } from '@shared/verdict'
import { decideVerdict } from '@shared/verdict-families'
import { familyAdvice, familyHeadline, findingsOf } from '@shared/advice-families'
import { adviceFor, headlineFor } from '@shared/advice'
import { submissionStatus } from '@shared/verdict'

const providers: ProviderFacts[] = ['A', 'B', 'C'].map((x) => ({ provider: x, bannerDomains: [`provider-${x.toLowerCase()}.test`], alwaysStartTls: true }))

let n = 0
interface Opts { family?: 4 | 6; banner?: string | null; note?: string | null }
function rec(role: 'target' | 'control', provider: string, outcome: TcpOutcome, opts: Opts = {}): ProbeRecord {
  n += 1
  const family = opts.family ?? 4
  const greets = role === 'target' && outcome === 'open' && opts.banner !== null
  return {
    id: `p${n}`, role, provider, kind: role === 'control' ? 'tcp' : 'smtp', host: `h${n}.test`,
    address: family === 4 ? `203.0.113.${n % 250}` : `2001:db8::${n}`, family,
    port: role === 'control' ? 443 : 25, service: role === 'control' ? 443 : 25, outcome, ms: 3,
    banner: greets ? (opts.banner ?? `mx.provider-${provider.toLowerCase()}.test ESMTP`) : null,
    startTls: greets ? true : null, tls: null, note: opts.note ?? null,
  }
}
/** Every provider on one family: its MX on 25 with `on25`, its control with `control`. */
const family = (f: 4 | 6, on25: TcpOutcome, control: TcpOutcome, opts: Opts = {}): ProbeRecord[] =>
  ['A', 'B', 'C'].flatMap((p) => [rec('target', p, on25, { ...opts, family: f }), rec('control', p, control, { family: f })])

describe('no greeting on port 25', () => {
  it('every MX took the connection and none greeted: inconclusive/no-greeting with its own words', () => {
    const probes = family(4, 'open', 'open', { banner: null, note: 'connected, but no greeting within 5000 ms' })
    const facts = decideVerdict(probes, providers)
    expect({ verdict: facts.verdict, how: facts.how, silent: facts.silent }).toEqual({ verdict: 'inconclusive', how: 'no-greeting', silent: ['A', 'B', 'C'] })
    const headline = headlineFor(facts, probes, 1250, 5000)
    expect(headline).toContain('were accepted and then held silent')
    expect(headline).not.toContain('disagrees')
    const advice = adviceFor(facts, submissionStatus(probes))
    expect(advice).toContain('465 or 587')
    expect(advice).not.toContain('answered on port 25 and others did not')
  })

  it('some greeted, one held silent: open, with a note (one server, not the network)', () => {
    const probes = [...family(4, 'open', 'open').slice(0, 4), rec('target', 'C', 'open', { banner: null }), rec('control', 'C', 'open')]
    const facts = decideVerdict(probes, providers)
    expect(facts.verdict).toBe('open')
    expect(facts.notes.join()).toContain('C: port 25 connected but no greeting arrived')
  })
})

describe('per address family', () => {
  const cases: Array<[string, ProbeRecord[], object]> = [
    ['both open', [...family(4, 'open', 'open'), ...family(6, 'open', 'open')],
      { verdict: 'open', how: null, families: { ipv4: { verdict: 'open', how: null }, ipv6: { verdict: 'open', how: null } }, limiting: null, findings: [] }],
    ['both dropped', [...family(4, 'timeout', 'open'), ...family(6, 'timeout', 'open')],
      { verdict: 'blocked', how: 'timeout', families: { ipv4: { verdict: 'blocked', how: 'timeout' }, ipv6: { verdict: 'blocked', how: 'timeout' } }, limiting: null, findings: [] }],
    ['IPv4 dropped, IPv6 open', [...family(4, 'timeout', 'open'), ...family(6, 'open', 'open')],
      { verdict: 'blocked', how: 'timeout', families: { ipv4: { verdict: 'blocked', how: 'timeout' }, ipv6: { verdict: 'open', how: null } }, limiting: 'ipv4', findings: [] }],
    ['IPv6 dropped, IPv4 open', [...family(4, 'open', 'open'), ...family(6, 'timeout', 'open')],
      { verdict: 'blocked', how: 'timeout', families: { ipv4: { verdict: 'open', how: null }, ipv6: { verdict: 'blocked', how: 'timeout' } }, limiting: 'ipv6', findings: [] }],
    ['IPv6 broken (silent)', [...family(4, 'open', 'open'), ...family(6, 'timeout', 'timeout')],
      { verdict: 'open', how: null, families: { ipv4: { verdict: 'open', how: null }, ipv6: { verdict: 'offline', how: null } }, limiting: null, findings: ['ipv6-broken'] }],
    ['no IPv6 route', [...family(4, 'open', 'open'), ...family(6, 'unreachable', 'unreachable')],
      { verdict: 'open', how: null, families: { ipv4: { verdict: 'open', how: null }, ipv6: { verdict: 'offline', how: null } }, limiting: null, findings: ['ipv6-none'] }],
    ['both silent: offline, no finding', [...family(4, 'timeout', 'timeout'), ...family(6, 'timeout', 'timeout')],
      { verdict: 'offline', how: null, families: { ipv4: { verdict: 'offline', how: null }, ipv6: { verdict: 'offline', how: null } }, limiting: null, findings: [] }],
  ]
  it.each(cases)('%s', (_name, probes, expected) => {
    const facts = decideVerdict(probes, providers)
    expect({ verdict: facts.verdict, how: facts.how, families: facts.families, limiting: facts.limiting, findings: findingsOf(facts).map((f) => f.id) }).toEqual(expected)
  })

  it('names the other family in headline and advice when they differ', () => {
    const probes = [...family(4, 'timeout', 'open'), ...family(6, 'open', 'open')]
    const facts = decideVerdict(probes, providers)
    const headline = familyHeadline(facts, probes, 1250)
    expect(headline).toMatch(/^Port 25 is blocked over IPv4 but open over IPv6: mail to servers without IPv6/)
    expect(familyAdvice(facts, submissionStatus(probes))).toContain('over IPv6 it is open')
    const reverse = [...family(4, 'open', 'open'), ...family(6, 'timeout', 'open')]
    expect(familyHeadline(decideVerdict(reverse, providers), reverse, 1250)).toMatch(/^Port 25 is open over IPv4 but blocked over IPv6/)
  })

  it('says "IPv6 does not work on this network" once, with advice', () => {
    const facts = decideVerdict([...family(4, 'open', 'open'), ...family(6, 'timeout', 'timeout')], providers)
    const findings = findingsOf(facts)
    expect(findings.map((f) => f.title)).toEqual(['IPv6 does not work on this network'])
    expect(findings[0]!.advice).toContain('router')
  })

  it('a single family keeps exactly the old rules, with the other family null', () => {
    const facts = decideVerdict(family(4, 'refused', 'open'), providers)
    expect({ verdict: facts.verdict, how: facts.how, families: facts.families }).toEqual({ verdict: 'blocked', how: 'reset', families: { ipv4: { verdict: 'blocked', how: 'reset' }, ipv6: null } })
  })
})
