// The lifecycle every long-running slice shares, written once: an id the handlers accept, the
// running state set, progress events of this run only, the one result (a late one of an abandoned
// run dropped), cancelled told apart from failed, the listener removed on every exit path — and
// Cancel, which only asks (the operation's own `cancelled` result moves the state on).
import type { Api, ApiError, ProgressEvent, Result } from '@shared/contract'

export type ApiSource = () => Api | null

/** Ids only need to be unique per window; the handlers accept [A-Za-z0-9_-]{1,64}. */
export function newOperationId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * Whether the engine offers a method. Methods land one issue at a time; a step whose method is
 * missing says so instead of pretending (the contract type alone cannot tell: an older main
 * process or a test harness may expose fewer methods than this renderer was built against).
 */
export function hasMethod(api: Api | null, name: string): boolean {
  return api !== null && typeof (api as unknown as Record<string, unknown>)[name] === 'function'
}

/** The bridge itself failed (a window closing mid-call); the contract never rejects. */
export function bridgeError(err: unknown): { code: 'internal'; message: string } {
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) }
}

export const noEngine = { code: 'not-available', message: 'ClearPort’s engine is not reachable from this page.' } as const

/** A slice's state while its operation runs: the id its events and result are matched by. */
export interface RunningState {
  kind: 'running'
  operationId: string
  cancelling: boolean
}

export type Settled<T> = { kind: 'done'; value: T } | { kind: 'cancelled' } | { kind: 'failed'; error: ApiError }

export interface OperationSteps<T, R extends RunningState> {
  /** Prefix of the operation id (port25, discover, send). */
  prefix: string
  /** The slice's running state for this id, set before the call starts. */
  start(operationId: string): void
  /** The slice's current state, to tell whether this run is still the one on screen. */
  current(): R | { kind: string }
  /** The call itself, given the id. */
  call(operationId: string): Promise<Result<T>>
  /** One progress event of this run, with the running state it applies to. */
  progress?(event: ProgressEvent, running: R): void
  /** The run's end; never called for a run that is no longer current. */
  settle(outcome: Settled<T>, running: R): void
}

function isRun<R extends RunningState>(state: R | { kind: string }, operationId: string): state is R {
  return state.kind === 'running' && (state as R).operationId === operationId
}

/** Runs one operation through its whole lifecycle (see the file comment). */
export async function runOperation<T, R extends RunningState>(api: Api, steps: OperationSteps<T, R>): Promise<void> {
  const operationId = newOperationId(steps.prefix)
  steps.start(operationId)
  const onProgress = steps.progress
  const unsubscribe = api.onProgress((event) => {
    const now = steps.current()
    if (onProgress !== undefined && event.operationId === operationId && isRun(now, operationId)) onProgress(event, now)
  })
  try {
    const result = await steps.call(operationId)
    const now = steps.current()
    if (!isRun(now, operationId)) return
    if (result.ok) steps.settle({ kind: 'done', value: result.value }, now)
    else steps.settle(result.error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error: result.error }, now)
  } catch (err) {
    const now = steps.current()
    if (isRun(now, operationId)) steps.settle({ kind: 'failed', error: bridgeError(err) }, now)
  } finally {
    unsubscribe()
  }
}

/** Cancel asks the engine to stop the run on screen; its `cancelled` result moves the state on. */
export async function cancelOperation<R extends RunningState>(api: Api | null, state: R | { kind: string }, mark: (cancelling: R) => void): Promise<void> {
  if (api === null || state.kind !== 'running') return
  const running = state as R
  if (running.cancelling) return
  mark({ ...running, cancelling: true })
  await api.cancel({ operationId: running.operationId })
}

/** A run whose results no longer apply (a new address) is stopped; its late result is dropped by its id. */
export function abandonOperation(api: Api | null, state: { kind: string }): void {
  if (api !== null && state.kind === 'running') void api.cancel({ operationId: (state as RunningState).operationId })
}
