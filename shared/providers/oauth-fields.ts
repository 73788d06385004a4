// A provider's OAuth2 data as data (issue 13): where a desktop app sends the person to sign in,
// where it exchanges the code, which scopes each mail protocol needs, and whether the provider
// demands a client secret from desktop apps. Shared by the curated catalog, the bundled ISPDB and
// the organisation-defined providers in oauth-clients.json, so all three are checked alike.
import { z } from 'zod'

/** An https URL with no credentials and no fragment (RFC 6749 §3.1, §3.2). */
export const httpsEndpoint = z
  .url({ error: 'an endpoint must be a URL' })
  .refine((u) => u.startsWith('https://'), 'an endpoint must be an https URL')
  .refine((u) => !new URL(u).username && !new URL(u).password && !new URL(u).hash, 'an endpoint carries no user, password or #fragment')

const scope = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'a scope is printable ASCII without spaces, quotes or backslashes (RFC 6749 §3.3)')
  // The token lives for one attempt: no refresh token is asked for (issue 13).
  .refine((s) => s !== 'offline_access', 'offline_access is never asked for: ClearPort keeps no refresh token')

export const oauthServicesSchema = z.strictObject({
  imap: z.array(scope).min(1).optional(),
  pop3: z.array(scope).min(1).optional(),
  smtp: z.array(scope).min(1).optional(),
})
export type OAuthServices = z.infer<typeof oauthServicesSchema>

export const oauthProviderSchema = z.strictObject({
  /** The issuer as the provider names it (a URL, or the ISPDB's bare host name). */
  issuer: z.string().min(1).max(200),
  authorizationEndpoint: httpsEndpoint,
  tokenEndpoint: httpsEndpoint,
  scopes: oauthServicesSchema.refine((s) => Object.keys(s).length > 0, 'scopes name at least one service'),
  /** The provider gives desktop apps a secret that its token endpoint demands (Google does). */
  clientSecretRequired: z.boolean(),
  /** The provider's page where a person makes an app password (the route without OAuth). */
  appPasswordUrl: httpsEndpoint.optional(),
  /** Passwords (and app passwords) no longer work for mail programs: OAuth is the only route. */
  passwordsRefused: z.boolean().optional(),
  /** Where a developer registers a desktop client. */
  registrationUrl: httpsEndpoint.optional(),
})
export type OAuthProviderData = z.infer<typeof oauthProviderSchema>
