// The account the exports describe: the chosen servers first, then the few distinct, verified
// alternatives discovery found (shared/account-plan.ts decides which, for the CLI too), never a
// password.
import { carriedFor, type DiscoveryReport } from '@shared/discovery'
import type { AccountSettings, ServerSettings } from '@shared/settings'
import type { AppState } from './app-state'
import type { Direction } from './server-draft'

function serversFor(direction: Direction, chosen: ServerSettings | null, report: DiscoveryReport | null): ServerSettings[] {
  if (report === null) return chosen === null ? [] : [chosen]
  return carriedFor(report, direction, chosen)
}

export function accountOf(state: AppState): AccountSettings | null {
  const parsed = state.parsed
  if (!parsed?.ok) return null
  const report = state.discovery.kind === 'done' ? state.discovery.report : null
  const recommended = report?.recommended ?? null
  const name = state.name.trim()
  return {
    address: parsed.value.address,
    ...(name !== '' && state.nameError === null && { displayName: name }),
    providerName: recommended?.providerName ?? parsed.value.domain,
    providerId: recommended?.providerId ?? parsed.value.asciiDomain,
    domains: recommended?.domains ?? [parsed.value.asciiDomain],
    incoming: serversFor('incoming', state.chosen.incoming, report),
    outgoing: serversFor('outgoing', state.chosen.outgoing, report),
  }
}
