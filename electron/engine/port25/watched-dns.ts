// The port-25 check's DNS: the engine's client, watched. Every answer (an address, or a definite
// "no such name") tells the patience how fast this network answers before any connect has
// succeeded; and when no look-up at all has been answered `silentMs` after the first one began,
// the resolver is silent (offline, a dead DNS server): every pending and later look-up ends at
// once as "no answer" instead of each waiting out its own deadline.
import { setMaxListeners } from 'node:events'
import { isIPv4, isIPv6 } from '@shared/validate'
import { DnsClient, DnsError, type DnsConfig, type ResolvedAddress } from '../net/dns'

/** A lost query is re-sent after `timeoutMs`; the silence rule gives it one such retry. */
export const DNS_SILENT_MS = 2000

export const portCheckDnsConfig = { timeoutMs: 900, tries: 3 } as const

// Its home is net/dns.ts (the probe pipeline words every look-up with it); kept here for callers.

export class WatchedDns extends DnsClient {
  private answered = false
  private readonly silence = new AbortController()
  private silenceTimer: NodeJS.Timeout | undefined

  constructor(
    config: DnsConfig,
    private readonly onAnswer: (rttMs: number) => void,
    private readonly silentMs = DNS_SILENT_MS,
  ) {
    super({ ...portCheckDnsConfig, ...config })
    // Every look-up of the check listens to the one silence signal.
    setMaxListeners(1000, this.silence.signal)
  }

  /** Stops the silence timer (the check is over). */
  dispose(): void {
    clearTimeout(this.silenceTimer)
  }

  private async watch<T>(what: string, name: string, signal: AbortSignal | undefined, fn: (s: AbortSignal) => Promise<T>): Promise<T> {
    if (!this.answered && this.silenceTimer === undefined) {
      this.silenceTimer = setTimeout(() => {
        if (!this.answered) this.silence.abort(new DnsError(`${what} look-up for ${name} failed: no DNS answer at all within ${this.silentMs} ms`, 'ETIMEOUT'))
      }, this.silentMs)
      this.silenceTimer.unref()
    }
    const combined = signal ? AbortSignal.any([signal, this.silence.signal]) : this.silence.signal
    const started = performance.now()
    const heard = (): void => {
      this.answered = true
      clearTimeout(this.silenceTimer)
      this.onAnswer(performance.now() - started)
    }
    try {
      const result = await fn(combined)
      heard()
      return result
    } catch (error) {
      // "No such name" is an answer too: the network and the resolver work.
      if (error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) heard()
      if (this.silence.signal.aborted && !signal?.aborted) {
        throw new DnsError(`${what} look-up for ${name} failed: the DNS server did not answer (no look-up was answered within ${this.silentMs} ms)`, 'ETIMEOUT')
      }
      throw error
    }
  }

  override mx(domain: string, signal?: AbortSignal): Promise<{ exchange: string; priority: number }[]> {
    return this.watch('MX', domain, signal, (s) => super.mx(domain, s))
  }

  override addresses(host: string, signal?: AbortSignal): Promise<ResolvedAddress[]> {
    // An address literal asks no server: it proves nothing about the network.
    if (isIPv4(host) || isIPv6(host)) return super.addresses(host, signal)
    return this.watch('address', host, signal, (s) => super.addresses(host, s))
  }
}
