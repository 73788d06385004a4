// The wizard's frame: title, the list of steps, and the current step (an exhaustive switch over
// the step union). Components read the store and call its actions; none touches window.api.
import type { JSX } from 'react'
import { assertNever } from './assert-never'
import { AddressStep } from './steps/AddressStep'
import { ExportStep } from './steps/ExportStep'
import { NetworkStep } from './steps/NetworkStep'
import { SettingsStep } from './steps/SettingsStep'
import { SignInStep } from './steps/SignInStep'
import { useApp } from './store'
import type { Step } from './store/wizard-slice'
import { Stepper } from './ui/Stepper'

function CurrentStep({ step }: { step: Step }): JSX.Element {
  switch (step.kind) {
    case 'address': return <AddressStep />
    case 'network': return <NetworkStep />
    case 'settings': return <SettingsStep />
    case 'signin': return <SignInStep />
    case 'export': return <ExportStep />
    default: return assertNever(step)
  }
}

export function App(): JSX.Element {
  const step = useApp((s) => s.step)
  return (
    <div className="page">
      <header className="masthead">
        <h1>ClearPort</h1>
        <Stepper />
      </header>
      <main data-step={step.kind}>
        {/* A key per step: each opens fresh, its heading takes focus. */}
        <CurrentStep key={step.kind} step={step} />
      </main>
    </div>
  )
}
