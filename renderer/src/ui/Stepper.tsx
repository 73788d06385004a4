// The steps as a list of buttons, from the step table: where you are, where you may go. Steps
// that need something earlier (an address, chosen settings) are disabled until it exists.
import type { JSX } from 'react'
import { useApp } from '../store'
import { stepRule, stepTable, type StepKind } from '../store/step-table'

export const stepTitle = (kind: StepKind): string => stepRule(kind).title

export function Stepper(): JSX.Element {
  const current = useApp((s) => s.step.kind)
  const goTo = useApp((s) => s.goTo)
  // One string, so the selector's result compares equal while nothing changed.
  const open = useApp((s) => stepTable.map((step) => (step.canEnter(s) ? '1' : '0')).join(''))
  return (
    <nav className="stepper" aria-label="Steps">
      <ol>
        {stepTable.map((step, index) => (
          <li key={step.id}>
            <button type="button" aria-current={step.id === current ? 'step' : undefined} disabled={open[index] !== '1'} onClick={() => goTo(step.id)}>
              <span className="stepper-number" aria-hidden="true">{index + 1}</span>
              {step.title}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  )
}
