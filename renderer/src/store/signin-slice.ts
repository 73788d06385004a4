// Step 4: sign in with the chosen settings and send a test message to oneself, then (with an IMAP
// incoming server) read it back. The password lives here only until the attempt it was typed
// for has been made; it is never part of the state anything else reads or exports.
import type { StateCreator } from 'zustand/vanilla'
import type { Api, ApiError, SendStageProgress } from '@shared/contract'
import { sendReportParts as sendReportOf } from '@shared/export/send-report'
import type { ReportParts } from '@shared/export/report-types'
import type { SendRequest, SendResult } from '@shared/send'
import { cautionWords, endpointKey } from '@shared/discovery'
import { expandUsername } from '@shared/settings'
import type { AppState } from './app-state'
import { abandonOperation, cancelOperation, hasMethod, noEngine, runOperation, type ApiSource } from './operation'

/** One stage's progress: the contract's record (shared/vocabulary/send-stages.ts). */
export type StageProgress = SendStageProgress

export type SignInState =
  | { kind: 'unavailable' }
  | { kind: 'idle' }
  | { kind: 'running'; operationId: string; cancelling: boolean; stages: StageProgress[] }
  | { kind: 'done'; result: SendResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiError }

export type Running = Extract<SignInState, { kind: 'running' }>

/**
 * What belongs to one attempt only: the typed password and the person's yes to a cautioned server.
 * Spread into every update that leaves the attempt behind (another step, another server, a start).
 */
/** The running state with one send stage's latest progress in its place (a stage is listed once). */
export function withStage(running: Running, event: StageProgress): Running {
  const stage: StageProgress = { service: event.service, stage: event.stage, status: event.status, ms: event.ms, detail: event.detail }
  const index = running.stages.findIndex((s) => s.stage === stage.stage)
  return { ...running, stages: index === -1 ? [...running.stages, stage] : running.stages.map((s, i) => (i === index ? stage : s)) }
}

/**
 * The request the chosen settings make and the engine to send it; null when no test can start now
 * (one runs already, or the reason is now on screen as the failed state). `before` adds the
 * caller's own checks, made before the engine is asked for.
 */
export function prepareSend(
  get: () => AppState,
  set: (patch: Pick<AppState, 'signIn'>) => void,
  api: Api | null,
  before: (state: AppState) => ApiError | null = () => null,
): { request: SendRequest; api: Api } | null {
  if (get().signIn.kind === 'running') return null
  const refuse = (error: ApiError): null => {
    set({ signIn: { kind: 'failed', error } })
    return null
  }
  const request = sendRequestOf(get())
  if (typeof request === 'string') return refuse({ code: 'bad-input', message: request })
  const refused = before(get())
  if (refused !== null) return refuse(refused)
  return api === null ? refuse(noEngine) : { request, api }
}

/** The password test's own checks: the caution's explicit yes, then the password itself. */
function passwordChecks(state: AppState): ApiError | null {
  if (cautionsOf(state).length > 0 && !state.cautionAccepted) {
    return { code: 'bad-input', message: 'Confirm that ClearPort may send your password to this server, or choose another one.', field: 'caution' }
  }
  return state.password === '' ? { code: 'bad-input', message: 'Enter your password or app password.', field: 'password' } : null
}

export const forgetAttempt = { password: '', cautionAccepted: false } as const

/**
 * The chosen servers that only a forgeable channel named (shared/caution.ts), with the words to
 * accept. Pure over these four fields; a component selects them one by one and calls this (a
 * selector returning a fresh array would re-render forever).
 */
export function cautionsOf(state: Pick<AppState, 'discovery' | 'parsed' | 'chosen' | 'readBack'>): { host: string; words: string }[] {
  const discovery = state.discovery
  const parsed = state.parsed
  if (discovery.kind !== 'done' || !parsed?.ok) return []
  const chosen = [state.chosen.outgoing, state.readBack ? state.chosen.incoming : null]
  const out: { host: string; words: string }[] = []
  for (const pick of chosen) {
    if (pick === null) continue
    const found = [...discovery.report.incoming, ...discovery.report.outgoing].find((s) => endpointKey(s) === endpointKey(pick))
    if (found?.caution) out.push({ host: found.host, words: cautionWords(found.caution, found.host, parsed.value.asciiDomain) })
  }
  return out
}

export interface SignInSlice {
  signIn: SignInState
  password: string
  /** The person accepted, for this one attempt, signing in to a server only a forgeable channel named. */
  cautionAccepted: boolean
  setCautionAccepted(on: boolean): void
  /** Read the test message back from the incoming server (IMAP only). */
  readBack: boolean
  setPassword(text: string): void
  setReadBack(on: boolean): void
  refreshSignIn(): void
  runTestSend(): Promise<void>
  cancelTestSend(): Promise<void>
  /** A new address: a test running for the old one is stopped, its result and the attempt forgotten. */
  resetSignIn(): void
  /** The test send's part of a report (nothing until one ran). */
  sendReportParts(): Pick<ReportParts, 'send' | 'transcript'>
}

/** The request for the chosen servers, or why there is none. Never holds the password. */
export function sendRequestOf(state: AppState): SendRequest | string {
  const parsed = state.parsed
  const smtp = state.chosen.outgoing
  if (!parsed?.ok) return 'Enter your address first.'
  if (smtp === null) return 'Choose an outgoing server first.'
  const incoming = state.chosen.incoming
  const imap = incoming !== null && incoming.protocol === 'imap' ? { host: incoming.host, port: incoming.port, socket: incoming.socket } : null
  const address = parsed.value.address
  return {
    address,
    smtp: { host: smtp.host, port: smtp.port, socket: smtp.socket },
    imap,
    username: expandUsername(smtp.username, address),
    auth: 'password',
    mechanism: null,
    to: address,
    mode: 'send',
    readBack: state.readBack && imap !== null,
    deleteAfter: false,
    allowPlaintextAuth: false,
  }
}

export const createSignInSlice =
  (getApi: ApiSource): StateCreator<AppState, [], [], SignInSlice> =>
  (set, get) => ({
    signIn: { kind: 'idle' },
    ...forgetAttempt,
    readBack: true,

    setCautionAccepted(on) {
      set({ cautionAccepted: on })
    },

    setPassword(text) {
      set({ password: text })
    },
    setReadBack(on) {
      set({ readBack: on })
    },

    refreshSignIn() {
      const available = hasMethod(getApi(), 'testSend')
      const state = get().signIn
      if (!available) set({ signIn: { kind: 'unavailable' } })
      else if (state.kind === 'unavailable') set({ signIn: { kind: 'idle' } })
    },

    async runTestSend() {
      const ready = prepareSend(get, set, getApi(), passwordChecks)
      if (!ready) return
      const { request, api } = ready
      const password = get().password
      // The password leaves the store the moment it is handed to the call.
      await runOperation<SendResult, Running>(api, {
        prefix: 'send',
        start: (operationId) => set({ signIn: { kind: 'running', operationId, cancelling: false, stages: [] }, ...forgetAttempt }),
        current: () => get().signIn,
        call: (operationId) => api.testSend({ operationId, request, password }),
        progress(event, now) {
          if (event.type === 'send-stage') set({ signIn: withStage(now, event) })
        },
        settle: (outcome) => set({ signIn: outcome.kind === 'done' ? { kind: 'done', result: outcome.value } : outcome }),
      })
    },

    cancelTestSend: () => cancelOperation<Running>(getApi(), get().signIn, (signIn) => set({ signIn })),

    resetSignIn() {
      const state = get().signIn
      abandonOperation(getApi(), state)
      set({ signIn: state.kind === 'unavailable' ? state : { kind: 'idle' }, ...forgetAttempt })
    },

    sendReportParts() {
      // The shared report part (shared/export/send-report.ts): advice and warnings travel with it.
      const state = get().signIn
      return state.kind === 'done' ? sendReportOf(state.result) : {}
    },
  })
