// Step 3: which servers to use — found automatically where the engine can, or typed by hand.
import { useEffect, type JSX } from 'react'
import { assertNever } from '../assert-never'
import { sentence } from '../assert-never'
import { DiscoveryLive, DiscoveryResult, discoverySummary } from '../settings/DiscoveryView'
import { ServerEditor } from '../settings/ServerEditor'
import { ServerSummary } from '../settings/ServerSummary'
import { useApp } from '../store'
import type { DiscoveryState } from '../store/settings-slice'
import type { Direction } from '../store/server-draft'
import { NotAvailable } from '../ui/NotAvailable'
import { Progress } from '../ui/Progress'
import { StepFooter } from '../ui/StepFooter'
import { StepHeading } from '../ui/StepHeading'

function Discovery({ state }: { state: DiscoveryState }): JSX.Element | null {
  const cancel = useApp((s) => s.cancelDiscovery)
  const retry = useApp((s) => s.startDiscovery)
  switch (state.kind) {
    case 'idle':
      return null
    case 'unavailable':
      return (
        <NotAvailable what="Finding your provider’s settings automatically">
          <p>Enter the settings your provider publishes below; the next steps check them for real.</p>
        </NotAvailable>
      )
    case 'running':
      return (
        <div className="card">
          <Progress label="Looking for your provider’s settings and testing each server…" onCancel={() => void cancel()} cancelling={state.cancelling} cancelLabel="Cancel search" />
          <DiscoveryLive sources={state.sources} endpoints={state.endpoints} />
        </div>
      )
    case 'done':
      return <DiscoveryResult report={state.report} />
    case 'cancelled':
      return (
        <div className="card actions-row">
          <p className="status-line">The search was cancelled. Search again, or enter the settings by hand.</p>
          <button type="button" onClick={() => void retry()}>Search again</button>
        </div>
      )
    case 'failed':
      return (
        <div className="error" role="alert">
          <strong>The search for settings could not finish.</strong> {sentence(state.error.message)}{' '}
          <button type="button" onClick={() => void retry()}>Search again</button>
        </div>
      )
    default:
      return assertNever(state)
  }
}

function Chosen({ direction }: { direction: Direction }): JSX.Element {
  const chosen = useApp((s) => s.chosen[direction])
  const editing = useApp((s) => s.editing)
  const startEdit = useApp((s) => s.startEdit)
  const title = direction === 'outgoing' ? 'Outgoing mail (sending)' : 'Incoming mail (receiving)'
  return (
    <section className="card server" aria-labelledby={`chosen-${direction}-title`} data-direction={direction}>
      <h3 id={`chosen-${direction}-title`}>{title}</h3>
      {chosen ? <ServerSummary settings={chosen} /> : <p className="hint">No server chosen yet.</p>}
      <button type="button" onClick={() => startEdit(direction)} disabled={editing !== null}>
        {chosen ? `Edit ${direction} server` : `Enter ${direction} server`}
      </button>
    </section>
  )
}

function discoveryStatus(state: DiscoveryState): string {
  switch (state.kind) {
    case 'idle': return ''
    case 'unavailable': return 'Automatic search is not available; enter the settings by hand.'
    case 'running': return state.cancelling ? 'Cancelling…' : `Searching: ${state.sources.length} sources asked, ${state.endpoints.length} servers tested.`
    case 'done': return discoverySummary(state.report)
    case 'cancelled': return 'The search was cancelled.'
    case 'failed': return 'The search could not finish.'
    default: return assertNever(state)
  }
}

export function SettingsStep(): JSX.Element {
  const discovery = useApp((s) => s.discovery)
  const startDiscovery = useApp((s) => s.startDiscovery)
  useEffect(() => {
    if (discovery.kind === 'idle') void startDiscovery()
  }, [discovery.kind, startDiscovery])

  return (
    <section aria-labelledby="step-settings-title">
      <StepHeading id="step-settings-title">Server settings</StepHeading>
      <p className="lead">A mail program needs two servers: one to send mail through and one to read it from.</p>
      <div role="status" aria-live="polite" className="visually-hidden">{discoveryStatus(discovery)}</div>
      <Discovery state={discovery} />
      <h3 className="section-title">Your choice</h3>
      <div className="servers">
        <Chosen direction="incoming" />
        <Chosen direction="outgoing" />
      </div>
      <ServerEditor />
      <StepFooter />
    </section>
  )
}
