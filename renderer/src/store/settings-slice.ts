// Step 3: the servers to use. Discovery (when the engine offers it) proposes them with their
// provenance; the person can take the recommendation, pick an alternative or type their own.
import type { StateCreator } from 'zustand/vanilla'
import type { ApiError } from '@shared/contract'
import type { DiscoveryProgress, DiscoveryReport, DiscoverySource } from '@shared/discovery'
import type { ServerSettings } from '@shared/settings'
import type { AppState } from './app-state'
import { forgetAttempt } from './signin-slice'
import { abandonOperation, cancelOperation, hasMethod, noEngine, runOperation, type ApiSource } from './operation'
import { blankDraft, checkDraft, draftFrom, type Direction, type DraftField, type ServerDraft } from './server-draft'

export type SourceProgress = { source: DiscoverySource; state: 'started' | 'done'; found: number; detail: string }
export type EndpointProgress = Extract<DiscoveryProgress, { type: 'endpoint' }>

export type DiscoveryState =
  | { kind: 'unavailable' }
  | { kind: 'idle' }
  | { kind: 'running'; operationId: string; address: string; cancelling: boolean; sources: SourceProgress[]; endpoints: EndpointProgress[] }
  | { kind: 'done'; address: string; report: DiscoveryReport }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiError }

type Running = Extract<DiscoveryState, { kind: 'running' }>

/** The latest word per key wins; first-seen order stays (so rows do not jump around). */
function upsertBy<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  const index = list.findIndex(same)
  if (index === -1) return [...list, item]
  const next = list.slice()
  next[index] = item
  return next
}

export interface Editing {
  direction: Direction
  draft: ServerDraft
  errors: Partial<Record<DraftField, string>>
}

export interface SettingsSlice {
  discovery: DiscoveryState
  chosen: { incoming: ServerSettings | null; outgoing: ServerSettings | null }
  editing: Editing | null
  /** Looks up whether discovery exists (and runs it once it does). */
  startDiscovery(): Promise<void>
  cancelDiscovery(): Promise<void>
  /** A new address: the search for the old one is stopped, the servers chosen for it dropped. */
  resetSettings(): void
  choose(direction: Direction, settings: ServerSettings): void
  startEdit(direction: Direction): void
  editDraft(patch: Partial<ServerDraft>): void
  saveEdit(): boolean
  cancelEdit(): void
}

export const createSettingsSlice =
  (getApi: ApiSource): StateCreator<AppState, [], [], SettingsSlice> =>
  (set, get) => ({
    discovery: { kind: 'idle' },
    chosen: { incoming: null, outgoing: null },
    editing: null,

    async startDiscovery() {
      const state = get().discovery
      if (state.kind === 'running') return
      const api = getApi()
      if (!hasMethod(api, 'discover') || api === null) {
        set({ discovery: api === null ? { kind: 'failed', error: noEngine } : { kind: 'unavailable' } })
        return
      }
      const parsed = get().parsed
      if (!parsed?.ok) return
      const address = parsed.value.address
      // The network check's verdict lets discovery rank ports this network blocks last.
      const check = get().check
      const port25 = check.kind === 'done' ? { verdict: check.report.verdict, submission: check.report.submission.map(({ port, usable }) => ({ port, usable })) } : undefined
      await runOperation<DiscoveryReport, Running>(api, {
        prefix: 'discover',
        start: (operationId) => set({ discovery: { kind: 'running', operationId, address, cancelling: false, sources: [], endpoints: [] } }),
        current: () => get().discovery,
        call: (operationId) => api.discover(port25 ? { operationId, address, port25 } : { operationId, address }),
        progress(event, now) {
          if (event.type === 'source') {
            const { source, state: sourceState, found, detail } = event
            set({ discovery: { ...now, sources: upsertBy(now.sources, { source, state: sourceState, found, detail }, (s) => s.source === source) } })
          } else if (event.type === 'endpoint') {
            const key = (e: EndpointProgress): string => `${e.protocol}|${e.host}|${e.port}|${e.socket}`
            set({ discovery: { ...now, endpoints: upsertBy(now.endpoints, event, (e) => key(e) === key(event)) } })
          }
        },
        settle(outcome) {
          if (outcome.kind !== 'done') return set({ discovery: outcome })
          const report = outcome.value
          // The recommendation is pre-selected; a server typed by hand is kept.
          const recommended = report.recommended
          const chosen = get().chosen
          set({
            discovery: { kind: 'done', address, report },
            chosen: {
              incoming: chosen.incoming ?? recommended?.incoming[0] ?? null,
              outgoing: chosen.outgoing ?? recommended?.outgoing[0] ?? null,
            },
          })
        },
      })
    },

    cancelDiscovery: () => cancelOperation<Running>(getApi(), get().discovery, (discovery) => set({ discovery })),

    resetSettings() {
      abandonOperation(getApi(), get().discovery)
      set({ discovery: { kind: 'idle' }, chosen: { incoming: null, outgoing: null }, editing: null })
    },

    choose(direction, settings) {
      // Another server: a password typed for the old one is not for this one.
      set({ chosen: { ...get().chosen, [direction]: settings }, ...forgetAttempt })
    },

    startEdit(direction) {
      const current = get().chosen[direction]
      const parsed = get().parsed
      const address = parsed?.ok ? parsed.value.address : 'you@example.com'
      set({ editing: { direction, draft: current ? draftFrom(current, address) : blankDraft(direction, address), errors: {} } })
    },

    editDraft(patch) {
      const editing = get().editing
      if (!editing) return
      const draft = { ...editing.draft, ...patch }
      // Re-check only fields that already showed an error, so typing clears it without nagging early.
      const shown = Object.keys(editing.errors) as DraftField[]
      const result = checkDraft(draft, editing.direction)
      const errors: Partial<Record<DraftField, string>> = {}
      if (!result.ok) for (const field of shown) if (result.errors[field] !== undefined) errors[field] = result.errors[field]
      set({ editing: { ...editing, draft, errors } })
    },

    saveEdit() {
      const editing = get().editing
      if (!editing) return false
      const result = checkDraft(editing.draft, editing.direction)
      if (!result.ok) {
        set({ editing: { ...editing, errors: result.errors } })
        return false
      }
      set({ editing: null, chosen: { ...get().chosen, [editing.direction]: result.value }, ...forgetAttempt })
      return true
    },

    cancelEdit() {
      set({ editing: null })
    },
  })
