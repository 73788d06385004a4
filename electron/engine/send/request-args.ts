// The `testSend` contract argument, checked strictly at the boundary (it arrives untrusted from the
// renderer). Messages name the field and never echo a value: the secret is one of the fields.
import { z } from 'zod'
import type { SendEndpoint, SendRequest } from '@shared/send'
import { parseEmailAddress, parseHost } from '@shared/validate'

const MAX_SECRET = 16_384

const endpoint = z.strictObject({
  host: z.string({ error: 'host must be a string' }).min(1, 'host must not be empty').max(1024, 'host is too long'),
  port: z.number({ error: 'port must be a number' }).int('port must be a whole number').min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535'),
  socket: z.enum(['SSL', 'STARTTLS', 'plain'], { error: 'socket must be SSL, STARTTLS or plain' }),
})

const schema = z.strictObject({
  operationId: z
    .string({ error: 'operationId must be a string' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'operationId must be 1–64 letters, digits, "-" or "_"'),
  request: z.strictObject({
    address: z.string({ error: 'address must be a string' }).max(320, 'address is too long'),
    smtp: endpoint,
    imap: endpoint.nullable(),
    username: z.string({ error: 'username must be a string' }).min(1, 'username must not be empty').max(320, 'username is too long'),
    auth: z.enum(['password', 'oauth2'], { error: 'auth must be "password" or "oauth2"' }),
    mechanism: z.enum(['PLAIN', 'LOGIN', 'XOAUTH2'], { error: 'mechanism must be PLAIN, LOGIN, XOAUTH2 or null' }).nullable(),
    to: z.string({ error: 'to must be a string' }).max(320, 'to is too long'),
    mode: z.enum(['check', 'send'], { error: 'mode must be "check" or "send"' }),
    readBack: z.boolean({ error: 'readBack must be true or false' }),
    deleteAfter: z.boolean({ error: 'deleteAfter must be true or false' }),
    allowPlaintextAuth: z.boolean({ error: 'allowPlaintextAuth must be true or false' }),
  }),
  password: z.string({ error: 'password must be a string' }).min(1, 'password must not be empty').max(MAX_SECRET, 'password is too long').optional(),
  accessToken: z.string({ error: 'accessToken must be a string' }).min(1, 'accessToken must not be empty').max(MAX_SECRET, 'accessToken is too long').optional(),
})

export type ParsedTestSend =
  | { ok: true; value: { operationId: string; request: SendRequest; secret: string } }
  | { ok: false; message: string; field?: string }

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

export function parseTestSendArgs(args: unknown): ParsedTestSend {
  const parsed = schema.safeParse(args)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (!issue) return { ok: false, message: 'The request was not understood.' }
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => clip(k, 64))
      return { ok: false, message: `Unknown field: ${clip(keys.join(', '), 200)}`, ...(keys[0] !== undefined && { field: [...issue.path.map(String), keys[0]].join('.') }) }
    }
    const field = issue.path.map(String).join('.')
    return field === '' ? { ok: false, message: 'The request must be an object with the documented fields.' } : { ok: false, message: issue.message, field }
  }
  const { operationId, request, password, accessToken } = parsed.data
  const bad = (message: string, field: string): ParsedTestSend => ({ ok: false, message, field })
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
  const secret = request.auth === 'password' ? password : accessToken
  const other = request.auth === 'password' ? accessToken : password
  if (other !== undefined) return bad(request.auth === 'password' ? 'give a password, not an access token, for auth "password"' : 'give an accessToken, not a password, for auth "oauth2"', request.auth === 'password' ? 'accessToken' : 'password')
  if (secret === undefined) return bad(request.auth === 'password' ? 'password is missing' : 'accessToken is missing', request.auth === 'password' ? 'password' : 'accessToken')
  return {
    ok: true,
    value: {
      operationId,
      request: { ...request, address: address.value.address, to: to.value.address, smtp, imap },
      secret,
    },
  }
}
