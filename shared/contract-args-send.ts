// The `testSend` argument: its schema and the rules between its fields (read-back needs an IMAP
// server, an access token needs auth "oauth2", ...). Messages name the field and never echo a
// value: the secret is one of the fields.
import { z } from 'zod'
import type { TestSendArgs } from './contract'
import type { OAuthTestSendArgs } from './oauth'
import type { SendEndpoint } from './send'
import { parseEmailAddress, parseHost } from './validate'
import { enumOf } from './vocabulary/schemas'
import { socketSecurities } from './vocabulary/socket-security'
import { authKinds, saslMechanisms, sendModes } from './vocabulary/sign-in'

const MAX_SECRET = 16_384

const endpoint = z.strictObject({
  host: z.string({ error: 'host must be a string' }).min(1, 'host must not be empty').max(1024, 'host is too long'),
  port: z.number({ error: 'port must be a number' }).int('port must be a whole number').min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535'),
  socket: enumOf(socketSecurities, 'socket must be'),
})

const secret = (name: string) =>
  z.string({ error: `${name} must be a string` }).min(1, `${name} must not be empty`).max(MAX_SECRET, `${name} is too long`).optional()

const operationId = z
  .string({ error: 'operationId must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'operationId must be 1–64 letters, digits, "-" or "_"')

const requestShape = z.strictObject({
    address: z.string({ error: 'address must be a string' }).max(320, 'address is too long'),
    smtp: endpoint,
    imap: endpoint.nullable(),
    username: z.string({ error: 'username must be a string' }).min(1, 'username must not be empty').max(320, 'username is too long'),
    auth: enumOf(authKinds, 'auth must be'),
    mechanism: enumOf(saslMechanisms, 'mechanism must be null or').nullable(),
    to: z.string({ error: 'to must be a string' }).max(320, 'to is too long'),
    mode: enumOf(sendModes, 'mode must be'),
    readBack: z.boolean({ error: 'readBack must be true or false' }),
    deleteAfter: z.boolean({ error: 'deleteAfter must be true or false' }),
    allowPlaintextAuth: z.boolean({ error: 'allowPlaintextAuth must be true or false' }),
})

const shape = z.strictObject({
  operationId,
  request: requestShape,
  password: secret('password'),
  accessToken: secret('accessToken'),
})

type Checked = { ok: true; value: TestSendArgs } | { ok: false; message: string; field: string }

/** The rules between fields, and the addresses and hosts in their normal form. */
function check(args: z.output<typeof shape>): Checked {
  const { request, password, accessToken } = args
  const bad = (message: string, field: string): Checked => ({ ok: false, message, field })
  const address = parseEmailAddress(request.address)
  if (!address.ok) return bad(address.message, 'request.address')
  const to = parseEmailAddress(request.to)
  if (!to.ok) return bad(to.message, 'request.to')
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(request.username)) return bad('username contains a control character', 'request.username')
  const host = (e: SendEndpoint, field: string): SendEndpoint | string => {
    const h = parseHost(e.host)
    return h.ok ? { ...e, host: h.value.host } : `${field}: ${h.message}`
  }
  const smtp = host(request.smtp, 'request.smtp.host')
  if (typeof smtp === 'string') return bad(smtp, 'request.smtp.host')
  const imap = request.imap === null ? null : host(request.imap, 'request.imap.host')
  if (typeof imap === 'string') return bad(imap, 'request.imap.host')
  if (request.readBack && imap === null) return bad('read-back needs the incoming (IMAP) server', 'request.imap')
  if (request.readBack && request.mode !== 'send') return bad('read-back needs a message to read: mode must be "send"', 'request.readBack')
  if (request.deleteAfter && !request.readBack) return bad('deleteAfter applies to a read-back message only', 'request.deleteAfter')
  if (request.mechanism === 'XOAUTH2' && request.auth !== 'oauth2') return bad('XOAUTH2 signs in with an access token: auth must be "oauth2"', 'request.mechanism')
  if (request.auth === 'oauth2' && request.mechanism !== null && request.mechanism !== 'XOAUTH2') {
    return bad('an access token signs in with XOAUTH2 only', 'request.mechanism')
  }
  const password_ = request.auth === 'password'
  const other = password_ ? accessToken : password
  if (other !== undefined) return bad(password_ ? 'give a password, not an access token, for auth "password"' : 'give an accessToken, not a password, for auth "oauth2"', password_ ? 'accessToken' : 'password')
  if ((password_ ? password : accessToken) === undefined) return bad(password_ ? 'password is missing' : 'accessToken is missing', password_ ? 'password' : 'accessToken')
  return { ok: true, value: { ...args, request: { ...request, address: address.value.address, to: to.value.address, smtp, imap } } }
}

export const testSendArgsSchema = shape.transform((args, ctx) => {
  const checked = check(args)
  if (checked.ok) return checked.value
  ctx.addIssue({ code: 'custom', message: checked.message, path: checked.field.split('.') })
  return z.NEVER
}) satisfies z.ZodType<TestSendArgs>

/** A provider id as the catalog and oauth-clients.json spell it. */
export const providerIdSchema = z
  .string({ error: 'providerId must be a string' })
  .min(1, 'providerId must not be empty')
  .max(253, 'providerId is too long')
  .regex(/^[a-z0-9.-]+$/, 'providerId is a lower-case provider id')

/**
 * The OAuth sign-in + test send: the same request and rules as testSend, but no secret from the
 * caller — the token comes from the browser sign-in in the main process and never crosses over.
 */
export const oauthTestSendArgsSchema = z
  .strictObject({ operationId, request: requestShape, providerId: providerIdSchema.optional() })
  .transform((args, ctx) => {
    const fail = (message: string, field: string): never => {
      ctx.addIssue({ code: 'custom', message, path: field.split('.') })
      return z.NEVER
    }
    if (args.request.auth !== 'oauth2') return fail('auth must be "oauth2" for an OAuth sign-in', 'request.auth')
    // A placeholder satisfies the secret rule; it is dropped below and never used.
    const checked = check({ operationId: args.operationId, request: args.request, accessToken: 'from-the-sign-in' })
    if (!checked.ok) return fail(checked.message, checked.field)
    return { operationId: args.operationId, request: checked.value.request, ...(args.providerId !== undefined && { providerId: args.providerId }) }
  }) satisfies z.ZodType<OAuthTestSendArgs>

/** The one secret a checked request carries (the schema made sure it is there and alone). */
export function suppliedSecret(args: TestSendArgs): string | undefined {
  return args.request.auth === 'password' ? args.password : args.accessToken
}
