// One cancellation path: every operation runs in a scope whose signal aborts when the parent
// aborts (the person pressed Cancel, or an outer deadline passed) or when its own named
// deadline passes. `dispose()` clears the timer and the parent listener on every exit path.
import { setMaxListeners } from 'node:events'

export class DeadlineError extends Error {
  override readonly name = 'DeadlineError'
  constructor(
    /** Which step ran out of time, e.g. "greeting". */
    readonly step: string,
    readonly ms: number,
  ) {
    super(`no answer within ${ms} ms (${step})`)
  }
}

export class CancelledError extends Error {
  override readonly name = 'AbortError'
  constructor(message = 'cancelled') {
    super(message)
  }
}

export interface Scope {
  signal: AbortSignal
  dispose(): void
}

export function scope(parent: AbortSignal | undefined, ms: number, step: string): Scope {
  const controller = new AbortController()
  // A check runs dozens of probes under one scope, each listening (and un-listening) to it.
  setMaxListeners(1000, controller.signal)
  const onParentAbort = (): void => controller.abort(parent?.reason)
  if (parent?.aborted) controller.abort(parent.reason)
  else parent?.addEventListener('abort', onParentAbort, { once: true })
  const timer = setTimeout(() => controller.abort(new DeadlineError(step, ms)), ms)
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer)
      parent?.removeEventListener('abort', onParentAbort)
    },
  }
}

/** Run `fn` inside a scope; the scope is disposed however `fn` ends. */
export async function withScope<T>(
  parent: AbortSignal | undefined,
  ms: number,
  step: string,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const s = scope(parent, ms, step)
  try {
    return await fn(s.signal)
  } finally {
    s.dispose()
  }
}

/**
 * How long one DNS look-up may take, everywhere the engine resolves a name (a probe's addresses,
 * MX, SRV, a guessed host): the resolver's own retries (net/dns.ts) fit inside it.
 */
export const DNS_LOOKUP_MS = 4000

/**
 * Sign-in: the person is waiting for one answer about their own server, not ranking many, so a
 * slow resolver gets more time before the attempt is called a DNS failure.
 */
export const SIGN_IN_DNS_LOOKUP_MS = 10_000

/** Run one DNS look-up under its named deadline. */
export function withDnsDeadline<T>(parent: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return withScope(parent, DNS_LOOKUP_MS, 'dns', fn)
}

/** The reason a signal aborted, as an Error (DeadlineError, CancelledError, or what was given). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  if (reason instanceof Error) return reason
  return new CancelledError()
}

export function isCancel(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

/** Resolve after `ms`, or reject when the signal aborts; the timer never outlives the wait. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(abortReason(signal!))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
