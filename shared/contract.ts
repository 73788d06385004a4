// The one API between the renderer and the main process (and the shape the CLI and the test
// harness implement too). Every method takes one plain-object argument and resolves to a Result;
// errors never cross IPC as thrown exceptions (they would lose their shape).
import type { Port25Report, ProbeRecord } from './model'

export type ErrorCode =
  | 'bad-input'
  | 'cancelled'
  | 'timeout'
  | 'dns'
  | 'network'
  | 'protocol'
  | 'tls'
  | 'internal'
  | 'not-available'
  /** The request did not come from the app's own window. */
  | 'forbidden'
  /** Too many operations are running; cancel one first. */
  | 'busy'

export interface ApiError {
  code: ErrorCode
  message: string
  /** The argument field that was wrong, for `bad-input`. */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export interface CheckPort25Args {
  /** Caller-chosen id, so `cancel` can stop this operation and events can be matched to it. */
  operationId: string
  /** Optional: the person's address; the MX of its domain is probed too. */
  address?: string
}

export interface CancelArgs {
  operationId: string
}

/** Methods: name → argument and result types. */
export interface Methods {
  checkPort25: { args: CheckPort25Args; result: Port25Report }
  cancel: { args: CancelArgs; result: { cancelled: boolean } }
}

export type MethodName = keyof Methods

/** IPC channel per method; a misspelt channel fails to compile. */
export const channels = {
  checkPort25: 'clearport:port25:check',
  cancel: 'clearport:operation:cancel',
} as const satisfies Record<MethodName, string>

/** Events the main process pushes, as plain records `{ type, at, operationId, ... }`. */
export type ProgressEvent =
  | { type: 'phase'; at: number; operationId: string; phase: 'resolving' | 'probing' | 'deciding'; detail: string }
  | { type: 'probe'; at: number; operationId: string; probe: ProbeRecord }

export const eventChannels = {
  progress: 'clearport:event:progress',
} as const

/** What the preload exposes as `window.api`: exactly the contract, nothing more. */
export type Api = {
  [K in MethodName]: (args: Methods[K]['args']) => Promise<Result<Methods[K]['result']>>
} & {
  /** Subscribe to progress events; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void
}

/** Handlers in the main process (and the test harness): arguments arrive untrusted. */
export type Handlers = {
  [K in MethodName]: (args: unknown, emit: (event: ProgressEvent) => void) => Promise<Result<Methods[K]['result']>>
}
