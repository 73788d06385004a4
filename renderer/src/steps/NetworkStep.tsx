// Step 2: can mail leave this network? The port-25 verdict and the sending ports, the evidence
// filling in live, then one click away once the verdict is shown.
import { useState, type JSX } from 'react'
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
  const [showEvidence, setShowEvidence] = useState(false)
  const probes = probesOf(check)
  const running = check.kind === 'running'

  return (
    <section aria-labelledby="step-network-title">
      <StepHeading id="step-network-title">Can mail leave this network?</StepHeading>
      <p className="lead">
        ClearPort tries the mail port (25) and the sending ports (587, 465, 2525) against real mail servers and tells you what it found.
        It sends no mail.
      </p>
      <div className="card actions-row">
        {running ? (
          <Progress label={phaseWords(check.phase)} onCancel={() => void cancelCheck()} cancelling={check.cancelling} cancelLabel="Cancel check" />
        ) : (
          <button type="button" className="primary" onClick={() => void runCheck()}>
            {check.kind === 'idle' ? 'Check port 25' : 'Check again'}
          </button>
        )}
      </div>
      <p className="status" role="status" aria-live="polite">{checkStatusText(check)}</p>
      {check.kind === 'failed' && (
        <div className="error" role="alert">
          <strong>The check could not finish.</strong> {sentence(check.error.message)}
        </div>
      )}
      {check.kind === 'done' && <VerdictCard report={check.report} />}
      {check.kind === 'done' ? (
        <div className="evidence">
          <button type="button" aria-expanded={showEvidence} aria-controls="evidence-grid" onClick={() => setShowEvidence(!showEvidence)}>
            {showEvidence ? 'Hide the evidence' : `Show the evidence (${probes.length} connections)`}
          </button>
          <div id="evidence-grid" hidden={!showEvidence}>
            <ProbeGrid probes={probes} />
          </div>
        </div>
      ) : (
        <ProbeGrid probes={probes} />
      )}
      <StepFooter nextLabel={check.kind === 'done' ? 'Next' : 'Skip to settings'} />
    </section>
  )
}
