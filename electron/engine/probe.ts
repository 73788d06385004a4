// Probe one endpoint (host + port) on every address it resolves to, in parallel:
// resolve → connect (staggered, judged by the network's patience) → TLS / SMTP conversation.
// Returns one ProbeRecord per address plus the details (capabilities, TLS, transcript).
import type net from 'node:net'
import type { ProbeKind, ProbeRecord, ProbeRole, SmtpCapabilities, TlsSummary, TranscriptLine } from '@shared/model'
import { isCancel, withScope } from './deadline'
import { DnsError, type DnsClient } from './net/dns'
import { connectStaggered, type ConnectResult } from './net/tcp'
import { TlsHandshakeError, handshake } from './net/tls'
import type { Patience } from './net/patience'
import { dnsFailureOf } from './port25/watched-dns'
import { smtpProbe, type SmtpDeadlines } from './smtp/session'

export type EndpointSecurity = 'plain' | 'STARTTLS' | 'SSL' | 'tcp'

export interface EndpointProbeOptions {
  host: string
  port: number
  /** The service the port stands for (defaults to `port`). */
  service?: number
  security: EndpointSecurity
  role: ProbeRole
  provider: string
  dns: DnsClient
  patience: Patience
  signal: AbortSignal
  dnsTimeoutMs?: number
  attempts?: number
  staggerMs?: number
  deadlines?: Partial<SmtpDeadlines>
  ca?: string[]
  onRecord?: (record: ProbeRecord) => void
}

export interface AddressDetail {
  record: ProbeRecord
  capabilitiesBeforeTls: SmtpCapabilities | null
  capabilitiesAfterTls: SmtpCapabilities | null
  tls: TlsSummary | null
  error: { code: string; message: string } | null
  transcript: TranscriptLine[]
}

function kindOf(security: EndpointSecurity): ProbeKind {
  if (security === 'tcp') return 'tcp'
  return security === 'SSL' ? 'smtps' : 'smtp'
}

function ehloName(socket: net.Socket): string {
  const local = socket.localAddress ?? '127.0.0.1'
  // RFC 5321 §4.1.3 address literal; a desktop has no stable host name worth announcing.
  return local.includes(':') ? `[IPv6:${local.replace(/^::ffff:/, '')}]` : `[${local}]`
}

let counter = 0
function nextId(service: number, host: string): string {
  counter += 1
  return `${service}-${host}-${counter}`
}

export async function probeEndpoint(options: EndpointProbeOptions): Promise<AddressDetail[]> {
  const service = options.service ?? options.port
  const base = {
    role: options.role,
    provider: options.provider,
    kind: kindOf(options.security),
    host: options.host,
    port: options.port,
    service,
  }
  const emit = (record: ProbeRecord): ProbeRecord => {
    options.onRecord?.(record)
    return record
  }
  const started = performance.now()
  let addresses
  try {
    addresses = await withScope(options.signal, options.dnsTimeoutMs ?? 4000, 'dns', (signal) => options.dns.addresses(options.host, signal))
  } catch (error) {
    if (isCancel(error)) throw error
    const message = error instanceof DnsError ? error.message : `name look-up for ${options.host} failed: ${(error as Error).message}`
    const record = emit({
      dnsFailure: dnsFailureOf(error),
      ...base,
      id: nextId(service, options.host),
      address: null,
      family: null,
      outcome: 'dns-error',
      ms: Math.round(performance.now() - started),
      banner: null,
      startTls: null,
      tls: null,
      note: message,
    })
    return [{ record, capabilitiesBeforeTls: null, capabilitiesAfterTls: null, tls: null, error: { code: 'dns', message }, transcript: [] }]
  }
  return Promise.all(addresses.map(({ address, family }) => probeAddress(options, base, address, family, emit)))
}

async function probeAddress(
  options: EndpointProbeOptions,
  base: Omit<ProbeRecord, 'id' | 'address' | 'family' | 'outcome' | 'ms' | 'banner' | 'startTls' | 'tls' | 'note'>,
  address: string,
  family: 4 | 6,
  emit: (record: ProbeRecord) => ProbeRecord,
): Promise<AddressDetail> {
  const transcript: TranscriptLine[] = []
  const giveUp = options.patience.giveUp(performance.now(), family)
  const t0 = performance.now()
  let connected: ConnectResult
  try {
    connected = await connectStaggered(address, options.port, {
      attempts: options.attempts ?? 2,
      staggerMs: options.staggerMs ?? 250,
      signal: options.signal,
      giveUp: giveUp.signal,
    })
  } catch (error) {
    // The person cancelled: stop. An outer deadline passed: this connect simply got no answer.
    if (isCancel(error)) throw error
    connected = { outcome: 'timeout', ms: Math.round(performance.now() - t0), socket: null, errorCode: null }
  } finally {
    giveUp.dispose()
  }
  const record: ProbeRecord = {
    ...base,
    id: nextId(base.service, base.host),
    address,
    family,
    outcome: connected.outcome,
    ms: connected.ms,
    banner: null,
    startTls: null,
    tls: null,
    note: connected.errorCode ? `${connected.errorCode}` : null,
  }
  const detail: AddressDetail = { record, capabilitiesBeforeTls: null, capabilitiesAfterTls: null, tls: null, error: null, transcript }
  const socket = connected.socket
  if (!socket) {
    if (connected.outcome === 'timeout') record.note = `no answer within ${connected.ms} ms`
    detail.error = { code: connected.outcome, message: record.note ?? connected.outcome }
    emit(record)
    return detail
  }
  options.patience.observe(connected.ms, family)
  transcript.push({ at: 0, dir: 'info', text: `connected to ${address}:${options.port} in ${connected.ms} ms` })
  if (options.security === 'tcp') {
    socket.destroy()
    emit(record)
    return detail
  }
  try {
    const name = ehloName(socket)
    let tls: TlsSummary | null = null
    let stream: net.Socket = socket
    if (options.security === 'SSL') {
      const secured = await withScope(options.signal, options.deadlines?.tls ?? 5000, 'tls', (signal) =>
        handshake(socket, { host: options.host, signal, ca: options.ca }),
      )
      tls = secured.summary
      stream = secured.socket
    }
    const mode = options.security === 'SSL' ? 'implicit' : options.security === 'STARTTLS' ? 'starttls' : 'plain'
    const result = await smtpProbe(stream, { host: options.host, mode, ehloName: name, signal: options.signal, deadlines: options.deadlines, transcript, ca: options.ca, tls })
    record.banner = result.banner
    record.startTls = result.capabilitiesBeforeTls ? result.capabilitiesBeforeTls.startTls : null
    record.tls = result.tls
    const problems: string[] = []
    if (result.error) problems.push(result.error.message)
    if (result.startTlsMasked) problems.push('STARTTLS was masked (e.g. "XXXXXXXA") by a middlebox')
    if (result.injectedBytes > 0) problems.push(`${result.injectedBytes} bytes were injected before TLS and discarded`)
    const cert = result.tls?.certificate
    if (cert && !cert.verified) problems.push(`certificate not trusted: ${cert.verifyError}`)
    record.note = problems.length > 0 ? problems.join('; ') : null
    Object.assign(detail, {
      capabilitiesBeforeTls: result.capabilitiesBeforeTls,
      capabilitiesAfterTls: result.capabilitiesAfterTls,
      tls: result.tls,
      error: result.error,
    })
  } catch (error) {
    socket.destroy()
    if (isCancel(error)) throw error
    const message = error instanceof TlsHandshakeError || error instanceof Error ? error.message : String(error)
    const code = error instanceof TlsHandshakeError ? 'tls-failed' : error instanceof Error && error.name === 'DeadlineError' ? 'tls-timeout' : 'protocol'
    record.note = message
    detail.error = { code, message }
  }
  emit(record)
  return detail
}
