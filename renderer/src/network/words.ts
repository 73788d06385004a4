// The port-25 check in plain words: the tables are in shared/words/network.ts (one place per
// fact, shared with reports and the CLI); what is here reads the renderer's own states.
import type { FamilyVerdict, Port25Verdict, ProbeRecord, ProbeRole, TcpOutcome } from '@shared/model'
import { dnsFailureWords, familyHowWords, familyVerdictWords, outcomeWords as outcomeTable, verdictTitle as titles, howWords as hows } from '@shared/words/network'
import { assertNever } from '../assert-never'
import type { CheckState, Phase } from '../store/network-slice'

export const verdictTitle = (verdict: Port25Verdict): string => titles[verdict]
export const howWords = (how: keyof typeof hows): string => hows[how]
export const outcomeWords = (outcome: TcpOutcome): string => outcomeTable[outcome]

/** One family's verdict in a few words, for the dual-stack line of the details. */
export function familyWords(v: FamilyVerdict | null): string {
  if (v === null) return 'not tried (no addresses)'
  return v.how && v.verdict !== 'offline' ? `${familyVerdictWords[v.verdict]} — ${familyHowWords[v.how]}` : familyVerdictWords[v.verdict]
}

export type ShownOutcome = TcpOutcome | 'no-greeting' | 'intercepted' | 'stripped'

/**
 * What a row of the evidence shows: connected is only green when the real server spoke (or
 * nothing more was asked); a port-25 server that took the connection and stayed silent is not,
 * nor is one this network's relay answered for (intercepted) or whose STARTTLS was removed.
 */
export function probeOutcome(p: ProbeRecord, verdict?: Port25Verdict): { state: ShownOutcome; words: string } {
  if (p.outcome === 'dns-error') return { state: 'dns-error', words: p.dnsFailure ? dnsFailureWords[p.dnsFailure] : 'look-up failed' }
  if (p.outcome === 'open' && p.kind !== 'tcp' && p.banner === null) {
    return { state: 'no-greeting', words: p.service === 25 ? 'connected, no greeting' : 'connected, then failed' }
  }
  if (p.outcome === 'open' && p.service === 25 && p.role !== 'own') {
    if (verdict === 'intercepted') return { state: 'intercepted', words: 'answered by this network' }
    if (verdict === 'stripped' && p.startTls === false) return { state: 'stripped', words: 'encryption removed' }
  }
  return { state: p.outcome, words: outcomeTable[p.outcome] }
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
  if (p.kind === 'smtps') return p.tls !== null ? 'encrypted from the start' : ''
  return p.startTls === null ? '' : p.startTls ? 'offers encryption' : 'no offer to encrypt'
}

export function checkStatusText(state: CheckState): string {
  switch (state.kind) {
    case 'idle': return 'The check takes a few seconds and sends no mail.'
    case 'running':
      if (state.cancelling) return 'Cancelling…'
      return `${phaseWords(state.phase)} ${state.probes.length} answered so far.`
    case 'done': return `Checked in ${(state.report.elapsedMs / 1000).toFixed(1)} s.`
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
