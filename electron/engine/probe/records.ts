// The port-25 check's and `clearport probe`'s reading of the pipeline: one SMTP endpoint on every
// address it resolves to, as one ProbeRecord per address (streamed as each lands) plus the
// details (capabilities, TLS, transcript).
import type { ProbeKind, ProbeRecord, ProbeRole, SmtpCapabilities, TlsSummary, TranscriptLine } from '@shared/model'
import type { ProbeError } from '@shared/probe-error'
import type { DnsClient } from '../net/dns'
import type { Patience } from '../net/patience'
import type { SmtpDeadlines, SmtpProbeResult } from '../smtp/session'
import { smtpConversation } from './conversations'
import { probeEndpoint, type AddressProbe, type ProbeSecurity } from './pipeline'

export interface EndpointProbeOptions {
  host: string
  port: number
  /** The service the port stands for (defaults to `port`). */
  service?: number
  security: ProbeSecurity
  role: ProbeRole
  provider: string
  dns: DnsClient
  patience: Patience
  signal: AbortSignal
  dnsTimeoutMs?: number
  deadlines?: Partial<SmtpDeadlines>
  ca?: string[]
  onRecord?: (record: ProbeRecord) => void
}

export interface AddressDetail {
  record: ProbeRecord
  capabilitiesBeforeTls: SmtpCapabilities | null
  capabilitiesAfterTls: SmtpCapabilities | null
  tls: TlsSummary | null
  error: ProbeError | null
  transcript: TranscriptLine[]
}

function kindOf(security: ProbeSecurity): ProbeKind {
  if (security === 'tcp') return 'tcp'
  return security === 'SSL' ? 'smtps' : 'smtp'
}

let counter = 0
function nextId(service: number, host: string): string {
  counter += 1
  return `${service}-${host}-${counter}`
}

/** The evidence line: the system's code or the wait for a failed connect, else what the conversation found wrong. */
function noteOf(probe: AddressProbe<SmtpProbeResult>): string | null {
  if (!probe.conversation && probe.outcome !== 'open') return probe.outcome === 'timeout' ? `no answer within ${probe.ms} ms` : probe.errorCode
  const result = probe.conversation
  if (!result) return probe.error?.message ?? null
  const problems: string[] = []
  if (result.error) problems.push(result.error.message)
  if (result.startTlsMasked) problems.push('STARTTLS was masked (e.g. "XXXXXXXA") by a middlebox')
  if (result.injectedBytes > 0) problems.push(`${result.injectedBytes} bytes were injected before TLS and discarded`)
  const cert = result.tls?.certificate
  if (cert && !cert.verified) problems.push(`certificate not trusted: ${cert.verifyError}`)
  return problems.length > 0 ? problems.join('; ') : null
}

export async function probeSmtpAddresses(options: EndpointProbeOptions): Promise<AddressDetail[]> {
  const service = options.service ?? options.port
  const base = { role: options.role, provider: options.provider, kind: kindOf(options.security), host: options.host, port: options.port, service }
  const emit = (record: ProbeRecord): ProbeRecord => {
    options.onRecord?.(record)
    return record
  }
  const records = new Map<AddressProbe<SmtpProbeResult>, ProbeRecord>()
  const onAddress = (probe: AddressProbe<SmtpProbeResult>): void => {
    const result = probe.conversation
    const record: ProbeRecord = {
      ...base,
      id: nextId(service, options.host),
      address: probe.address,
      family: probe.family,
      outcome: probe.outcome,
      ms: probe.ms,
      banner: result?.banner ?? null,
      startTls: result?.capabilitiesBeforeTls ? result.capabilitiesBeforeTls.startTls : null,
      tls: result?.tls ?? null,
      note: noteOf(probe),
    }
    records.set(probe, emit(record))
  }
  const target = { host: options.host, port: options.port, security: options.security }
  const context = { dns: options.dns, patience: options.patience, signal: options.signal, dnsTimeoutMs: options.dnsTimeoutMs, ca: options.ca }
  const probed = await probeEndpoint(target, context, smtpConversation(options.deadlines), onAddress)
  if (probed.dnsError !== null) {
    const { error, failure, ms } = probed.dnsError
    const record = emit({ dnsFailure: failure, ...base, id: nextId(service, options.host), address: null, family: null, outcome: 'dns-error', ms, banner: null, startTls: null, tls: null, note: error.message })
    return [{ record, capabilitiesBeforeTls: null, capabilitiesAfterTls: null, tls: null, error, transcript: [] }]
  }
  return probed.addresses.map((probe) => ({
    record: records.get(probe)!,
    capabilitiesBeforeTls: probe.conversation?.capabilitiesBeforeTls ?? null,
    capabilitiesAfterTls: probe.conversation?.capabilitiesAfterTls ?? null,
    tls: probe.conversation?.tls ?? null,
    error: probe.error,
    transcript: probe.transcript,
  }))
}
