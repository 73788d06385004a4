// Which step is on screen, and moving between steps by the rules of the step table.
import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'
import { canEnter, stepOrder, stepRule, stepTable, type StepKind } from './step-table'

export { canEnter, stepOrder, type StepKind } from './step-table'

export type Step = { kind: StepKind }

export interface WizardSlice {
  step: Step
  goTo(kind: StepKind): void
  next(): void
  back(): void
  /** A new address makes every later step's results stale: each step's own reset runs. */
  resetForAddress(): void
}

export const createWizardSlice: StateCreator<AppState, [], [], WizardSlice> = (set, get) => {
  function move(kind: StepKind): void {
    const leaving = stepRule(get().step.kind)
    set({ step: { kind }, ...(kind !== leaving.id && leaving.onLeave) })
  }
  const neighbour = (offset: number): StepKind | undefined => stepOrder[stepOrder.indexOf(get().step.kind) + offset]
  return {
    step: { kind: 'address' },
    goTo(kind) {
      if (canEnter(get(), kind)) move(kind)
    },
    next() {
      const following = neighbour(1)
      if (following !== undefined && stepRule(get().step.kind).leaveBlocker(get()) === null) get().goTo(following)
    },
    back() {
      const previous = neighbour(-1)
      if (previous !== undefined) move(previous)
    },
    resetForAddress() {
      for (const rule of stepTable as readonly { reset?: (s: AppState) => void }[]) rule.reset?.(get())
    },
  }
}
