// The OAuth2 methods of the contract (shared/oauth.ts), free of Electron like handlers.ts: what
// the wizard may offer for an address, the browser sign-in followed by the test send (the token
// stays in this process for that one attempt and never crosses to the renderer), and opening a
// provider's configured page. URLs reach the opener only after checkAuthorizationUrl (the
// configured https authorization endpoint) or as the provider data's own https page.
import type { ApiError, Handlers, Result } from '@shared/contract'
import { badInput, oauthOpenPageArgsSchema, oauthStatusArgsSchema, oauthTestSendArgsSchema } from '@shared/contract-args'
import { oauthProblem, type OAuthOpenPageArgs, type OAuthStatus, type OAuthStatusArgs, type OAuthTestSendArgs, type OAuthTestSendResult } from '@shared/oauth'
import { parseEmailAddress } from '@shared/validate'
import { checkAuthorizationUrl } from '../engine/oauth/authorize-url'
import { OAuthConfigError, clientFor, loadOAuthConfig, type OAuthConfig } from '../engine/oauth/config'
import { OAuthError } from '../engine/oauth/errors'
import { explainTokenRefusal } from '../engine/oauth/explain'
import { oauthSignIn } from '../engine/oauth/flow'
import { oauthProviderFor, type OAuthProvider } from '../engine/oauth/providers'
import { createRedactor } from '../engine/send/redact'
import { testSend, type TestSendOptions } from '../engine/send/run'
import { failure, handle, type Emit } from './handle'
import type { Operations } from './operations'

export interface OAuthDeps {
  /** The folder holding oauth-clients.json (Electron's userData). */
  configDir: string
  /** Opens an https URL in the person's browser (shell.openExternal; a new page in the harness). */
  openExternal(url: string): Promise<void>
  /** The person's time in the browser (default 5 minutes); tests shorten it. */
  browserMs?: number
}

export interface OAuthHandlerContext {
  oauth: OAuthDeps | undefined
  operations: Operations
  dnsServer?: string
  ca?: string[]
  testSendOptions?: Pick<TestSendOptions, 'smtpTimeouts' | 'imapTimeouts' | 'readBackWaitMs' | 'pollMs'>
}

const bad = (message: string, field?: string): { ok: false; error: ApiError } => ({ ok: false, error: badInput(message, field) })

/** An OAuth configuration file that cannot be read is the person's to fix, in words; anything else is a bug. */
function failed(err: unknown): ApiError {
  if (err instanceof OAuthConfigError) return badInput(err.message)
  return failure('The OAuth sign-in failed unexpectedly:', err)
}

interface Resolved {
  config: OAuthConfig
  provider: OAuthProvider | null
}

async function resolve(context: OAuthHandlerContext, address: string, id: string | undefined): Promise<Resolved | { ok: false; error: ApiError }> {
  const email = parseEmailAddress(address)
  if (!email.ok) return bad(email.message, 'address')
  if (!context.oauth) return { ok: false, error: { code: 'not-available', message: 'OAuth sign-in is not set up in this window.' } }
  const config = await loadOAuthConfig(context.oauth.configDir)
  return { config, provider: await oauthProviderFor(email.value.asciiDomain, config, id ?? null) }
}

export function createOAuthHandlers(context: OAuthHandlerContext): Pick<Handlers, 'oauthStatus' | 'oauthTestSend' | 'oauthOpenPage'> {
  async function status(args: OAuthStatusArgs): Promise<Result<OAuthStatus>> {
    const found = await resolve(context, args.address, args.providerId)
    if ('ok' in found) return found
    const { config, provider } = found
    if (!provider) return { ok: true, value: { provider: null, configured: false, missing: null, appPasswordUrl: null, passwordsRefused: false } }
    let missing: string | null = null
    try {
      if (!clientFor(config, provider.id, provider.oauth2)) {
        missing = `ClearPort has no client registration for ${provider.name}. Add one (a client ID${provider.oauth2.clientSecretRequired ? ' and its secret' : ''} you registered with ${provider.name} for a desktop app) under "clients" → "${provider.id}" in ${config.file}.`
      }
    } catch (error) {
      if (!(error instanceof OAuthConfigError)) throw error
      missing = error.message
    }
    return {
      ok: true,
      value: {
        provider: { id: provider.id, name: provider.name },
        configured: missing === null,
        missing,
        appPasswordUrl: provider.oauth2.appPasswordUrl ?? null,
        passwordsRefused: provider.oauth2.passwordsRefused ?? false,
      },
    }
  }

  async function run(args: OAuthTestSendArgs, emit: Emit): Promise<Result<OAuthTestSendResult>> {
    // The request was checked like testSend's; the token comes from the sign-in, never the caller.
    const { operationId, request } = args
    const found = await resolve(context, request.address, args.providerId)
    if ('ok' in found) return found
    const { config, provider } = found
    if (!provider) return { ok: true, value: { kind: 'oauth-failed', problem: oauthProblem('provider-unknown', request.address) } }
    const oauth = context.oauth!
    // The token's forms, kept only to take them out of an error message (as testSend does with the password).
    let secrets: string[] = []
    const outcome = await context.operations.run(operationId, emit, async ({ signal, forward }): Promise<OAuthTestSendResult> => {
      try {
        const client = clientFor(config, provider.id, provider.oauth2)
        if (!client) return { kind: 'oauth-failed', problem: oauthProblem('client-missing', provider.name) }
        const credentials = await oauthSignIn({
          address: request.address,
          user: request.username,
          provider,
          client,
          services: ['smtp', ...(request.readBack ? (['imap'] as const) : [])],
          signal,
          ...(oauth.browserMs !== undefined && { browserMs: oauth.browserMs }),
          ...(context.dnsServer !== undefined && { dnsServer: context.dnsServer }),
          ...(context.ca !== undefined && { ca: context.ca }),
          open: (url) => oauth.openExternal(checkAuthorizationUrl(url, provider.oauth2).href),
          // The renderer learns where the person signs in, never the URL's state or challenge.
          onPhase: (phase, detail) => forward({ type: 'oauth', at: Date.now(), operationId, phase, detail: phase === 'browser' ? new URL(detail).host : detail }),
        })
        secrets = credentials.secrets()
        try {
          const result = await testSend({
            ...context.testSendOptions,
            request: { ...request, mechanism: 'XOAUTH2' },
            credentials,
            signal,
            ...(context.dnsServer !== undefined && { dnsServer: context.dnsServer }),
            ...(context.ca !== undefined && { ca: context.ca }),
            onProgress: (e) => forward({ type: 'send-stage', ...e, at: Date.now(), operationId }),
          })
          return { kind: 'sent', result: explainTokenRefusal(result, provider.name) }
        } finally {
          credentials.dispose()
        }
      } catch (error) {
        if (error instanceof OAuthError) return { kind: 'oauth-failed', problem: oauthProblem(error.code, provider.name, error.detail ?? error.message) }
        if (error instanceof OAuthConfigError) return { kind: 'oauth-failed', problem: oauthProblem('config-invalid', provider.name, error.message) }
        throw error
      }
    })
    return outcome.ok ? outcome : { ok: false, error: { ...outcome.error, message: createRedactor(request.username, secrets)(outcome.error.message) } }
  }

  async function openPage(args: OAuthOpenPageArgs): Promise<Result<{ opened: true }>> {
    const found = await resolve(context, args.address, args.providerId)
    if ('ok' in found) return found
    const url = found.provider?.oauth2.appPasswordUrl
    if (!url) return bad('this provider has no app-password page in ClearPort\'s data', 'page')
    await context.oauth!.openExternal(url)
    return { ok: true, value: { opened: true } }
  }

  return {
    oauthStatus: handle<'oauthStatus'>({ args: oauthStatusArgsSchema, failed, run: status }),
    oauthTestSend: handle<'oauthTestSend'>({ args: oauthTestSendArgsSchema, failed, run }),
    oauthOpenPage: handle<'oauthOpenPage'>({ args: oauthOpenPageArgsSchema, failed, run: openPage }),
  }
}
