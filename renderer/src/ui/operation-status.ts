// The live status line of a step's long operation (read out by screen readers), one shape for
// every slice whose state runs through the lifecycle of store/operation.ts.
type OperationKind = 'unavailable' | 'idle' | 'running' | 'done' | 'cancelled' | 'failed'

export interface StatusWords<S extends { kind: OperationKind }> {
  unavailable: string
  running(state: Extract<S, { kind: 'running' }>): string
  done(state: Extract<S, { kind: 'done' }>): string
  cancelled: string
  failed: string
}

export function operationStatus<S extends { kind: OperationKind }>(state: S, words: StatusWords<S>): string {
  switch (state.kind) {
    case 'idle': return ''
    case 'unavailable': return words.unavailable
    case 'running': {
      const running = state as Extract<S, { kind: 'running' }>
      return (running as { cancelling?: boolean }).cancelling === true ? 'Cancelling…' : words.running(running)
    }
    case 'done': return words.done(state as Extract<S, { kind: 'done' }>)
    case 'cancelled': return words.cancelled
    case 'failed': return words.failed
  }
}
