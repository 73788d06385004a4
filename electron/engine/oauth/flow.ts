// The native-app sign-in (RFC 8252): PKCE S256 and state from crypto random, the provider's
// authorization page opened in the person's own browser (by the caller's opener, after the URL
// was checked against the configured endpoint), the redirect received on 127.0.0.1, state and
// the provider's answer checked, the code exchanged at the token endpoint. The token is handed to
// the mail code inside a credentials provider (send/credentials.ts) and lives in memory for the
// one attempt; no refresh token is asked for. Every wait has a deadline, Cancel is the signal.
import { timingSafeEqual } from 'node:crypto'
import { BROWSER_WAIT_MS, oauthErrorDetail, scopesFor, type OAuthPhase, type OAuthServices } from '@shared/oauth'
import { DnsClient } from '../net/dns'
import { suppliedAccessToken, type OAuth2Credentials } from '../send/credentials'
import { authorizationUrl, checkAuthorizationUrl } from './authorize-url'
import type { ClientRegistration } from './config'
import { OAuthError } from './errors'
import { listenForRedirect } from './loopback'
import { newPkce, newState } from './pkce'
import type { OAuthProvider } from './providers'
import { requestToken } from './token'

export interface OAuthSignInOptions {
  /** The person's address: the login hint. */
  address: string
  /** The sign-in name for SMTP and IMAP. */
  user: string
  provider: OAuthProvider
  client: ClientRegistration
  services: (keyof OAuthServices)[]
  /** Opens the checked https URL in the person's browser (shell.openExternal, xdg-open, a test page). */
  open: (url: string) => Promise<void> | void
  dnsServer?: string
  ca?: string[]
  signal?: AbortSignal
  /** The person's time in the browser (default 5 minutes). */
  browserMs?: number
  /** The token exchange, whole (default 30 s). */
  tokenMs?: number
  onPhase?: (phase: OAuthPhase, detail: string) => void
}

export const DEFAULT_BROWSER_MS = BROWSER_WAIT_MS
export const DEFAULT_TOKEN_MS = 30_000

const sameText = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export async function oauthSignIn(options: OAuthSignInOptions): Promise<OAuth2Credentials> {
  const signal = options.signal ?? new AbortController().signal
  const { provider, client } = options
  const scopes = scopesFor(provider.oauth2.scopes, options.services)
  if (scopes.length === 0) throw new OAuthError('scope-missing', `${provider.name}'s data names no scope for ${options.services.join(' and ')}`)
  const pkce = newPkce()
  const state = newState()
  const browserMs = options.browserMs ?? DEFAULT_BROWSER_MS
  const redirect = await listenForRedirect({ deadlineMs: browserMs, signal })
  try {
    const url = authorizationUrl({ provider: provider.oauth2, clientId: client.clientId, redirectUri: redirect.redirectUri, scopes, state, codeChallenge: pkce.challenge, loginHint: options.address })
    checkAuthorizationUrl(url, provider.oauth2)
    options.onPhase?.('browser', url)
    await options.open(url)
    const params = await redirect.received
    const got = params.get('state')
    if (got === null || !sameText(got, state)) throw new OAuthError('state-mismatch', 'the redirect carried another state than this sign-in')
    const error = params.get('error')
    if (error !== null) {
      const detail = oauthErrorDetail(error, params.get('error_description'))
      const code = error === 'access_denied' ? 'consent-denied' : error === 'invalid_scope' ? 'scope-missing' : 'authorization-error'
      throw new OAuthError(code, `the provider answered ${error.slice(0, 60)}`, detail)
    }
    // RFC 9207: where the provider names itself, it must be the issuer configured (mix-up defence).
    const iss = params.get('iss')
    if (iss !== null && /^https:/.test(provider.oauth2.issuer) && iss !== provider.oauth2.issuer) {
      throw new OAuthError('authorization-error', 'the answer names another issuer than the configured one', `iss ${iss.slice(0, 200)}`)
    }
    const code = params.get('code')
    if (code === null || code === '' || code.length > 4096) throw new OAuthError('authorization-error', 'the redirect carried no authorization code')
    options.onPhase?.('exchange', new URL(provider.oauth2.tokenEndpoint).host)
    const token = await requestToken({
      tokenEndpoint: provider.oauth2.tokenEndpoint,
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect.redirectUri,
        client_id: client.clientId,
        code_verifier: pkce.verifier,
        ...(client.clientSecret !== undefined && { client_secret: client.clientSecret }),
      },
      dns: new DnsClient({ server: options.dnsServer }),
      ...(options.ca && { ca: options.ca }),
      signal,
      timeoutMs: options.tokenMs ?? DEFAULT_TOKEN_MS,
    })
    if (token.scope !== null) {
      const missing = scopes.filter((s) => !token.scope!.includes(s))
      if (missing.length > 0) throw new OAuthError('scope-missing', 'the token lacks a scope mail needs', `not granted: ${missing.join(' ')}`)
    }
    options.onPhase?.('signed-in', provider.name)
    return suppliedAccessToken(options.user, token.accessToken)
  } finally {
    redirect.close()
  }
}
