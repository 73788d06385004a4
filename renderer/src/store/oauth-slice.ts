// OAuth2 sign-in in the wizard (issue 13): which route the provider offers for the address, and
// the browser sign-in followed by the test send. The token never reaches the renderer: the main
// process signs in, sends and reads back, and returns the same SendResult a password test does,
// which lands in the sign-in slice's state so the one outcome view shows it.
import type { StateCreator } from 'zustand/vanilla'
import type { ProgressEvent } from '@shared/contract'
import type { OAuthPhase, OAuthProblem, OAuthStatus } from '@shared/oauth'
import type { AppState } from './app-state'
import { bridgeError, hasMethod, newOperationId, noEngine, type ApiSource } from './operation'
import { sendRequestOf, type StageProgress } from './signin-slice'

export type OAuthRoute =
  | { kind: 'unknown' }
  | { kind: 'loading'; key: string }
  | { kind: 'ready'; key: string; status: OAuthStatus }

export interface OAuthSlice {
  oauthRoute: OAuthRoute
  /** The OAuth part's own failure (consent denied, state mismatch, …); null: none. */
  oauthProblem: OAuthProblem | null
  /** Where the running browser sign-in is (null before it began or after it ended). */
  oauthPhase: { phase: OAuthPhase; detail: string } | null
  loadOAuthRoute(): Promise<void>
  runOAuthTestSend(): Promise<void>
  openAppPasswordPage(): Promise<void>
}

/** The provider discovery found, when it is an id the handlers take. */
function providerIdOf(state: AppState): string | undefined {
  const id = state.discovery.kind === 'done' ? state.discovery.report.recommended?.providerId : undefined
  return id !== undefined && /^[a-z0-9.-]{1,253}$/.test(id) ? id : undefined
}

export const createOAuthSlice =
  (getApi: ApiSource): StateCreator<AppState, [], [], OAuthSlice> =>
  (set, get) => ({
    oauthRoute: { kind: 'unknown' },
    oauthProblem: null,
    oauthPhase: null,

    async loadOAuthRoute() {
      const parsed = get().parsed
      const api = getApi()
      if (!parsed?.ok || !api || !hasMethod(api, 'oauthStatus')) return
      const address = parsed.value.address
      const providerId = providerIdOf(get())
      // Asked again when the address or the provider discovery found changes, never twice for one.
      const key = `${address} ${providerId ?? ''}`
      const now = get().oauthRoute
      if (now.kind !== 'unknown' && now.key === key) return
      set({ oauthRoute: { kind: 'loading', key } })
      const result = await api.oauthStatus({ address, ...(providerId !== undefined && { providerId }) }).catch(() => null)
      const current = get().oauthRoute
      if (current.kind !== 'loading' || current.key !== key) return
      set({ oauthRoute: result?.ok ? { kind: 'ready', key, status: result.value } : { kind: 'unknown' } })
    },

    async runOAuthTestSend() {
      if (get().signIn.kind === 'running') return
      const base = sendRequestOf(get())
      if (typeof base === 'string') {
        set({ signIn: { kind: 'failed', error: { code: 'bad-input', message: base } } })
        return
      }
      const api = getApi()
      if (!api) {
        set({ signIn: { kind: 'failed', error: noEngine } })
        return
      }
      const request = { ...base, auth: 'oauth2' as const, mechanism: 'XOAUTH2' as const }
      const operationId = newOperationId('oauth')
      set({ signIn: { kind: 'running', operationId, cancelling: false, stages: [] }, oauthProblem: null, oauthPhase: null, password: '' })
      const onProgress = (event: ProgressEvent): void => {
        const now = get().signIn
        if (now.kind !== 'running' || now.operationId !== event.operationId) return
        if (event.type === 'oauth') set({ oauthPhase: { phase: event.phase, detail: event.detail } })
        if (event.type !== 'send-stage') return
        const stage: StageProgress = { service: event.service, stage: event.stage, status: event.status, ms: event.ms, detail: event.detail }
        const index = now.stages.findIndex((s) => s.stage === stage.stage)
        set({ signIn: { ...now, stages: index === -1 ? [...now.stages, stage] : now.stages.map((s, i) => (i === index ? stage : s)) } })
      }
      const unsubscribe = api.onProgress(onProgress)
      try {
        const providerId = providerIdOf(get())
        const result = await api.oauthTestSend({ operationId, request, ...(providerId !== undefined && { providerId }) })
        const now = get().signIn
        if (now.kind !== 'running' || now.operationId !== operationId) return
        if (!result.ok) set({ signIn: result.error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error: result.error } })
        else if (result.value.kind === 'sent') set({ signIn: { kind: 'done', result: result.value.result } })
        else set({ signIn: { kind: 'idle' }, oauthProblem: result.value.problem })
      } catch (err) {
        set({ signIn: { kind: 'failed', error: bridgeError(err) } })
      } finally {
        unsubscribe()
        set({ oauthPhase: null })
      }
    },

    async openAppPasswordPage() {
      const parsed = get().parsed
      const api = getApi()
      if (!parsed?.ok || !api || !hasMethod(api, 'oauthOpenPage')) return
      const providerId = providerIdOf(get())
      await api.oauthOpenPage({ address: parsed.value.address, page: 'app-passwords', ...(providerId !== undefined && { providerId }) }).catch(() => null)
    },
  })
