// The evidence grid's words: a DNS timeout is not "name not found", and a port-25 server that
// took the connection without greeting is not shown as a plain (green) "connected".
import { describe, expect, it } from 'vitest'
import type { ProbeRecord } from '@shared/model'
import { familyWords, probeOutcome } from '../../renderer/src/network/words'

const base: ProbeRecord = {
  id: 'x', role: 'target', provider: 'A', kind: 'smtp', host: 'mx.a.test', address: '203.0.113.10', family: 4,
  port: 25, service: 25, outcome: 'open', ms: 2, banner: 'mx.a.test ESMTP', startTls: true, tls: null, note: null,
}

describe('probeOutcome', () => {
  it.each([
    ['not-found', 'name not found'],
    ['no-record', 'no such record'],
    ['no-answer', 'DNS did not answer'],
    ['server', 'DNS server failed'],
    [undefined, 'look-up failed'],
  ] as const)('dns-error %s → %s', (dnsFailure, words) => {
    const p: ProbeRecord = { ...base, outcome: 'dns-error', address: null, family: null, banner: null, dnsFailure }
    expect(probeOutcome(p)).toEqual({ state: 'dns-error', words })
  })

  it('connected without a greeting is its own state; greeted or TCP-only is "open"', () => {
    expect(probeOutcome({ ...base, banner: null, startTls: null })).toEqual({ state: 'no-greeting', words: 'connected, no greeting' })
    expect(probeOutcome(base).state).toBe('open')
    expect(probeOutcome({ ...base, kind: 'tcp', banner: null, port: 443, service: 443 }).state).toBe('open')
  })
})

describe('familyWords', () => {
  it('says what each family did', () => {
    expect(familyWords({ verdict: 'blocked', how: 'timeout' })).toBe('blocked — connections to port 25 are silently dropped')
    expect(familyWords({ verdict: 'offline', how: null })).toBe('does not work on this network')
    expect(familyWords(null)).toBe('not tried (no addresses)')
  })
})
