// Step 2: can mail leave this network? One answer (which port to send on), the evidence behind
// "Show details". Skip stays usable while the check runs (the settings step uses the check if it
// is ready by then); after the answer, Next is the one primary action.
import type { JSX } from 'react'
import { sentence } from '../assert-never'
import { ProbeGrid } from '../network/ProbeGrid'
import { VerdictCard } from '../network/VerdictCard'
import { checkStatusText, phaseWords, probesOf } from '../network/words'
import { useApp } from '../store'
import { Progress } from '../ui/Progress'
import { StepFooter } from '../ui/StepFooter'
import { StepHeading } from '../ui/StepHeading'

export function NetworkStep(): JSX.Element {
  const check = useApp((s) => s.check)
  const runCheck = useApp((s) => s.runCheck)
  const cancelCheck = useApp((s) => s.cancelCheck)
  const probes = probesOf(check)
  const done = check.kind === 'done'

  return (
    <section aria-labelledby="step-network-title">
      <StepHeading id="step-network-title">Can mail leave this network?</StepHeading>
      <p className="lead">ClearPort tries the ports mail programs send on against real mail servers. It sends no mail.</p>
      {check.kind === 'running' ? (
        <div className="card actions-row">
          <Progress label={phaseWords(check.phase)} onCancel={() => void cancelCheck()} cancelling={check.cancelling} cancelLabel="Cancel check" />
        </div>
      ) : !done && (
        <div className="card actions-row">
          <button type="button" className="primary" onClick={() => void runCheck()}>{check.kind === 'idle' ? 'Check this network' : 'Check again'}</button>
        </div>
      )}
      <p className="status" role="status" aria-live="polite">{checkStatusText(check)}</p>
      {check.kind === 'failed' && (
        <div className="error" role="alert">
          <strong>The check could not finish.</strong> {sentence(check.error.message)}
        </div>
      )}
      {done && <VerdictCard report={check.report} evidence={<ProbeGrid probes={probes} verdict={check.report.verdict} />} />}
      {/* Live while it runs (and what was seen before a cancel or failure); the card holds it after. */}
      {!done && <ProbeGrid probes={probes} />}
      <StepFooter nextLabel={done ? 'Next' : 'Skip to settings'} primary={done} extra={done && <button type="button" onClick={() => void runCheck()}>Check again</button>} />
    </section>
  )
}
