// How long to wait for a connection that gets no answer at all (a dropped SYN).
//
// A fixed timeout (Thunderbird waits 10 s, an OS 20–130 s) makes a blocked port slow to
// diagnose. Instead: every successful connect tells us this network's round-trip time; a
// silent connect that takes `factor` times the slowest observed connect (and at least `floorMs`,
// which also covers one lost SYN retried by the staggered second attempt) is a dropped one.
// Until any connect has succeeded we wait up to `capMs`: maybe everything is slow.

export interface PatienceRule {
  floorMs: number
  factor: number
  capMs: number
}

export const defaultPatience: PatienceRule = { floorMs: 1000, factor: 4, capMs: 4000 }

export class Patience {
  private slowestRtt: number | null = null
  private readonly listeners = new Set<() => void>()

  constructor(private readonly rule: PatienceRule | { fixedMs: number } = defaultPatience) {}

  /** Record the connect time of a successful connection. */
  observe(rttMs: number): void {
    if ('fixedMs' in this.rule) return
    if (this.slowestRtt !== null && rttMs <= this.slowestRtt) return
    this.slowestRtt = rttMs
    for (const listener of this.listeners) listener()
  }

  get observedRttMs(): number | null {
    return this.slowestRtt
  }

  /** How long a silent connect may take before it counts as dropped. */
  get cutoffMs(): number {
    const rule = this.rule
    if ('fixedMs' in rule) return rule.fixedMs
    if (this.slowestRtt === null) return rule.capMs
    return Math.min(rule.capMs, Math.max(rule.floorMs, Math.ceil(rule.factor * this.slowestRtt)))
  }

  /**
   * A signal that aborts once `cutoffMs` has passed since `startedAt` (performance.now()),
   * re-armed whenever a new observation changes the cutoff. Call `dispose` when done.
   */
  giveUp(startedAt: number): { signal: AbortSignal; dispose(): void } {
    const controller = new AbortController()
    let timer: NodeJS.Timeout | undefined
    const arm = (): void => {
      clearTimeout(timer)
      const left = startedAt + this.cutoffMs - performance.now()
      if (left <= 0) {
        dispose()
        controller.abort()
      } else {
        timer = setTimeout(arm, left)
      }
    }
    const dispose = (): void => {
      clearTimeout(timer)
      this.listeners.delete(arm)
    }
    this.listeners.add(arm)
    arm()
    return { signal: controller.signal, dispose }
  }
}
