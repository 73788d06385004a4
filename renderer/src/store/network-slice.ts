// Step 2: the port-25 check. One discriminated union per run, so every view handles every case;
// progress events fill the probe grid live and stale events (another run's) are dropped.
import type { StateCreator } from 'zustand/vanilla'
import type { ApiError, ProgressEvent } from '@shared/contract'
import type { Port25Report, ProbeRecord } from '@shared/model'
import type { AppState } from './app-state'
import { abandonOperation, cancelOperation, noEngine, runOperation, type ApiSource } from './operation'

export type Phase = Extract<ProgressEvent, { type: 'phase' }>['phase']

export type CheckState =
  | { kind: 'idle' }
  | { kind: 'running'; operationId: string; phase: Phase | null; detail: string; probes: ProbeRecord[]; cancelling: boolean }
  | { kind: 'done'; report: Port25Report }
  | { kind: 'cancelled'; probes: ProbeRecord[] }
  | { kind: 'failed'; error: ApiError; probes: ProbeRecord[] }

type Running = Extract<CheckState, { kind: 'running' }>

export interface NetworkSlice {
  check: CheckState
  runCheck(): Promise<void>
  cancelCheck(): Promise<void>
  /** A new address: the check for the old one is stopped and forgotten. */
  resetNetwork(): void
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
  (set, get) => ({
    check: { kind: 'idle' },

    async runCheck() {
      if (get().check.kind === 'running') return
      const api = getApi()
      if (!api) {
        set({ check: { kind: 'failed', error: noEngine, probes: [] } })
        return
      }
      const parsed = get().parsed
      await runOperation<Port25Report, Running>(api, {
        prefix: 'port25',
        start: (operationId) => set({ check: { kind: 'running', operationId, phase: null, detail: '', probes: [], cancelling: false } }),
        current: () => get().check,
        call: (operationId) => api.checkPort25(parsed?.ok ? { operationId, address: parsed.value.address } : { operationId }),
        progress(event, now) {
          // Events of other kinds (discovery, sign-in) are not this slice's business.
          if (event.type === 'phase') set({ check: { ...now, phase: event.phase, detail: event.detail } })
          else if (event.type === 'probe') set({ check: { ...now, probes: upsertProbe(now.probes, event.probe) } })
        },
        settle(outcome, now) {
          switch (outcome.kind) {
            case 'done': return set({ check: { kind: 'done', report: outcome.value } })
            case 'cancelled': return set({ check: { kind: 'cancelled', probes: now.probes } })
            case 'failed': return set({ check: { kind: 'failed', error: outcome.error, probes: now.probes } })
          }
        },
      })
    },

    cancelCheck: () => cancelOperation<Running>(getApi(), get().check, (check) => set({ check })),

    resetNetwork() {
      abandonOperation(getApi(), get().check)
      set({ check: { kind: 'idle' } })
    },
  })
