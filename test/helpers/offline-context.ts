// A discovery context for calling one source directly, with no network: the online ISPDB is off
// and, unless a test passes its own, DNS points at a closed loopback port.
import { bundledCatalog } from '@shared/providers/catalog'
import { parseEmailAddress } from '@shared/validate'
import { loadBundledIspdb } from '../../electron/engine/discover/bundled-ispdb'
import type { DiscoverContext } from '../../electron/engine/discover/context'
import { DnsClient } from '../../electron/engine/net/dns'
import { Patience } from '../../electron/engine/net/patience'

export function offlineContext(address: string, extra: Partial<DiscoverContext> = {}): DiscoverContext {
  const email = parseEmailAddress(address)
  if (!email.ok) throw new Error(email.message)
  return {
    email: email.value, dns: new DnsClient({ server: '127.0.0.1:9', timeoutMs: 200, tries: 1 }), patience: new Patience(), signal: new AbortController().signal,
    portMap: {}, catalog: bundledCatalog, ispdbBaseUrl: null, bundledIspdb: loadBundledIspdb, allowHttp: false,
    http: { timeoutMs: 1000, maxBytes: 1_048_576, maxRedirects: 0 }, random: Math.random, ...extra,
  }
}

