// The silent-connect patience: per address family, from DNS before any connect, and a family
// that stays silent while the other answers is found down. Fake timers and clock: the rules,
// not the machine's speed, are under test.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FAMILY_DOWN_MIN_MS, Patience, defaultPatience } from '../../electron/engine/net/patience'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Patience', () => {
  const dnsFloor = defaultPatience.dnsFloorMs ?? defaultPatience.floorMs

  it('waits the cap while nothing answered, the DNS floor once DNS answered, the floor once a connect did', () => {
    const p = new Patience()
    expect(p.cutoffMs).toBe(defaultPatience.capMs)
    p.observeDns(3)
    expect(p.cutoffMs).toBe(dnsFloor)
    // A slow look-up (recursion) is not the network's round trip: the fastest counts.
    p.observeDns(900)
    expect(p.cutoffMs).toBe(dnsFloor)
    // A far resolver (a satellite link) scales the wait like a connect would.
    const far = new Patience()
    far.observeDns(400)
    expect(far.cutoffMs).toBe(1600)
    p.observe(5, 4)
    expect(p.cutoffMs).toBe(defaultPatience.floorMs)
  })

  it('judges each family by its own round trips, the other family standing in until then', () => {
    const p = new Patience()
    p.observe(500, 4)
    expect(p.cutoffFor(4)).toBe(2000)
    expect(p.cutoffFor(6)).toBe(2000)
    p.observe(20, 6)
    expect(p.cutoffFor(6)).toBe(defaultPatience.floorMs)
    expect(p.cutoffFor(4)).toBe(2000)
  })

  it('a giveUp re-arms when DNS answers: an offline network is judged in the floor, not the cap', () => {
    const p = new Patience()
    const g = p.giveUp(performance.now(), 4)
    p.observeDns(2)
    vi.advanceTimersByTime(dnsFloor - 1)
    expect(g.signal.aborted).toBe(false)
    vi.advanceTimersByTime(2) // the deadline, then that turn's I/O
    expect(g.signal.aborted).toBe(true)
  })

  it('a connect answered in the same turn as its cutoff is not given up', () => {
    const p = new Patience()
    p.observeDns(1)
    const g = p.giveUp(performance.now(), 4)
    vi.advanceTimersByTime(dnsFloor) // the cutoff passes; the give-up waits for that turn's I/O
    g.dispose() // the connect's answer, delivered in that I/O
    vi.advanceTimersByTime(1)
    expect(g.signal.aborted).toBe(false)
  })

  it('finds IPv6 down once IPv4 answered everything it started and IPv6 stayed silent', () => {
    const p = new Patience()
    const v4 = p.giveUp(performance.now(), 4)
    const v6 = p.giveUp(performance.now(), 6)
    vi.advanceTimersByTime(2)
    v4.dispose()
    p.observe(2, 4)
    expect(v6.signal.aborted).toBe(false)
    vi.advanceTimersByTime(FAMILY_DOWN_MIN_MS)
    // Decided after the I/O of that turn (setImmediate): a connect already in is heard first.
    vi.advanceTimersByTime(1)
    expect(v6.signal.aborted).toBe(true)
    expect(p.downFamilies).toEqual([6])
    // Later IPv6 connects are not waited on at all.
    expect(p.giveUp(performance.now(), 6).signal.aborted).toBe(true)
    expect(p.giveUp(performance.now(), 4).signal.aborted).toBe(false)
  })

  it('a connect heard in the same turn as the deadline keeps its family alive', () => {
    const p = new Patience()
    const v4 = p.giveUp(performance.now(), 4)
    const v6 = p.giveUp(performance.now(), 6)
    v4.dispose()
    p.observe(2, 4)
    vi.advanceTimersByTime(FAMILY_DOWN_MIN_MS) // the deadline is reached; the decision waits for I/O
    v6.dispose() // the IPv6 connect completes in that I/O
    p.observe(3, 6)
    vi.advanceTimersByTime(1)
    expect(p.downFamilies).toEqual([])
  })

  it('never finds a family down while the other still has connects pending', () => {
    const p = new Patience()
    const a = p.giveUp(performance.now(), 4)
    p.giveUp(performance.now(), 4)
    const v6 = p.giveUp(performance.now(), 6)
    a.dispose()
    p.observe(2, 4)
    vi.advanceTimersByTime(FAMILY_DOWN_MIN_MS * 5)
    expect(v6.signal.aborted).toBe(false)
    expect(p.downFamilies).toEqual([])
  })

  it('never finds down a family that answered once (a refusal counts), nor without the other family', () => {
    const p = new Patience()
    const refused = p.giveUp(performance.now(), 6)
    refused.dispose() // ended before its cutoff: an answer came back
    const v6 = p.giveUp(performance.now(), 6)
    const v4 = p.giveUp(performance.now(), 4)
    v4.dispose()
    p.observe(1, 4)
    vi.advanceTimersByTime(FAMILY_DOWN_MIN_MS * 5)
    expect(v6.signal.aborted).toBe(false)

    const alone = new Patience()
    const only6 = alone.giveUp(performance.now(), 6)
    alone.observeDns(1)
    vi.advanceTimersByTime(FAMILY_DOWN_MIN_MS * 5)
    expect(only6.signal.aborted).toBe(false)
    expect(alone.downFamilies).toEqual([])
  })

  it('connects without a family (discovery) share one pool and are never given up as a family', () => {
    const p = new Patience()
    const g = p.giveUp(performance.now())
    const v4 = p.giveUp(performance.now(), 4)
    v4.dispose()
    p.observe(1, 4)
    vi.advanceTimersByTime(FAMILY_DOWN_MIN_MS * 5)
    expect(g.signal.aborted).toBe(false)
    vi.advanceTimersByTime(defaultPatience.floorMs + 1)
    expect(g.signal.aborted).toBe(true)
  })

  it('a fixed rule ignores every observation', () => {
    const p = new Patience({ fixedMs: 10_000 })
    p.observe(1, 4)
    p.observeDns(1)
    expect(p.cutoffFor(6)).toBe(10_000)
  })
})
