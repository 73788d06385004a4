// Back and Next at the foot of every step; whether Next may leave comes from the step table.
import type { JSX, ReactNode } from 'react'
import { useApp } from '../store'
import { isLastStep, stepOrder, stepRule } from '../store/step-table'

interface StepFooterProps {
  nextLabel?: string
  /** Whether Next is the step's one primary action (false where the step has its own). */
  primary?: boolean
  /** The last step of the table has no Next anyway; kept for views that still say so. */
  hideNext?: boolean
  /** A secondary action after Next (e.g. "Check again"). */
  extra?: ReactNode
}

export function StepFooter({ nextLabel = 'Next', primary = true, hideNext = false, extra }: StepFooterProps): JSX.Element {
  const step = useApp((s) => s.step.kind)
  const blocked = useApp((s) => stepRule(s.step.kind).leaveBlocker(s))
  const back = useApp((s) => s.back)
  const next = useApp((s) => s.next)
  return (
    <div className="step-footer">
      {step !== stepOrder[0] && <button type="button" onClick={back}>Back</button>}
      {!isLastStep(step) && !hideNext && (
        <button type="button" className={primary ? 'primary' : undefined} onClick={next} disabled={blocked !== null} aria-describedby={blocked !== null ? 'next-blocked' : undefined}>
          {nextLabel}
        </button>
      )}
      {extra}
      {blocked !== null && <span id="next-blocked" className="hint">{blocked}</span>}
    </div>
  )
}
