// Back and Next at the foot of every step.
import type { JSX } from 'react'
import { useApp } from '../store'

interface StepFooterProps {
  nextLabel?: string
  /** Why Next is not possible yet, shown next to it; null when it is. */
  blocked?: string | null
  hideNext?: boolean
}

export function StepFooter({ nextLabel = 'Next', blocked = null, hideNext = false }: StepFooterProps): JSX.Element {
  const step = useApp((s) => s.step.kind)
  const back = useApp((s) => s.back)
  const next = useApp((s) => s.next)
  return (
    <div className="step-footer">
      {step !== 'address' && <button type="button" onClick={back}>Back</button>}
      {!hideNext && (
        <button type="button" className="primary" onClick={next} disabled={blocked !== null} aria-describedby={blocked !== null ? 'next-blocked' : undefined}>
          {nextLabel}
        </button>
      )}
      {blocked !== null && <span id="next-blocked" className="hint">{blocked}</span>}
    </div>
  )
}
