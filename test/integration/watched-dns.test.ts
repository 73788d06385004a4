// The port-25 check's DNS against real DNS servers on loopback: a silent one (reads every query,
// answers none) ends every look-up together as "no answer", and an answering one (the lab's
// dns2 server) feeds its round trip to the patience.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dnsFailureOf } from '../../electron/engine/net/dns'
import { DNS_SILENT_MS, WatchedDns } from '../../electron/engine/port25/watched-dns'
import { DnsError } from '../../electron/engine/net/dns'
import { startDns, type RunningDns } from '../helpers/dns-server'

let silent: RunningDns
let answering: RunningDns

beforeAll(async () => {
  silent = await startDns({ silent: true })
  answering = await startDns({ a: { 'mx.a.test': ['203.0.113.10'] }, mx: { 'a.test': [{ exchange: 'mx.a.test', priority: 10 }] } })
})
afterAll(async () => {
  await Promise.all([silent.close(), answering.close()])
})

describe('WatchedDns', () => {
  it('a silent resolver ends every look-up at the silence deadline as "no answer", not "not found"', async () => {
    // Fake timers for ClearPort's own deadline (the real 2 s default, without waiting 2 s); the
    // queries still go out over real UDP, and c-ares keeps its own clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const rtts: number[] = []
    const dns = new WatchedDns({ server: silent.server }, (ms) => rtts.push(ms))
    try {
      let ended = 0
      const lookups = [dns.mx('a.test'), dns.addresses('mx.a.test'), dns.addresses('smtp.a.test')]
      const settled = Promise.allSettled(lookups.map((l) => l.finally(() => (ended += 1))))
      await silent.heard(silent.queries + lookups.length)
      await vi.advanceTimersByTimeAsync(DNS_SILENT_MS - 1)
      expect(ended).toBe(0)
      await vi.advanceTimersByTimeAsync(1)
      const results = await settled
      for (const r of results) {
        expect(r.status).toBe('rejected')
        const error = (r as PromiseRejectedResult).reason as unknown
        expect(error).toBeInstanceOf(DnsError)
        expect(dnsFailureOf(error)).toBe('no-answer')
        expect((error as Error).message).toContain('did not answer')
      }
      expect(rtts).toEqual([])
    } finally {
      dns.dispose()
      vi.useRealTimers()
    }
  })

  it('an answering resolver feeds its round trip, and NXDOMAIN is an answer too (not-found)', async () => {
    const rtts: number[] = []
    const dns = new WatchedDns({ server: answering.server }, (ms) => rtts.push(ms), 300)
    try {
      expect(await dns.mx('a.test')).toEqual([{ exchange: 'mx.a.test', priority: 10 }])
      const missing = await dns.addresses('nothing.a.test').catch((e: unknown) => e)
      expect(dnsFailureOf(missing)).toBe('not-found')
      expect(rtts).toHaveLength(2)
    } finally {
      dns.dispose()
    }
  })
})
