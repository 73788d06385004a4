// PKCE (RFC 7636) with S256 and the `state` value (RFC 6749 §10.12), from the operating system's
// cryptographic random source. The verifier is 32 random bytes in base64url: 43 characters, the
// minimum length §4.1 allows and the entropy §7.1 asks for.
import { createHash, randomBytes } from 'node:crypto'

export interface Pkce {
  verifier: string
  challenge: string
  method: 'S256'
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: s256(verifier), method: 'S256' }
}

/** BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** An unguessable value binding the redirect to this one attempt. */
export function newState(): string {
  return randomBytes(24).toString('base64url')
}
