// OAuth2 sign-in in the wizard (issue 13): which route the provider offers for the address, and
// the browser sign-in followed by the test send. The token never reaches the renderer: the main
// process signs in, sends and reads back, and returns the same SendResult a password test does,
// which lands in the sign-in slice's state so the one outcome view shows it.
import type { StateCreator } from 'zustand/vanilla'
import type { OAuthPhase, OAuthProblem, OAuthStatus, OAuthTestSendResult } from '@shared/oauth'
import type { AppState } from './app-state'
import { hasMethod, runOperation, type ApiSource } from './operation'
import { prepareSend, withStage, type Running } from './signin-slice'

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
  /** A new address: the provider's route is asked again. */
  resetOAuth(): void
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
      const ready = prepareSend(get, set, getApi())
      if (!ready) return
      const { request: base, api } = ready
      const request = { ...base, auth: 'oauth2' as const, mechanism: 'XOAUTH2' as const }
      const providerId = providerIdOf(get())
      try {
        await runOperation<OAuthTestSendResult, Running>(api, {
          prefix: 'oauth',
          start: (operationId) => set({ signIn: { kind: 'running', operationId, cancelling: false, stages: [] }, oauthProblem: null, oauthPhase: null, password: '' }),
          current: () => get().signIn,
          call: (operationId) => api.oauthTestSend({ operationId, request, ...(providerId !== undefined && { providerId }) }),
          progress(event, now) {
            if (event.type === 'oauth') set({ oauthPhase: { phase: event.phase, detail: event.detail } })
            if (event.type === 'send-stage') set({ signIn: withStage(now, event) })
          },
          settle(outcome) {
            if (outcome.kind !== 'done') set({ signIn: outcome })
            else if (outcome.value.kind === 'sent') set({ signIn: { kind: 'done', result: outcome.value.result } })
            else set({ signIn: { kind: 'idle' }, oauthProblem: outcome.value.problem })
          },
        })
      } finally {
        set({ oauthPhase: null })
      }
    },

    resetOAuth() {
      set({ oauthRoute: { kind: 'unknown' }, oauthProblem: null, oauthPhase: null })
    },

    async openAppPasswordPage() {
      const parsed = get().parsed
      const api = getApi()
      if (!parsed?.ok || !api || !hasMethod(api, 'oauthOpenPage')) return
      const providerId = providerIdOf(get())
      await api.oauthOpenPage({ address: parsed.value.address, page: 'app-passwords', ...(providerId !== undefined && { providerId }) }).catch(() => null)
    },
  })
