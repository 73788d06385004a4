// Helpers every long-running slice shares: operation ids the handlers accept, and the api getter
// the store is built with (the page's window.api in the app, the real handlers in store tests).
import type { Api } from '@shared/contract'

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
