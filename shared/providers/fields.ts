// The field checks both provider data files share (the curated catalog and the bundled ISPDB),
// and the one way their load errors name the first bad field.
import { z } from 'zod'

export const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$|^127\.0\.0\.1$/, 'a host must be a lower-case ASCII name (punycode for IDN)')

export const authMethod = z.enum(['password-cleartext', 'password-encrypted', 'OAuth2', 'GSSAPI', 'NTLM', 'none', 'client-IP-address', 'smtp-after-pop'])

export const username = z
  .string()
  .min(1)
  .max(320)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\x00-\x1f\x7f]+$/, 'a user name holds no control characters')

/** Parse, or throw `make(message)` naming the first bad field ("<what> invalid at a.b.0: why"). */
export function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, what: string, make: (message: string) => Error): T {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw make(`${what} invalid at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`)
}
