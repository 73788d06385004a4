// The port-25 check in plain words.
import type { DnsFailure, FamilyVerdict, Port25Verdict, ProbeRecord, ProbeRole, TcpOutcome, VerdictHow } from '@shared/model'
import { assertNever } from '../assert-never'
import type { CheckState, Phase } from '../store/network-slice'

export const verdictTitle = (verdict: Port25Verdict): string => {
  switch (verdict) {
    case 'open': return 'Port 25 is open'
    case 'blocked': return 'Port 25 is blocked'
    case 'intercepted': return 'Port 25 is intercepted'
    case 'stripped': return 'Encryption on port 25 is being stripped'
    case 'offline': return 'You seem to be offline'
    case 'inconclusive': return 'No clear answer'
    default: return assertNever(verdict)
  }
}

export const howWords = (how: VerdictHow): string => {
  switch (how) {
    case 'timeout': return 'Connections to port 25 are silently dropped.'
    case 'reset': return 'Connections to port 25 are refused.'
    case 'unreachable': return 'The network reports mail servers as unreachable on port 25.'
    case 'no-greeting': return 'Port 25 connects, but no mail server greets.'
    default: return assertNever(how)
  }
}

/** One family's verdict in a few words, for the dual-stack line of the verdict card. */
export function familyWords(v: FamilyVerdict | null): string {
  if (v === null) return 'not tried (no addresses)'
  if (v.verdict === 'offline') return 'does not work on this network'
  return `${verdictTitle(v.verdict).replace(/^Port 25 is /, '').replace(/^No clear answer$/, 'unclear')}${v.how ? ` — ${howWords(v.how).replace(/\.$/, '').toLowerCase()}` : ''}`
}

const dnsWords = (failure: DnsFailure | undefined): string => {
  switch (failure) {
    case 'not-found': return 'name not found'
    case 'no-record': return 'no such record'
    case 'no-answer': return 'DNS did not answer'
    case 'server': return 'DNS server failed'
    // Records from before the field existed: say only what is certain.
    case undefined: return 'look-up failed'
    default: return assertNever(failure)
  }
}

export const outcomeWords = (outcome: TcpOutcome): string => {
  switch (outcome) {
    case 'open': return 'connected'
    case 'timeout': return 'timed out'
    case 'refused': return 'refused'
    case 'unreachable': return 'unreachable'
    case 'reset': return 'reset'
    case 'dns-error': return 'look-up failed'
    default: return assertNever(outcome)
  }
}

/**
 * What a row of the evidence grid shows: connected is only green when the server spoke (or
 * nothing more was asked); a port-25 server that took the connection and stayed silent is not.
 */
export function probeOutcome(p: ProbeRecord): { state: TcpOutcome | 'no-greeting'; words: string } {
  if (p.outcome === 'dns-error') return { state: 'dns-error', words: dnsWords(p.dnsFailure) }
  if (p.outcome === 'open' && p.kind !== 'tcp' && p.banner === null) {
    return { state: 'no-greeting', words: p.service === 25 ? 'connected, no greeting' : 'connected, then failed' }
  }
  return { state: p.outcome, words: outcomeWords(p.outcome) }
}

export const roleWords = (role: ProbeRole): string => {
  switch (role) {
    case 'target': return 'Port 25 test'
    case 'control': return 'Control'
    case 'own': return 'Your provider'
    default: return assertNever(role)
  }
}

export const phaseWords = (phase: Phase | null): string => {
  switch (phase) {
    case null: return 'Starting…'
    case 'resolving': return 'Looking up mail servers…'
    case 'probing': return 'Connecting to mail servers…'
    case 'deciding': return 'Weighing the evidence…'
    default: return assertNever(phase)
  }
}

/** On an implicit-TLS port STARTTLS is never offered, and rightly so: say that instead. */
export function startTlsWords(p: ProbeRecord): string {
  if (p.kind === 'smtps') return p.tls !== null ? 'implicit TLS' : '—'
  return p.startTls === null ? '—' : p.startTls ? 'offered' : 'not offered'
}

export function checkStatusText(state: CheckState): string {
  switch (state.kind) {
    case 'idle': return 'The check takes a few seconds and sends no mail.'
    case 'running':
      if (state.cancelling) return 'Cancelling…'
      return `${phaseWords(state.phase)} ${state.probes.length} answered so far.`
    case 'done': return `Finished in ${(state.report.elapsedMs / 1000).toFixed(1)} s.`
    case 'cancelled': return 'The check was cancelled.'
    case 'failed': return 'The check could not finish.'
    default: return assertNever(state)
  }
}

export function probesOf(state: CheckState): ProbeRecord[] {
  switch (state.kind) {
    case 'idle': return []
    case 'done': return state.report.probes
    case 'running':
    case 'cancelled':
    case 'failed':
      return state.probes
    default: return assertNever(state)
  }
}
