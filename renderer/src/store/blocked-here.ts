// Whether an earlier step already found that this network blocks a port: the network check
// (a submission port no provider answered on) or discovery (the provider's published servers
// did not answer from here). The sign-in step says so before trying, and links a failure to it.
import type { AppState } from './app-state'

export type BlockedHere = { by: 'network-check' | 'discovery'; port: number } | null

/** Pure over the two slices; in a component select `check` and `discovery` and call this (a selector returning a new object each time would re-render forever). */
export function blockedHere(state: Pick<AppState, 'check' | 'discovery'>, port: number | undefined): BlockedHere {
  if (port === undefined) return null
  const check = state.check
  if (check.kind === 'done') {
    const found = check.report.submission.find((s) => s.port === port)
    if (found?.usable === false) return { by: 'network-check', port }
    if (port === 25 && check.report.verdict === 'blocked') return { by: 'network-check', port }
  }
  const discovery = state.discovery
  if (discovery.kind === 'done') {
    const untested = discovery.report.untested.find((u) => u.direction === 'outgoing')
    if (untested?.ports.includes(port)) return { by: 'discovery', port }
  }
  return null
}
