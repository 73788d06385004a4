// DNS look-ups with a configurable server (default: the system's), a deadline per look-up and
// cancellation. One c-ares Resolver per look-up, so cancelling one never cancels another.
import { Resolver } from 'node:dns/promises'
import type { DnsFailure } from '@shared/model'
import { isIPv4, isIPv6 } from '@shared/validate'
import { abortReason } from '../deadline'

export interface DnsConfig {
  /** "HOST:PORT" or "[V6]:PORT" (already validated); absent: the system's resolvers. */
  server?: string
  /** Per try, ms. */
  timeoutMs?: number
  tries?: number
}

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

export class DnsError extends Error {
  override readonly name = 'DnsError'
  constructor(
    message: string,
    /** c-ares code: ENOTFOUND, ENODATA, ETIMEOUT, ECONNREFUSED, ... */
    readonly code: string,
  ) {
    super(message)
  }
  /** The DNS server itself failed (as opposed to "no such name"). */
  get serverFailed(): boolean {
    return ['ETIMEOUT', 'ECONNREFUSED', 'ESERVFAIL', 'ECANCELLED', 'EREFUSED'].includes(this.code)
  }
}

const EXPLAIN: Record<string, string> = {
  ENOTFOUND: 'no such name',
  ENODATA: 'no record of that type',
  ETIMEOUT: 'the DNS server did not answer in time',
  ECONNREFUSED: 'the DNS server refused the connection',
  ESERVFAIL: 'the DNS server reported a failure',
  EREFUSED: 'the DNS server refused the query',
}

export class DnsClient {
  constructor(private readonly config: DnsConfig = {}) {}

  get serverLabel(): string {
    return this.config.server ?? 'the system resolver'
  }

  private resolver(): Resolver {
    const resolver = new Resolver({ timeout: this.config.timeoutMs ?? 1500, tries: this.config.tries ?? 2 })
    if (this.config.server) resolver.setServers([this.config.server])
    return resolver
  }

  private async run<T>(what: string, name: string, signal: AbortSignal | undefined, fn: (r: Resolver) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw abortReason(signal)
    const resolver = this.resolver()
    const onAbort = (): void => resolver.cancel()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      return await fn(resolver)
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal)
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN'
      throw new DnsError(`${what} look-up for ${name} failed: ${EXPLAIN[code] ?? code}`, code)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /** MX hosts, best (lowest preference) first; a null MX (RFC 7505, ".") yields none. */
  async mx(domain: string, signal?: AbortSignal): Promise<{ exchange: string; priority: number }[]> {
    const records = await this.run('MX', domain, signal, (r) => r.resolveMx(domain))
    return records
      .filter((record) => record.exchange !== '' && record.exchange !== '.')
      .sort((a, b) => a.priority - b.priority)
  }

  /** SRV records of `name`; none (rather than an error) when the name or the type does not exist. */
  async srv(name: string, signal?: AbortSignal): Promise<{ name: string; port: number; priority: number; weight: number }[]> {
    try {
      const records = await this.run('SRV', name, signal, (r) => r.resolveSrv(name))
      return records.map((r) => ({ name: r.name, port: r.port, priority: r.priority, weight: r.weight }))
    } catch (error) {
      if (error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) return []
      throw error
    }
  }

  /** A and AAAA in parallel. Fails only when both fail; then with the more telling error. */
  async addresses(host: string, signal?: AbortSignal): Promise<ResolvedAddress[]> {
    if (isIPv4(host)) return [{ address: host, family: 4 }]
    if (isIPv6(host)) return [{ address: host, family: 6 }]
    const [v4, v6] = await Promise.allSettled([
      this.run('A', host, signal, (r) => r.resolve4(host)),
      this.run('AAAA', host, signal, (r) => r.resolve6(host)),
    ])
    if (signal?.aborted) throw abortReason(signal)
    const found: ResolvedAddress[] = []
    if (v4.status === 'fulfilled') for (const address of v4.value) found.push({ address, family: 4 })
    if (v6.status === 'fulfilled') for (const address of v6.value) found.push({ address, family: 6 })
    if (found.length > 0) return found
    const errors = [v4, v6].flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []))
    const telling = errors.find((e) => e instanceof DnsError && e.code !== 'ENODATA') ?? errors[0]
    if (telling) throw telling
    throw new DnsError(`address look-up for ${host} failed: no A or AAAA record`, 'ENODATA')
  }
}

/** What a failed look-up ended in, for evidence: a timeout is never shown as "name not found". */
export function dnsFailureOf(error: unknown): DnsFailure {
  if (!(error instanceof DnsError)) return 'no-answer'
  if (error.code === 'ENOTFOUND') return 'not-found'
  if (error.code === 'ENODATA') return 'no-record'
  if (error.code === 'ETIMEOUT' || error.code === 'ECANCELLED') return 'no-answer'
  return 'server'
}
