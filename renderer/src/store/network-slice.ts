// Step 2: the port-25 check. One discriminated union per run, so every view handles every case;
// progress events fill the probe grid live and stale events (another run's) are dropped.
import type { StateCreator } from 'zustand/vanilla'
import type { ApiError, ProgressEvent } from '@shared/contract'
import type { Port25Report, ProbeRecord } from '@shared/model'
import type { AppState } from './app-state'
import { bridgeError, newOperationId, noEngine, type ApiSource } from './operation'

export type Phase = Extract<ProgressEvent, { type: 'phase' }>['phase']

export type CheckState =
  | { kind: 'idle' }
  | { kind: 'running'; operationId: string; phase: Phase | null; detail: string; probes: ProbeRecord[]; cancelling: boolean }
  | { kind: 'done'; report: Port25Report }
  | { kind: 'cancelled'; probes: ProbeRecord[] }
  | { kind: 'failed'; error: ApiError; probes: ProbeRecord[] }

export interface NetworkSlice {
  check: CheckState
  runCheck(): Promise<void>
  cancelCheck(): Promise<void>
}

/** A probe may be reported more than once as it progresses; the latest record wins, order stays. */
export function upsertProbe(probes: ProbeRecord[], probe: ProbeRecord): ProbeRecord[] {
  const index = probes.findIndex((p) => p.id === probe.id)
  if (index === -1) return [...probes, probe]
  const next = probes.slice()
  next[index] = probe
  return next
}

export const createNetworkSlice =
  (getApi: ApiSource): StateCreator<AppState, [], [], NetworkSlice> =>
  (set, get) => {
    function onProgress(event: ProgressEvent): void {
      const state = get().check
      if (state.kind !== 'running' || state.operationId !== event.operationId) return
      switch (event.type) {
        case 'phase':
          set({ check: { ...state, phase: event.phase, detail: event.detail } })
          return
        case 'probe':
          set({ check: { ...state, probes: upsertProbe(state.probes, event.probe) } })
          return
        default:
          // Events of other operations (discovery, sign-in) are not this slice's business.
          return
      }
    }

    return {
      check: { kind: 'idle' },

      async runCheck() {
        if (get().check.kind === 'running') return
        const api = getApi()
        if (!api) {
          set({ check: { kind: 'failed', error: noEngine, probes: [] } })
          return
        }
        const parsed = get().parsed
        const operationId = newOperationId('port25')
        set({ check: { kind: 'running', operationId, phase: null, detail: '', probes: [], cancelling: false } })
        const unsubscribe = api.onProgress(onProgress)
        try {
          const result = await api.checkPort25(parsed?.ok ? { operationId, address: parsed.value.address } : { operationId })
          const state = get().check
          if (state.kind !== 'running' || state.operationId !== operationId) return
          if (result.ok) set({ check: { kind: 'done', report: result.value } })
          else if (result.error.code === 'cancelled') set({ check: { kind: 'cancelled', probes: state.probes } })
          else set({ check: { kind: 'failed', error: result.error, probes: state.probes } })
        } catch (err) {
          set({ check: { kind: 'failed', error: bridgeError(err), probes: [] } })
        } finally {
          unsubscribe()
        }
      },

      async cancelCheck() {
        const state = get().check
        const api = getApi()
        if (state.kind !== 'running' || state.cancelling || !api) return
        set({ check: { ...state, cancelling: true } })
        // The check's own result (code `cancelled`) moves the state on; this only asks for it.
        await api.cancel({ operationId: state.operationId })
      },
    }
  }
