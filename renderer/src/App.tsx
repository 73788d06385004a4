// The wizard's frame: title, the list of steps, and the current step's view (from the step
// table by id). Components read the store and call its actions; none touches window.api.
import type { JSX } from 'react'
import { stepViews } from './steps/views'
import { useApp } from './store'
import { Stepper } from './ui/Stepper'

export function App(): JSX.Element {
  const step = useApp((s) => s.step)
  const View = stepViews[step.kind]
  return (
    <div className="page">
      <header className="masthead">
        <h1>ClearPort</h1>
        <Stepper />
      </header>
      <main data-step={step.kind}>
        {/* A key per step: each opens fresh, its heading takes focus. */}
        <View key={step.kind} />
      </main>
    </div>
  )
}
