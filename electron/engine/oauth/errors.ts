// The one error the OAuth flow throws: a stable code from shared/oauth.ts and the provider's own
// words (cleaned) where it sent any. Cancel is never one of these: it stays an AbortError.
import type { OAuthProblemCode } from '@shared/oauth'

export class OAuthError extends Error {
  override readonly name = 'OAuthError'
  constructor(
    readonly code: OAuthProblemCode,
    message: string,
    /** What the provider said (`error: error_description`), or the evidence; null: nothing. */
    readonly detail: string | null = null,
  ) {
    super(message)
  }
}
