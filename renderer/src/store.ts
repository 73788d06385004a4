// The screen's state: one discriminated union for the check, so every view handles every case.
// Actions are the only callers of the API; components read state and call actions.
import { create } from 'zustand'
import type { ApiError, ProgressEvent } from '@shared/contract'
import type { Port25Report, ProbeRecord } from '@shared/model'
import { getApi } from './api'

export type Phase = Extract<ProgressEvent, { type: 'phase' }>['phase']

export type CheckState =
  | { kind: 'idle' }
  | { kind: 'running'; operationId: string; phase: Phase | null; detail: string; probes: ProbeRecord[]; cancelling: boolean }
  | { kind: 'done'; report: Port25Report }
  | { kind: 'cancelled'; probes: ProbeRecord[] }
  | { kind: 'failed'; error: ApiError; probes: ProbeRecord[] }

export interface ClearPortStore {
  /** What is typed in the address field (kept here so it survives re-renders and tests can read it). */
  address: string
  status: CheckState
  setAddress(address: string): void
  /** Runs the port-25 check; `address` may be empty (then only the reference providers are probed). */
  check(address: string): Promise<void>
  cancel(): Promise<void>
}

/** Ids only need to be unique per window; the handler accepts [A-Za-z0-9_-]{1,64}. */
function newOperationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return `op-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** A probe may be reported more than once as it progresses; the latest record wins, order stays. */
function upsert(probes: ProbeRecord[], probe: ProbeRecord): ProbeRecord[] {
  const index = probes.findIndex((p) => p.id === probe.id)
  if (index === -1) return [...probes, probe]
  const next = probes.slice()
  next[index] = probe
  return next
}

export const useStore = create<ClearPortStore>()((set, get) => {
  /** Applies a progress event if it belongs to the running operation; stale events are dropped. */
  function onProgress(event: ProgressEvent): void {
    const state = get().status
    if (state.kind !== 'running' || state.operationId !== event.operationId) return
    switch (event.type) {
      case 'phase':
        set({ status: { ...state, phase: event.phase, detail: event.detail } })
        return
      case 'probe':
        set({ status: { ...state, probes: upsert(state.probes, event.probe) } })
        return
    }
  }

  return {
    address: '',
    status: { kind: 'idle' },

    setAddress: (address) => set({ address }),

    async check(address) {
      if (get().status.kind === 'running') return
      const api = getApi()
      if (!api) {
        const error: ApiError = { code: 'not-available', message: 'ClearPort’s engine is not reachable from this page.' }
        set({ status: { kind: 'failed', error, probes: [] } })
        return
      }
      const operationId = newOperationId()
      const trimmed = address.trim()
      set({ status: { kind: 'running', operationId, phase: null, detail: '', probes: [], cancelling: false } })
      const unsubscribe = api.onProgress(onProgress)
      try {
        const result = await api.checkPort25(trimmed === '' ? { operationId } : { operationId, address: trimmed })
        const state = get().status
        if (state.kind !== 'running' || state.operationId !== operationId) return
        if (result.ok) set({ status: { kind: 'done', report: result.value } })
        else if (result.error.code === 'cancelled') set({ status: { kind: 'cancelled', probes: state.probes } })
        else set({ status: { kind: 'failed', error: result.error, probes: state.probes } })
      } catch (err) {
        // The bridge itself failed (a window closing mid-call); the contract never rejects.
        const message = err instanceof Error ? err.message : String(err)
        set({ status: { kind: 'failed', error: { code: 'internal', message }, probes: [] } })
      } finally {
        unsubscribe()
      }
    },

    async cancel() {
      const state = get().status
      const api = getApi()
      if (state.kind !== 'running' || state.cancelling || !api) return
      set({ status: { ...state, cancelling: true } })
      // The check's own result (code `cancelled`) moves the state on; this only asks for it.
      await api.cancel({ operationId: state.operationId })
    },
  }
})
