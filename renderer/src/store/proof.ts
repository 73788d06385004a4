// What is known about a chosen server, for its card: where it came from (one plain line) and
// exactly what was proven — reachable, encrypted and a valid certificate from discovery's probe;
// "signed in" only once the sign-in step proved it on this very server. Pure over three slices
// (a component selects them one by one and calls this).
import { endpointKey, trustRank, untestedFor, type DiscoveredServer } from '@shared/discovery'
import type { ServerSettings } from '@shared/settings'
import { proofWords, sourceLine, statusWords, typedSourceLine, type Proof } from '@shared/words/settings'
import type { AppState } from './app-state'
import type { Direction } from './server-draft'

export interface ChosenProof {
  proof: Proof
  words: string
  source: string
  /** The discovered server behind the choice, when discovery found it. */
  found: DiscoveredServer | null
}

type ProofState = Pick<AppState, 'discovery' | 'signIn'>

function provedBySignIn(state: ProofState, direction: Direction, chosen: ServerSettings): 'sent' | 'received' | null {
  const signIn = state.signIn
  if (signIn.kind !== 'done' || !signIn.result.ok) return null
  const request = signIn.result.request
  const same = (s: { host: string; port: number; socket: string } | null): boolean => s !== null && s.host === chosen.host && s.port === chosen.port && s.socket === chosen.socket
  if (direction === 'outgoing') return same(request.smtp) ? 'sent' : null
  return same(request.imap) && signIn.result.readBack?.arrived === true ? 'received' : null
}

export function proofOf(state: ProofState, direction: Direction, chosen: ServerSettings): ChosenProof {
  const report = state.discovery.kind === 'done' ? state.discovery.report : null
  const found = report?.[direction].find((s) => endpointKey(s) === endpointKey(chosen)) ?? null
  const best = found === null ? null : [...found.sources].sort((a, b) => trustRank(a.source) - trustRank(b.source))[0]
  const source = best ? sourceLine[best.source] : typedSourceLine
  const signedIn = provedBySignIn(state, direction, chosen)
  if (signedIn !== null) return { proof: signedIn, words: proofWords[signedIn], source, found }
  if (found === null) return { proof: 'not-tested', words: proofWords['not-tested'], source, found }
  if (report !== null && untestedFor(report, direction) !== null && found.verified.status !== 'ok') {
    return { proof: 'untested-here', words: proofWords['untested-here'], source, found }
  }
  if (found.verified.status === 'ok') return { proof: 'verified', words: proofWords.verified, source, found }
  return { proof: 'failed', words: statusWords[found.verified.status], source, found }
}
