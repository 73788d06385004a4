import { describe, expect, it } from 'vitest'
import type { ProbeRecord } from '@shared/model'
import { submissionStatus, type ProviderFacts } from '@shared/verdict'
import { decideVerdict } from '@shared/verdict-families'
import { adviceFor, headlineFor } from '@shared/advice'

const providers: ProviderFacts[] = ['a', 'b', 'c'].map((x) => ({ provider: x.toUpperCase(), bannerDomains: [`provider-${x}.test`], alwaysStartTls: true }))

let n = 0
function probe(fields: Partial<ProbeRecord> & Pick<ProbeRecord, 'role' | 'provider' | 'outcome'>): ProbeRecord {
  n += 1
  const port = fields.port ?? (fields.role === 'control' ? 587 : 25)
  return {
    id: `p${n}`,
    kind: 'smtp',
    host: `host-${n}.test`,
    address: `203.0.113.${n}`,
    family: 4,
    port,
    service: fields.service ?? port,
    ms: 3,
    banner: null,
    startTls: null,
    tls: null,
    note: null,
    ...fields,
  }
}

const target = (p: string, outcome: ProbeRecord['outcome'], extra: Partial<ProbeRecord> = {}): ProbeRecord =>
  probe({ role: 'target', provider: p, outcome, ...(outcome === 'open' ? { banner: `mx.provider-${p.toLowerCase()}.test ESMTP`, startTls: true } : {}), ...extra })
const control = (p: string, outcome: ProbeRecord['outcome'], extra: Partial<ProbeRecord> = {}): ProbeRecord =>
  probe({ role: 'control', provider: p, outcome, port: 443, kind: 'tcp', ...extra })
const each = (fn: (p: string) => ProbeRecord[]): ProbeRecord[] => ['A', 'B', 'C'].flatMap(fn)

describe('decideVerdict', () => {
  it('open: every provider greets with its own banner and STARTTLS', () => {
    const facts = decideVerdict(each((p) => [target(p, 'open'), control(p, 'open')]), providers)
    expect(facts.verdict).toBe('open')
    expect(facts.answered).toEqual(['A', 'B', 'C'])
  })

  it.each([
    ['timeout', 'timeout'],
    ['refused', 'reset'],
    ['reset', 'reset'],
    ['unreachable', 'unreachable'],
  ] as const)('blocked: 25 %s while controls work → how=%s', (outcome, how) => {
    const facts = decideVerdict(each((p) => [target(p, outcome), control(p, 'open')]), providers)
    expect(facts.verdict).toBe('blocked')
    expect(facts.how).toBe(how)
    expect(facts.failed).toEqual(['A', 'B', 'C'])
  })

  it('never blocked when the controls failed too: offline', () => {
    const facts = decideVerdict(each((p) => [target(p, 'timeout'), control(p, 'timeout')]), providers)
    expect(facts.verdict).toBe('offline')
  })

  it('offline when every look-up failed, and says so', () => {
    const facts = decideVerdict(each((p) => [target(p, 'dns-error'), control(p, 'dns-error')]), providers)
    expect(facts.verdict).toBe('offline')
    expect(facts.notes.join()).toMatch(/look-up/)
  })

  it('intercepted: distinct providers answer with one banner', () => {
    const relay = { banner: 'relay.isp.test ESMTP', startTls: false }
    const facts = decideVerdict(each((p) => [target(p, 'open', relay), control(p, 'open')]), providers)
    expect(facts.verdict).toBe('intercepted')
    expect(facts.sharedBanner).toBe('relay.isp.test ESMTP')
  })

  it("open when the person's own domain is hosted at a reference provider (same banner)", () => {
    const probes = [...each((p) => [target(p, 'open'), control(p, 'open')]), probe({ role: 'own', provider: 'your domain (a.example)', outcome: 'open', banner: 'mx.provider-a.test ESMTP', startTls: true })]
    expect(decideVerdict(probes, providers).verdict).toBe('open')
  })

  it('intercepted: a masked (Cisco fixup) banner', () => {
    const probes = [target('A', 'open', { banner: '*************************' }), control('A', 'open')]
    expect(decideVerdict(probes, providers).verdict).toBe('intercepted')
  })

  it('stripped: real banners but no STARTTLS from providers that always offer it', () => {
    const facts = decideVerdict(each((p) => [target(p, 'open', { startTls: false }), control(p, 'open')]), providers)
    expect(facts.verdict).toBe('stripped')
  })

  it('inconclusive when STARTTLS is missing from only some', () => {
    const probes = [target('A', 'open', { startTls: false }), target('B', 'open'), control('A', 'open')]
    const facts = decideVerdict(probes, providers)
    expect(facts.verdict).toBe('inconclusive')
    expect(facts.notes.join()).toMatch(/STARTTLS was missing/)
  })

  it('inconclusive when some providers answer on 25 and others fail, naming them', () => {
    const probes = [target('A', 'open'), target('B', 'timeout'), target('C', 'timeout'), ...each((p) => [control(p, 'open')])]
    const facts = decideVerdict(probes, providers)
    expect(facts.verdict).toBe('inconclusive')
    expect(facts.notes.join()).toContain('B, C')
  })

  it('inconclusive when too few providers can be compared', () => {
    const probes = [target('A', 'timeout'), control('A', 'open'), target('B', 'timeout'), control('B', 'timeout', { family: 6 }), target('C', 'dns-error')]
    // B's control worked on no family B's target used? It is v4 vs v6: only v4 controls count for v4 targets.
    const facts = decideVerdict(probes.map((p) => (p.provider === 'B' && p.role === 'target' ? { ...p, family: 6 as const } : p)), providers)
    expect(facts.verdict).toBe('inconclusive')
  })

  it('ignores IPv6 failures when no IPv6 control worked', () => {
    const probes = [
      ...each((p) => [target(p, 'open'), control(p, 'open')]),
      target('A', 'unreachable', { family: 6, address: '2001:db8::1' }),
      control('A', 'unreachable', { family: 6, address: '2001:db8::2' }),
    ]
    expect(decideVerdict(probes, providers).verdict).toBe('open')
  })
})

describe('submissionStatus', () => {
  it('587 needs STARTTLS and TLS; 465 needs TLS; untested ports are null', () => {
    const tls = { protocol: 'TLSv1.3', cipher: 'x', servername: 's', certificate: null }
    const probes = [
      probe({ role: 'control', provider: 'A', outcome: 'open', port: 587, banner: 'smtp ESMTP', startTls: true, tls }),
      probe({ role: 'control', provider: 'B', outcome: 'open', port: 465, banner: 'smtp ESMTP', tls: null, note: 'TLS handshake failed' }),
    ]
    const status = submissionStatus(probes)
    expect(status.map((s) => [s.port, s.usable])).toEqual([
      [587, true],
      [465, false],
      [2525, null],
    ])
    expect(status[1]!.summary).toContain('TLS handshake failed')
  })
})

describe('advice', () => {
  it('gives every verdict a headline and advice that mention what to do', () => {
    const submission = submissionStatus([])
    for (const verdict of ['open', 'blocked', 'intercepted', 'stripped', 'offline', 'inconclusive'] as const) {
      const facts = { verdict, how: verdict === 'blocked' ? ('timeout' as const) : null, answered: [], failed: ['A', 'B'], silent: ['A'], sharedBanner: 'relay', notes: [] }
      expect(headlineFor(facts, [], 1000).length).toBeGreaterThan(30)
      expect(adviceFor(facts, submission).length).toBeGreaterThan(60)
    }
  })
})
