// The one place the renderer reaches `window.api` (set by the preload, or by a test harness).
// Only the store imports this; components never call the API themselves.
import type { Api } from '@shared/contract'

declare global {
  interface Window {
    api: Api
  }
}

/** The bridge, or null when the page runs outside ClearPort (e.g. opened in a plain browser). */
export function getApi(): Api | null {
  return typeof window.api === 'object' && window.api !== null ? window.api : null
}
