// SRV ordering per RFC 2782: priority, then weighted random selection; "." means not offered.
import { describe, expect, it } from 'vitest'
import { orderSrv, type SrvRecord } from '@shared/discovery'

const rec = (name: string, priority: number, weight: number): SrvRecord => ({ name, port: 993, priority, weight })

/** A small deterministic generator, so the weighted draw is reproducible. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

describe('orderSrv', () => {
  it('puts lower priority first regardless of weight', () => {
    const ordered = orderSrv([rec('c', 20, 100), rec('a', 0, 1), rec('b', 10, 0)], () => 0.99)
    expect(ordered).not.toBe('not-offered')
    expect((ordered as SrvRecord[]).map((r) => r.name)).toEqual(['a', 'b', 'c'])
  })

  it('treats a lone "." target as "not offered" and drops "." next to real targets', () => {
    expect(orderSrv([rec('.', 0, 0)])).toBe('not-offered')
    expect(orderSrv([rec('', 0, 0)])).toBe('not-offered')
    expect((orderSrv([rec('.', 0, 0), rec('imap.x.test', 1, 1)]) as SrvRecord[]).map((r) => r.name)).toEqual(['imap.x.test'])
    expect(orderSrv([])).toEqual([])
  })

  it('chooses within a priority in proportion to weight', () => {
    const random = seeded(42)
    let heavyFirst = 0
    const runs = 4000
    for (let i = 0; i < runs; i += 1) {
      const first = (orderSrv([rec('light', 0, 10), rec('heavy', 0, 90)], random) as SrvRecord[])[0]!
      if (first.name === 'heavy') heavyFirst += 1
    }
    // Expected 90 % (RFC 2782); allow sampling noise.
    expect(heavyFirst / runs).toBeGreaterThan(0.86)
    expect(heavyFirst / runs).toBeLessThan(0.94)
  })

  it('rarely picks a zero-weight record first when others have weight, and keeps all records', () => {
    const random = seeded(7)
    let zeroFirst = 0
    for (let i = 0; i < 1000; i += 1) {
      const ordered = orderSrv([rec('zero', 0, 0), rec('one', 0, 50), rec('two', 0, 50)], random) as SrvRecord[]
      expect(ordered.map((r) => r.name).sort()).toEqual(['one', 'two', 'zero'])
      if (ordered[0]!.name === 'zero') zeroFirst += 1
    }
    // The zero-weight record is chosen first only when the draw is exactly 0: 1 in 101.
    expect(zeroFirst).toBeLessThan(30)
  })

  it('the draw picks the first record whose running sum reaches it (RFC 2782 algorithm)', () => {
    // total 3, random 0.5 → floor(0.5 × 4) = 2 → running sums 1, 3 → the second record.
    expect((orderSrv([rec('a', 0, 1), rec('b', 0, 2)], () => 0.5) as SrvRecord[])[0]!.name).toBe('b')
    // random 0.1 → 0 → the first record (running sum 1 ≥ 0).
    expect((orderSrv([rec('a', 0, 1), rec('b', 0, 2)], () => 0.1) as SrvRecord[])[0]!.name).toBe('a')
  })
})
