// The authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3) built from the provider's
// data, and the one check every opener applies before a URL reaches a browser: https, and the
// provider's configured authorization endpoint exactly (origin and path), so a page or a bad
// configuration cannot make ClearPort open anything else.
import type { OAuthProviderData } from '@shared/oauth'
import { OAuthError } from './errors'

export interface AuthorizationRequest {
  provider: OAuthProviderData
  clientId: string
  redirectUri: string
  scopes: string[]
  state: string
  codeChallenge: string
  /** The address, so the provider can preselect the account (Google and Microsoft read it). */
  loginHint?: string
}

export function authorizationUrl(request: AuthorizationRequest): string {
  const url = new URL(request.provider.authorizationEndpoint)
  const params = url.searchParams
  params.set('response_type', 'code')
  params.set('client_id', request.clientId)
  params.set('redirect_uri', request.redirectUri)
  params.set('scope', request.scopes.join(' '))
  params.set('state', request.state)
  params.set('code_challenge', request.codeChallenge)
  params.set('code_challenge_method', 'S256')
  if (request.loginHint) params.set('login_hint', request.loginHint)
  return url.href
}

/** Throws unless `url` is https and on the provider's configured authorization endpoint. */
export function checkAuthorizationUrl(url: string, provider: OAuthProviderData): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new OAuthError('unsafe-url', 'the sign-in address is not a URL')
  }
  const configured = new URL(provider.authorizationEndpoint)
  if (parsed.protocol !== 'https:' || parsed.origin !== configured.origin || parsed.pathname !== configured.pathname || parsed.username || parsed.password) {
    throw new OAuthError('unsafe-url', `refused to open ${parsed.origin}${parsed.pathname}: it is not the configured authorization endpoint ${configured.origin}${configured.pathname}`)
  }
  return parsed
}
