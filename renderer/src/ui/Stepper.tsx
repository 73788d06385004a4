// The steps as a list of buttons: where you are, where you may go. Steps that need something
// earlier (an address, chosen settings) are disabled until it exists.
import type { JSX } from 'react'
import { assertNever } from '../assert-never'
import { useApp } from '../store'
import { canEnter, stepOrder, type StepKind } from '../store/wizard-slice'

export function stepTitle(kind: StepKind): string {
  switch (kind) {
    case 'address': return 'Your address'
    case 'network': return 'Network check'
    case 'settings': return 'Server settings'
    case 'signin': return 'Sign in and test'
    case 'export': return 'Export'
    default: return assertNever(kind)
  }
}

export function Stepper(): JSX.Element {
  const current = useApp((s) => s.step.kind)
  const goTo = useApp((s) => s.goTo)
  const reachable = useApp((s) => stepOrder.map((kind) => canEnter(s, kind)).join(','))
  const open = reachable.split(',')
  return (
    <nav className="stepper" aria-label="Steps">
      <ol>
        {stepOrder.map((kind, index) => (
          <li key={kind}>
            <button
              type="button"
              aria-current={kind === current ? 'step' : undefined}
              disabled={open[index] !== 'true'}
              onClick={() => goTo(kind)}
            >
              <span className="stepper-number" aria-hidden="true">{index + 1}</span>
              {stepTitle(kind)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  )
}
