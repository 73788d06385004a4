// How long to wait for a connection that gets no answer at all (a dropped SYN).
//
// A fixed timeout (Thunderbird waits 10 s, an OS 20–130 s) makes a blocked port slow to
// diagnose. Instead: every successful connect tells us this network's round-trip time; a
// silent connect that takes `factor` times the slowest observed connect (and at least `floorMs`)
// is a dropped one. The floor lies just past the kernel's first SYN retransmission (initial RTO
// 1 s, RFC 6298): a lost SYN is retried by the kernel as well as by the staggered second attempt,
// and an ICMP error Linux only delivers on that retransmission (IPv6 admin-prohibited → EACCES,
// seen after ~1.05 s) is still heard instead of being called a drop.
//
// Each address family is judged by its own round trips (IPv6 often takes another path than
// IPv4). Before a family has answered, the other family's round trips stand in, then the DNS
// round trip (the network did answer something), and only when nothing at all answered the cap.
// A family that stays silent while the other one has answered every connect it started (for 4×
// the other's fastest connect, at least FAMILY_DOWN_MIN_MS) is down
// (the most common IPv6 failure: addresses and AAAA records, every packet dropped): its pending
// connects are given up at once and later ones are not waited on.
//
// Callers that pass no family (discovery's probes) get one pool for all connects, as before.

export type Family = 4 | 6

export interface PatienceRule {
  floorMs: number
  factor: number
  capMs: number
  /**
   * The floor while only DNS has answered (default `floorMs`). Lower than `floorMs`: its extra
   * quarter second is there to hear an ICMP error on a family that works, and until a connect has
   * answered, every connect being silent at once is no lost SYN either (the stagger covers one).
   */
  dnsFloorMs?: number
}

export const defaultPatience: PatienceRule = { floorMs: 1250, factor: 4, capMs: 4000, dnsFloorMs: 1000 }

/**
 * A silent family is only called down after this long at the least: a tunnelled IPv6 path can be
 * several times slower than IPv4 on a fast LAN. (A connect the busy event loop delivers late is
 * covered otherwise: the decision waits for that turn's I/O.) The fastest connect of the other
 * family is the measure, as every later one carries more event-loop delay than network.
 */
export const FAMILY_DOWN_MIN_MS = 100

interface Pending {
  startedAt: number
  fired: boolean
  fire(): void
}

class FamilyState {
  slowestRtt: number | null = null
  /** The fastest successful connect: the round trip least inflated by a busy event loop. */
  fastestRtt: number | null = null
  /** A connect of this family ended before its cutoff: the network answered on this family. */
  heard = false
  down = false
  firstStartedAt: number | null = null
  readonly pending = new Set<Pending>()
}

export interface GiveUp {
  signal: AbortSignal
  dispose(): void
}

export class Patience {
  private readonly any = new FamilyState()
  private readonly families: Record<Family, FamilyState> = { 4: new FamilyState(), 6: new FamilyState() }
  private fastestDns: number | null = null
  private readonly listeners = new Set<() => void>()
  private reviewTimer: NodeJS.Timeout | undefined

  constructor(private readonly rule: PatienceRule | { fixedMs: number } = defaultPatience) {}

  /** Record the connect time of a successful connection (of `family`, when the caller knows it). */
  observe(rttMs: number, family?: Family): void {
    if ('fixedMs' in this.rule) return
    const states = family ? [this.any, this.families[family]] : [this.any]
    let changed = false
    for (const state of states) {
      state.heard = true
      if (state.fastestRtt === null || rttMs < state.fastestRtt) state.fastestRtt = rttMs
      if (state.slowestRtt === null || rttMs > state.slowestRtt) {
        state.slowestRtt = rttMs
        changed = true
      }
    }
    if (changed) this.notify()
  }

  /** Record a DNS answer's round trip: before any connect succeeds, it says how fast this network answers. */
  observeDns(rttMs: number): void {
    if ('fixedMs' in this.rule) return
    if (this.fastestDns !== null && rttMs >= this.fastestDns) return
    const before = this.any.slowestRtt === null
    this.fastestDns = rttMs
    if (before) this.notify()
  }

  get observedRttMs(): number | null {
    return this.any.slowestRtt
  }

  /** The families found down (silent while the other family answered), in the order found. */
  get downFamilies(): Family[] {
    return ([4, 6] as const).filter((f) => this.families[f].down)
  }

  /** How long a silent connect may take before it counts as dropped (over all families). */
  get cutoffMs(): number {
    return this.cutoffFor()
  }

  /** The cutoff for a silent connect of `family` (or of the common pool). */
  cutoffFor(family?: Family): number {
    const rule = this.rule
    if ('fixedMs' in rule) return rule.fixedMs
    const scaled = (rtt: number): number => Math.min(rule.capMs, Math.max(rule.floorMs, Math.ceil(rule.factor * rtt)))
    const own = family ? this.families[family].slowestRtt : null
    if (own !== null) return scaled(own)
    if (this.any.slowestRtt !== null) return scaled(this.any.slowestRtt)
    if (this.fastestDns !== null) return Math.min(rule.capMs, Math.max(rule.dnsFloorMs ?? rule.floorMs, Math.ceil(rule.factor * this.fastestDns)))
    return rule.capMs
  }

  /**
   * A signal that aborts once the cutoff has passed since `startedAt` (performance.now()),
   * re-armed whenever a new observation changes the cutoff, or at once when `family` is found
   * down. Call `dispose` when the connect has ended.
   */
  giveUp(startedAt: number, family?: Family): GiveUp {
    const controller = new AbortController()
    const state = family ? this.families[family] : null
    let timer: NodeJS.Timeout | undefined
    const pending: Pending = { startedAt, fired: false, fire: () => fire() }
    const fire = (): void => {
      pending.fired = true
      dispose()
      controller.abort()
    }
    const arm = (): void => {
      clearTimeout(timer)
      const left = startedAt + this.cutoffFor(family) - performance.now()
      if (left > 0) timer = setTimeout(arm, left)
      // Give up after this turn's I/O: on a busy machine the answer may already be waiting there.
      else setImmediate(() => disposed || fire())
    }
    let disposed = false
    const dispose = (): void => {
      if (disposed) return
      disposed = true
      clearTimeout(timer)
      this.listeners.delete(arm)
      if (!state) return
      state.pending.delete(pending)
      // Ended before giving up: an answer (or a refusal, or an ICMP error) came back on this family.
      if (!pending.fired) state.heard = true
      this.review()
    }
    if (state?.down) {
      fire()
      return { signal: controller.signal, dispose }
    }
    if (state) {
      state.pending.add(pending)
      state.firstStartedAt ??= startedAt
    }
    this.listeners.add(arm)
    arm()
    if (state) this.review()
    return { signal: controller.signal, dispose }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener()
    this.review()
  }

  /** Finds a family down once it is silent while the other one answered everything it started. */
  private review(): void {
    if ('fixedMs' in this.rule) return
    clearTimeout(this.reviewTimer)
    let nextMs = Infinity
    for (const family of [4, 6] as const) {
      const left = this.downIn(family)
      if (left === null) continue
      if (left > 0) {
        nextMs = Math.min(nextMs, left)
        continue
      }
      // Decide after this turn's I/O: a connect that completed while the event loop was busy is
      // heard first, instead of losing a race against this timer.
      setImmediate(() => {
        if (this.downIn(family) !== null && (this.downIn(family) ?? 1) <= 0) this.markDown(family)
      })
    }
    // Pending connects keep the process alive; this timer alone must not.
    if (nextMs < Infinity) this.reviewTimer = setTimeout(() => this.review(), nextMs).unref()
  }

  /** ms until `family` counts as down (≤ 0: now), or null when it cannot be (yet). */
  private downIn(family: Family): number | null {
    const state = this.families[family]
    const other = this.families[family === 4 ? 6 : 4]
    if (state.down || state.heard || state.pending.size === 0 || state.firstStartedAt === null) return null
    if (other.fastestRtt === null || other.pending.size > 0) return null
    const grace = Math.max(FAMILY_DOWN_MIN_MS, (this.rule as PatienceRule).factor * other.fastestRtt)
    return state.firstStartedAt + grace - performance.now()
  }

  private markDown(family: Family): void {
    const state = this.families[family]
    state.down = true
    for (const p of [...state.pending]) p.fire()
  }
}
