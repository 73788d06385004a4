// Step 3: which servers to use, as one block: the recommended incoming and outgoing server, each
// with where it came from and what was proven, then Next — on the first screen. Every other
// server is behind "Other servers (N)", the provenance behind "Show details".
import { useEffect, type JSX } from 'react'
import { endpointKey } from '@shared/discovery'
import { assertNever, sentence } from '../assert-never'
import { ChosenServer } from '../settings/ChosenServer'
import { DiscoveryLive, OtherServers, Provenance, discoverySummary } from '../settings/DiscoveryView'
import { useApp } from '../store'
import type { DiscoveryState } from '../store/settings-slice'
import { Details } from '../ui/Details'
import { NotAvailable } from '../ui/NotAvailable'
import { Progress } from '../ui/Progress'
import { StepFooter } from '../ui/StepFooter'
import { StepHeading } from '../ui/StepHeading'
import { operationStatus, type StatusWords } from '../ui/operation-status'

function Search({ state }: { state: DiscoveryState }): JSX.Element | null {
  const cancel = useApp((s) => s.cancelDiscovery)
  const retry = useApp((s) => s.startDiscovery)
  switch (state.kind) {
    case 'idle':
    case 'done':
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
          {(state.sources.length > 0 || state.endpoints.length > 0) && (
            <Details summary={`Show what is being tried (${state.endpoints.length} servers)`}>
              <DiscoveryLive sources={state.sources} endpoints={state.endpoints} />
            </Details>
          )}
        </div>
      )
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

const discoveryWords: StatusWords<DiscoveryState> = {
  unavailable: 'Automatic search is not available; enter the settings by hand.',
  running: (state) => `Searching: ${state.sources.length} sources asked, ${state.endpoints.length} servers tested.`,
  done: (state) => discoverySummary(state.report),
  cancelled: 'The search was cancelled.',
  failed: 'The search could not finish.',
}

export function SettingsStep(): JSX.Element {
  const discovery = useApp((s) => s.discovery)
  const startDiscovery = useApp((s) => s.startDiscovery)
  const incoming = useApp((s) => s.chosen.incoming)
  const outgoing = useApp((s) => s.chosen.outgoing)
  useEffect(() => {
    if (discovery.kind === 'idle') void startDiscovery()
  }, [discovery.kind, startDiscovery])

  const report = discovery.kind === 'done' ? discovery.report : null
  const chosenKeys = new Set([incoming, outgoing].flatMap((s) => (s === null ? [] : [endpointKey(s)])))
  const others = report === null ? 0 : [...report.incoming, ...report.outgoing].filter((s) => !chosenKeys.has(endpointKey(s))).length
  return (
    <section aria-labelledby="step-settings-title">
      <StepHeading id="step-settings-title">Server settings</StepHeading>
      <p className="lead">A mail program needs two servers: one to send mail through and one to read it from.</p>
      <div role="status" aria-live="polite" className="visually-hidden">{operationStatus(discovery, discoveryWords)}</div>
      <Search state={discovery} />
      <section className="card discovery settings-block" aria-labelledby="settings-answer-title">
        <h3 id="settings-answer-title">{report?.recommended ? 'Use these settings' : 'Your settings'}</h3>
        {report !== null && (
          <p className={`status-line${report.untested.length > 0 ? ' warning-text' : ''}`} data-untested={report.untested.map((u) => u.direction).join(' ') || undefined}>
            {discoverySummary(report)}
          </p>
        )}
        <div className="chosen-pair">
          <ChosenServer direction="incoming" />
          <ChosenServer direction="outgoing" />
        </div>
      </section>
      <StepFooter />
      {report !== null && (
        <>
          {others > 0 && (
            <Details summary={`Other servers (${others})`} id="other-servers">
              <OtherServers report={report} />
            </Details>
          )}
          <Details>
            <Provenance report={report} />
          </Details>
        </>
      )}
    </section>
  )
}
