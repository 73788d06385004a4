// Which step is on screen. Steps are a discriminated union so the shell renders them with an
// exhaustive switch; which steps can be entered is derived from the other slices.
import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'
import { forgetAttempt } from './signin-slice'

export type Step = { kind: 'address' } | { kind: 'network' } | { kind: 'settings' } | { kind: 'signin' } | { kind: 'export' }

export type StepKind = Step['kind']

export const stepOrder: readonly StepKind[] = ['address', 'network', 'settings', 'signin', 'export']

export interface WizardSlice {
  step: Step
  goTo(kind: StepKind): void
  next(): void
  back(): void
}

/** A step may be entered once what it needs exists: an address for everything after the first. */
export function canEnter(state: AppState, kind: StepKind): boolean {
  switch (kind) {
    case 'address':
      return true
    case 'network':
    case 'settings':
      return state.parsed?.ok === true
    case 'signin':
      return state.parsed?.ok === true && state.chosen.outgoing !== null
    case 'export':
      return state.parsed?.ok === true && (state.chosen.outgoing !== null || state.chosen.incoming !== null)
  }
}

export const createWizardSlice: StateCreator<AppState, [], [], WizardSlice> = (set, get) => ({
  step: { kind: 'address' },
  goTo(kind) {
    // A password typed on the sign-in step is for the attempt made there; leaving drops it.
    if (canEnter(get(), kind)) set({ step: { kind }, ...(kind !== 'signin' && forgetAttempt) })
  },
  next() {
    const index = stepOrder.indexOf(get().step.kind)
    const following = stepOrder[index + 1]
    if (following !== undefined) get().goTo(following)
  },
  back() {
    const index = stepOrder.indexOf(get().step.kind)
    const previous = stepOrder[index - 1]
    if (previous !== undefined) set({ step: { kind: previous }, ...forgetAttempt })
  },
})
