// Where a secret comes from. Today the person supplies it (the app's password field, the CLI's
// stdin or environment); a built-in OAuth2 sign-in later implements the same interface and can
// renew a token when the server refuses it, without touching the SMTP or IMAP code.
//
// A provider holds its secret in a closure, hands it out only to the one sign-in it is for, and
// forgets it on dispose(): the password lives in memory for that one attempt (design.md).

export interface PasswordCredentials {
  readonly kind: 'password'
  readonly user: string
  /** The password; throws once disposed. */
  password(): string
  /** Every form of the secret that must never appear in output (see redact.ts). */
  secrets(): string[]
  dispose(): void
}

export interface OAuth2Credentials {
  readonly kind: 'oauth2'
  readonly user: string
  /**
   * An access token. `renew` is true when the server refused the last one: a provider that can
   * refresh (a future built-in sign-in) returns a new token; a supplied token has nothing to renew
   * with and returns the same one, so the server's refusal is what the person sees.
   */
  accessToken(renew: boolean, signal?: AbortSignal): Promise<string>
  secrets(): string[]
  dispose(): void
}

export type CredentialsProvider = PasswordCredentials | OAuth2Credentials

export class CredentialsDisposedError extends Error {
  override readonly name = 'CredentialsDisposedError'
  constructor() {
    super('the password or token was already used and forgotten')
  }
}

/** CR, LF and NUL in a user name would reach the wire inside SASL: refuse them (field-notes.md). */
function checkUser(user: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(user)) throw new RangeError('the user name contains a control character')
  if (user.length === 0 || user.length > 320) throw new RangeError('the user name must be 1–320 characters')
}

/** A secret held for one attempt: handed out until dispose(), then forgotten. */
function held(user: string, value: string): { take: () => string; secrets: () => string[]; dispose: () => void } {
  checkUser(user)
  let secret: string | null = value
  return {
    take: () => {
      if (secret === null) throw new CredentialsDisposedError()
      return secret
    },
    secrets: () => (secret === null ? [] : [secret]),
    dispose: () => {
      secret = null
    },
  }
}

/** A password the person typed or piped in. */
export function suppliedPassword(user: string, password: string): PasswordCredentials {
  const secret = held(user, password)
  return { kind: 'password', user, password: secret.take, secrets: secret.secrets, dispose: secret.dispose }
}

/** An OAuth2 access token the person obtained elsewhere (XOAUTH2; nodemailer has no OAUTHBEARER). */
export function suppliedAccessToken(user: string, token: string): OAuth2Credentials {
  const secret = held(user, token)
  return { kind: 'oauth2', user, accessToken: async () => secret.take(), secrets: secret.secrets, dispose: secret.dispose }
}
