// `clearport probe`: one SMTP endpoint, every address it resolves to, as an EndpointProbeReport.
import type { EndpointProbeReport, SocketSecurity } from '@shared/model'
import { scope } from './deadline'
import { DnsClient } from './net/dns'
import { Patience } from './net/patience'
import { probeSmtpAddresses } from './probe/records'
import type { SmtpDeadlines } from './smtp/session'

export interface EndpointOptions {
  host: string
  port: number
  security: SocketSecurity
  dnsServer?: string
  /** How long a silent connect may take. */
  connectTimeoutMs?: number
  overallMs?: number
  signal?: AbortSignal
  ca?: string[]
  deadlines?: Partial<SmtpDeadlines>
  onRecord?: Parameters<typeof probeSmtpAddresses>[0]['onRecord']
}

export async function probeSmtpEndpoint(options: EndpointOptions): Promise<EndpointProbeReport> {
  const t0 = performance.now()
  const overall = scope(options.signal, options.overallMs ?? 30_000, 'probe')
  try {
    const details = await probeSmtpAddresses({
      host: options.host,
      port: options.port,
      security: options.security,
      role: 'target',
      provider: options.host,
      dns: new DnsClient({ server: options.dnsServer }),
      patience: new Patience({ fixedMs: options.connectTimeoutMs ?? 4000 }),
      signal: overall.signal,
      ca: options.ca,
      deadlines: options.deadlines,
      onRecord: options.onRecord,
    })
    // Report the first address that held a conversation; every address stays in `attempts`.
    const best = details.find((d) => d.record.banner !== null) ?? details.find((d) => d.record.outcome === 'open') ?? details[0]
    const transcript = details.length > 1
      ? details.flatMap((d) => d.transcript.map((line) => ({ ...line, text: `[${d.record.address}] ${line.text}` })))
      : (best?.transcript ?? [])
    const ok = details.some((d) => d.record.banner !== null && d.error === null && d.record.note === null)
    return {
      host: options.host,
      port: options.port,
      security: options.security,
      attempts: details.map((d) => d.record),
      capabilitiesBeforeTls: best?.capabilitiesBeforeTls ?? null,
      capabilitiesAfterTls: best?.capabilitiesAfterTls ?? null,
      tls: best?.tls ?? null,
      ok,
      error: ok ? null : (best?.error ?? (best?.record.note ? { code: 'probe', message: best.record.note } : null)),
      transcript,
      elapsedMs: Math.round(performance.now() - t0),
    }
  } finally {
    overall.dispose()
  }
}
