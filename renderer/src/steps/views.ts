// Each step of the step table (store/step-table.ts) with the view that shows it; a step without
// a view fails to compile here.
import type { JSX } from 'react'
import type { StepKind } from '../store/step-table'
import { AddressStep } from './AddressStep'
import { ExportStep } from './ExportStep'
import { NetworkStep } from './NetworkStep'
import { SettingsStep } from './SettingsStep'
import { SignInStep } from './SignInStep'

export const stepViews: { readonly [K in StepKind]: () => JSX.Element } = {
  address: AddressStep,
  network: NetworkStep,
  settings: SettingsStep,
  signin: SignInStep,
  export: ExportStep,
}
