// The wizard as one table, as Thunderbird's account wizard keeps its states: each step's id, its
// name in the stepper, when it may be entered, why Next may not leave it yet, what a new address
// resets and what leaving it forgets. The stepper, the order, navigation, the footer and the
// address reset all derive from it; the views are attached by id (steps/views.ts), so a step
// without a view fails to compile. The Export step is last: its Done summary renders inside it.
import type { AppState } from './app-state'
import { forgetAttempt } from './signin-slice'

export interface StepRule {
  id: string
  /** The stepper's short name (short, so five fit on one line at 800 px). */
  title: string
  /** What the step needs exists (an address, a chosen server). */
  canEnter(state: AppState): boolean
  /** Why Next cannot leave the step yet, in words; null when it can. */
  leaveBlocker(state: AppState): string | null
  /** The step's own reset when the address changes (each slice owns its reset). */
  reset?(state: AppState): void
  /** What leaving the step forgets. */
  onLeave?: Partial<AppState>
}

const hasAddress = (s: AppState): boolean => s.parsed?.ok === true

export const stepTable = [
  {
    id: 'address',
    title: 'Address',
    canEnter: () => true,
    leaveBlocker: (s) => (!hasAddress(s) ? 'Enter your email address first.' : s.nameError !== null ? 'Correct your name first.' : null),
  },
  {
    id: 'network',
    title: 'Network',
    canEnter: hasAddress,
    // Skipping is always allowed: the check goes on, and the settings step uses it if it is ready.
    leaveBlocker: () => null,
    reset: (s) => s.resetNetwork(),
  },
  {
    id: 'settings',
    title: 'Settings',
    canEnter: hasAddress,
    leaveBlocker: (s) =>
      s.discovery.kind === 'running' ? 'Wait for the search to finish, or cancel it.'
      : s.editing !== null ? 'Finish or cancel the edit first.'
      : s.chosen.outgoing === null ? 'Choose an outgoing server first.'
      : null,
    reset: (s) => s.resetSettings(),
  },
  {
    id: 'signin',
    title: 'Sign in',
    canEnter: (s) => hasAddress(s) && s.chosen.outgoing !== null,
    leaveBlocker: (s) => (s.signIn.kind === 'running' ? 'Wait for the test to finish, or cancel it.' : null),
    reset: (s) => {
      s.resetSignIn()
      s.resetOAuth()
    },
    // A password typed on the sign-in step is for the attempt made there; leaving drops it.
    onLeave: forgetAttempt,
  },
  {
    id: 'export',
    title: 'Export',
    canEnter: (s) => hasAddress(s) && (s.chosen.outgoing !== null || s.chosen.incoming !== null),
    leaveBlocker: () => null,
  },
] as const satisfies readonly StepRule[]

export type StepKind = (typeof stepTable)[number]['id']

export const stepOrder: readonly StepKind[] = stepTable.map((s) => s.id)

export function stepRule(kind: StepKind): StepRule {
  const rule = stepTable.find((s) => s.id === kind)
  if (rule === undefined) throw new Error(`no step ${kind}`)
  return rule
}

export const canEnter = (state: AppState, kind: StepKind): boolean => stepRule(kind).canEnter(state)

export const isLastStep = (kind: StepKind): boolean => stepOrder[stepOrder.length - 1] === kind
