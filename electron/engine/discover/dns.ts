// SRV look-ups for discovery, with the same server, deadline and cancellation rules as
// net/dns.ts (which has no SRV method): one c-ares Resolver per look-up.
import { Resolver } from 'node:dns/promises'
import type { SrvRecord } from '@shared/discovery'
import { abortReason } from '../deadline'
import { DnsError, type DnsConfig } from '../net/dns'

/** SRV records of `name`; none (rather than an error) when the name or the type does not exist. */
export async function resolveSrv(config: DnsConfig, name: string, signal: AbortSignal): Promise<SrvRecord[]> {
  if (signal.aborted) throw abortReason(signal)
  const resolver = new Resolver({ timeout: config.timeoutMs ?? 1500, tries: config.tries ?? 2 })
  if (config.server) resolver.setServers([config.server])
  const onAbort = (): void => resolver.cancel()
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    const records = await resolver.resolveSrv(name)
    return records.map((r) => ({ name: r.name, port: r.port, priority: r.priority, weight: r.weight }))
  } catch (error) {
    if (signal.aborted) throw abortReason(signal)
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN'
    if (code === 'ENOTFOUND' || code === 'ENODATA') return []
    throw new DnsError(`SRV look-up for ${name} failed: ${code}`, code)
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
