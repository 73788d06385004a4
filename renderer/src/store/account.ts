// The account the exports describe: the chosen servers first, then the verified alternatives
// discovery found (clientConfig and Autodiscover list alternatives in order), never a password.
import { endpointKey } from '@shared/discovery'
import type { AccountSettings, ServerSettings } from '@shared/settings'
import type { AppState } from './app-state'

function withAlternatives(chosen: ServerSettings | null, alternatives: readonly ServerSettings[]): ServerSettings[] {
  if (chosen === null) return []
  return [chosen, ...alternatives.filter((s) => endpointKey(s) !== endpointKey(chosen))]
}

export function accountOf(state: AppState): AccountSettings | null {
  const parsed = state.parsed
  if (!parsed?.ok) return null
  const recommended = state.discovery.kind === 'done' ? state.discovery.report.recommended : null
  const name = state.name.trim()
  return {
    address: parsed.value.address,
    ...(name !== '' && state.nameError === null && { displayName: name }),
    providerName: recommended?.providerName ?? parsed.value.domain,
    providerId: recommended?.providerId ?? parsed.value.asciiDomain,
    domains: recommended?.domains ?? [parsed.value.asciiDomain],
    incoming: withAlternatives(state.chosen.incoming, recommended?.incoming ?? []),
    outgoing: withAlternatives(state.chosen.outgoing, recommended?.outgoing ?? []),
  }
}
