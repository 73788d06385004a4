// OAuth2 sign-in (RFC 8252 native-app flow with PKCE, RFC 7636): what the renderer, the CLI and
// the engine share — the problem codes with their words, what the wizard is told about a
// provider's OAuth route, and the decoding of a mail server's XOAUTH2 error reply. No I/O.
import type { OAuthServices } from './providers/oauth-fields'
import type { SendRequest, SendResult } from './send'

export type { OAuthProviderData, OAuthServices } from './providers/oauth-fields'

/** Every way the OAuth part of a sign-in can fail, before a mail server saw any token. */
export const oauthProblemCodes = [
  /** No client registration for this provider in the configuration (file or environment). */
  'client-missing',
  /** The provider has no OAuth data in ClearPort's provider data. */
  'provider-unknown',
  /** The configuration file is there but not valid. */
  'config-invalid',
  /** The person (or the provider) said no on the consent page: `error=access_denied`. */
  'consent-denied',
  /** The provider refused the scopes asked for (`invalid_scope`), or granted fewer than mail needs. */
  'scope-missing',
  /** Any other `error=` the provider sent back to the redirect. */
  'authorization-error',
  /** The redirect carried another `state` than this attempt's: not ours, refused (RFC 6749 §10.12). */
  'state-mismatch',
  /** The redirect never came within the deadline (browser closed, wrong account picker, …). */
  'redirect-timeout',
  /** The token endpoint answered with an OAuth error (`invalid_grant`, `invalid_client`, …). */
  'token-endpoint-error',
  /** The token endpoint's answer was no usable token response (not JSON, no token, not Bearer). */
  'token-endpoint-garbage',
  /** The token endpoint did not finish its answer in time (silent, or trickling). */
  'token-endpoint-timeout',
  /** The token endpoint could not be reached or its certificate was not valid. */
  'token-endpoint-unreachable',
  /** The authorization URL to open is not the provider's configured https endpoint. */
  'unsafe-url',
] as const
export type OAuthProblemCode = (typeof oauthProblemCodes)[number]

export interface OAuthProblem {
  code: OAuthProblemCode
  /** One sentence: what went wrong. */
  title: string
  /** One paragraph a person can act on. */
  advice: string
  /** What the provider said (its `error` and `error_description`, cleaned and clipped); null: none. */
  detail: string | null
}

/** What the wizard needs to offer (or explain) the OAuth route for one address. */
export interface OAuthStatus {
  /** The provider with OAuth data that serves the address; null: none known. */
  provider: { id: string; name: string } | null
  /** A client registration is configured: the "Sign in with …" button can be shown. */
  configured: boolean
  /** When not configured: what is missing, in plain words (names the file and variable). */
  missing: string | null
  /** The provider's page for app passwords (the route without OAuth), if it has one. */
  appPasswordUrl: string | null
  /** The provider turned passwords off for mail programs: OAuth is the only route. */
  passwordsRefused: boolean
}

export interface OAuthStatusArgs {
  address: string
  /** The provider discovery found (custom domains at Google or Microsoft are known by MX). */
  providerId?: string
}

/** Open one of the provider's configured pages in the person's browser (https, from the data only). */
export interface OAuthOpenPageArgs extends OAuthStatusArgs {
  page: 'app-passwords'
}

/** Run the browser sign-in, then the test send with the token (never sent to the renderer). */
export interface OAuthTestSendArgs {
  operationId: string
  request: SendRequest
  providerId?: string
}

export type OAuthTestSendResult =
  | { kind: 'sent'; result: SendResult }
  | { kind: 'oauth-failed'; problem: OAuthProblem }

/** Progress of the OAuth part, before the send stages begin. */
/** How long the person has in the browser before the redirect is given up (engine, CLI and screen say the same). */
export const BROWSER_WAIT_MS = 300_000

export const oauthPhases = ['browser', 'exchange', 'signed-in'] as const
export type OAuthPhase = (typeof oauthPhases)[number]

/** The scopes for the services one attempt uses, once each, in the provider's order. */
export function scopesFor(scopes: OAuthServices, services: readonly (keyof OAuthServices)[]): string[] {
  const out: string[] = []
  for (const service of services) for (const scope of scopes[service] ?? []) if (!out.includes(scope)) out.push(scope)
  return out
}

// eslint-disable-next-line no-control-regex
const clean = (text: string, max = 300): string => text.replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, ' ').trim().slice(0, max)

/** The provider's own error words, made printable (they come from a redirect anyone can craft). */
export function oauthErrorDetail(error: string | null, description: string | null): string | null {
  if (!error && !description) return null
  return clean([error, description].filter(Boolean).join(': '))
}

const WORDS: Record<OAuthProblemCode, (provider: string) => { title: string; advice: string }> = {
  'client-missing': (p) => ({
    title: `ClearPort has no OAuth client registration for ${p}.`,
    advice: `Signing in with ${p} needs a client ID registered with ${p} for a desktop app. ClearPort ships none of its own and never borrows another program's. Add yours to oauth-clients.json in ClearPort's configuration folder (or, for the command line, set the environment variable named below), or use an app password if ${p} offers one.`,
  }),
  'provider-unknown': () => ({
    title: 'ClearPort knows no OAuth sign-in for this provider.',
    advice: 'Use the password (or app password) your provider gives for mail programs, or add the provider to oauth-clients.json with its authorization and token endpoints.',
  }),
  'config-invalid': () => ({
    title: 'The OAuth configuration file is not valid.',
    advice: 'Correct the field named below in oauth-clients.json, or remove the file.',
  }),
  'consent-denied': (p) => ({
    title: `The sign-in at ${p} was declined.`,
    advice: `${p} reported that access was not granted (the consent page was declined or closed). Start again and choose Allow, or use an app password.`,
  }),
  'scope-missing': (p) => ({
    title: `${p} did not grant access to mail.`,
    advice: `The permission for mail (IMAP/SMTP) was refused or not granted. Start again and allow mail access; if ${p} never offers it, the client registration may lack the mail permission.`,
  }),
  'authorization-error': (p) => ({
    title: `${p} refused the sign-in request.`,
    advice: `${p} sent an error back instead of a sign-in (its words are below). Often the client registration does not allow this kind of app or redirect; check it at ${p}'s developer console.`,
  }),
  'state-mismatch': () => ({
    title: 'The browser came back with an answer that does not belong to this sign-in.',
    advice: 'Its state value did not match, so it was refused (it may come from an older attempt or another page). Start the sign-in again and finish it in the browser tab that opens.',
  }),
  'redirect-timeout': (p) => ({
    title: `The sign-in at ${p} did not come back in time.`,
    advice: 'The browser never returned to ClearPort. Start again and finish the sign-in in the tab that opens; if the browser shows an error page, its words say why.',
  }),
  'token-endpoint-error': (p) => ({
    title: `${p} refused to hand out the access token.`,
    advice: `The sign-in worked, but exchanging it for a token failed (its words are below). "invalid_client" means the client ID or secret is wrong; "invalid_grant" that the sign-in expired or was used already — start again.`,
  }),
  'token-endpoint-garbage': (p) => ({
    title: `${p}'s token endpoint answered with something that is not a token.`,
    advice: 'The answer was not the JSON an OAuth token endpoint sends. A proxy or captive portal may be in the way, or the configured token endpoint is wrong.',
  }),
  'token-endpoint-timeout': (p) => ({
    title: `${p}'s token endpoint did not answer in time.`,
    advice: 'The exchange of the sign-in for a token did not finish. Check the network (or proxy) and start again.',
  }),
  'token-endpoint-unreachable': (p) => ({
    title: `${p}'s token endpoint could not be reached safely.`,
    advice: 'ClearPort could not open a verified https connection to the token endpoint (details below). Check the network, or the certificate the network presents.',
  }),
  'unsafe-url': () => ({
    title: 'The sign-in page was not opened: its address is not the provider\'s configured one.',
    advice: 'ClearPort opens only the https authorization endpoint configured for the provider. Check oauth-clients.json.',
  }),
}

export function oauthProblem(code: OAuthProblemCode, providerName: string, detail: string | null = null): OAuthProblem {
  const words = WORDS[code](providerName)
  return { code, ...words, detail: detail === null ? null : clean(detail, 500) }
}

/** What a mail server's XOAUTH2 / OAUTHBEARER challenge said (RFC 7628 §3.2.2 JSON). */
export interface BearerChallenge {
  status: string | null
  scope: string | null
  schemes: string | null
}

/**
 * Decode a server's `334 <base64 JSON>` (SMTP) or `+ <base64 JSON>` (IMAP) challenge after a
 * refused token. Null when the text is no such challenge.
 */
export function decodeBearerChallenge(line: string): BearerChallenge | null {
  const match = /^(?:334|\+)\s+([A-Za-z0-9+/=]{8,})\s*$/.exec(line.trim())
  if (!match?.[1]) return null
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0))))
    if (json === null || typeof json !== 'object') return null
    const field = (name: string): string | null => {
      const value = (json as Record<string, unknown>)[name]
      return typeof value === 'string' ? clean(value, 200) : null
    }
    return { status: field('status'), scope: field('scope'), schemes: field('schemes') }
  } catch {
    return null
  }
}

/** The words for a token the mail server refused, from its decoded challenge. */
export function tokenRefusedAdvice(challenge: BearerChallenge, providerName: string): string {
  if (challenge.status === '403' || challenge.status === 'insufficient_scope') {
    return `The server accepted the token's form but says it lacks the permission${challenge.scope ? ` "${challenge.scope}"` : ''} (status ${challenge.status}). Sign in again and allow mail access, or check the scopes configured for ${providerName}.`
  }
  return `The server refused the access token (status ${challenge.status ?? 'unknown'}${challenge.scope ? `, it wants the scope "${challenge.scope}"` : ''}). The token may have expired or been issued for another account or app; sign in again with ${providerName}.`
}
