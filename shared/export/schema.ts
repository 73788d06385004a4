// Strict schemas for everything an exporter accepts from outside (a --settings file, an IPC call).
// Unknown keys are refused — the settings model has no password field, so a stray "password" key
// is an error, never silently carried along. Messages name the field and never echo its value
// (a value may be a secret typed into the wrong box).
import { z } from 'zod'
import type { AccountSettings } from '../settings'
import type { Port25Report, TranscriptLine } from '../model'
import type { DiscoveryReport } from '../discovery'
import { parseEmailAddress, parseHost, toAsciiDomain } from '../validate'
import { ExportError } from './types'
import { textProblem } from './text'
import type { ReportParts } from './report-types'
import {
  authMethodSchema, discoverySourceSchema, dnsFailureSchema, incomingProtocolSchema, mailProtocolSchema, port25FindingIdSchema,
  port25VerdictSchema, socketSchema, tcpOutcomeSchema, verdictHowSchema, verifyStatusSchema,
} from '../vocabulary/schemas'
import { isIncomingAuth } from '../vocabulary/account'

/** Longest display or provider name accepted; longer is a mistake or an attack, not a name. */
export const MAX_NAME = 200
/** RFC 5321 path limit, also the cap for user names. */
const MAX_ADDRESS = 320

const oneLineText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .max(max, `is longer than ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })

const address = z
  .string({ error: 'must be text' })
  .max(MAX_ADDRESS, `is longer than ${MAX_ADDRESS} characters`)
  .transform((value, ctx) => {
    const parsed = parseEmailAddress(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid email address' })
      return z.NEVER
    }
    return parsed.value.address
  })

const domain = z
  .string({ error: 'must be text' })
  .max(253 * 4, 'is too long for a domain')
  .transform((value, ctx) => {
    const parsed = toAsciiDomain(value, 'the domain')
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: textProblem(value) ?? 'is not a valid domain name' })
      return z.NEVER
    }
    return parsed.value
  })

/** A host: a DNS name (Unicode accepted, stored as punycode) or an IP literal. */
const host = z
  .string({ error: 'must be text' })
  .max(253 * 4, 'is too long for a host name')
  .transform((value, ctx) => {
    const parsed = parseHost(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: textProblem(value) ?? 'is not a valid host name or IP address' })
      return z.NEVER
    }
    return parsed.value.host
  })

const authMethod = authMethodSchema

const serverFields = {
  host,
  port: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be from 1 to 65535').max(65535, 'must be from 1 to 65535'),
  socket: socketSchema,
  auth: z
    .array(authMethod, { error: 'must be a list of authentication methods' })
    .min(1, 'needs at least one authentication method')
    .max(8, 'lists more than 8 methods')
    .refine((list) => new Set(list).size === list.length, 'lists a method twice'),
  username: oneLineText(MAX_ADDRESS),
}

const incomingServer = z.strictObject({
  protocol: incomingProtocolSchema,
  ...serverFields,
  // These two only make sense for sending (clientConfig lists them for outgoing servers only).
  auth: serverFields.auth.refine((list) => list.every(isIncomingAuth), 'client-IP-address and smtp-after-pop apply to outgoing servers only'),
})
const outgoingServer = z.strictObject({ protocol: z.literal('smtp', { error: 'must be smtp' }), ...serverFields })

export const accountSettingsSchema = z.strictObject({
  address,
  displayName: oneLineText(MAX_NAME).optional(),
  providerName: oneLineText(MAX_NAME).min(1, 'is empty'),
  providerId: domain,
  domains: z.array(domain, { error: 'must be a list of domains' }).min(1, 'needs at least one domain').max(50, 'lists more than 50 domains'),
  incoming: z.array(incomingServer, { error: 'must be a list of servers' }).min(1, 'needs at least one server').max(10, 'lists more than 10 servers'),
  outgoing: z.array(outgoingServer, { error: 'must be a list of servers' }).min(1, 'needs at least one server').max(10, 'lists more than 10 servers'),
})

// ---- the report's parts ------------------------------------------------------------------------

/** Report text comes from servers; it is capped here and made printable when rendered. */
const reportText = (max = 2000) => z.string({ error: 'must be text' }).max(max, `is longer than ${max} characters`)
const ms = z.number({ error: 'must be a number' }).finite().min(0).max(1e9)

const certificateSchema = z.strictObject({
  subject: reportText(),
  subjectAltNames: z.array(reportText(300)).max(200),
  issuer: reportText(),
  validFrom: reportText(100),
  validTo: reportText(100),
  fingerprint256: reportText(200),
  verified: z.boolean(),
  verifyError: reportText(200).nullable(),
  trustedBy: z.enum(['public', 'system', 'extra']).nullable().optional(),
})

const tlsSchema = z.strictObject({
  protocol: reportText(50).nullable(),
  cipher: reportText(200).nullable(),
  servername: reportText(300),
  certificate: certificateSchema.nullable(),
})

const probeSchema = z.strictObject({
  id: reportText(100),
  role: z.enum(['target', 'control', 'own']),
  provider: reportText(200),
  kind: z.enum(['smtp', 'smtps', 'tcp']),
  host: reportText(300),
  address: reportText(100).nullable(),
  family: z.union([z.literal(4), z.literal(6)]).nullable(),
  port: z.number().int().min(0).max(65535),
  service: z.number().int().min(0).max(65535),
  outcome: tcpOutcomeSchema,
  ms,
  banner: reportText(1000).nullable(),
  startTls: z.boolean().nullable(),
  tls: tlsSchema.nullable(),
  note: reportText().nullable(),
  dnsFailure: dnsFailureSchema.optional(),
})

const verdictEnum = port25VerdictSchema
const howEnum = verdictHowSchema
const familyVerdictSchema = z.strictObject({ verdict: verdictEnum, how: howEnum.nullable() }).nullable()

export const port25ReportSchema = z.strictObject({
  direction: z.literal('outbound'),
  verdict: verdictEnum,
  how: howEnum.nullable(),
  families: z.strictObject({ ipv4: familyVerdictSchema, ipv6: familyVerdictSchema }).optional(),
  findings: z
    .array(z.strictObject({ id: port25FindingIdSchema, title: reportText(200), advice: reportText(2000) }))
    .max(4)
    .optional(),
  headline: reportText(),
  advice: reportText(4000),
  notes: z.array(reportText()).max(100),
  submission: z
    .array(
      z.strictObject({
        port: z.union([z.literal(587), z.literal(465), z.literal(2525)]),
        usable: z.boolean().nullable(),
        evidence: z.array(reportText(100)).max(500),
        summary: reportText(),
      }),
    )
    .max(10),
  probes: z.array(probeSchema).max(500),
  silentCutoffMs: ms,
  startedAt: reportText(100),
  elapsedMs: ms,
})

const protocolSchema = mailProtocolSchema
const sourceSchema = discoverySourceSchema

const discoveredServerSchema = z.strictObject({
  protocol: protocolSchema,
  host: reportText(300),
  port: z.number().int().min(0).max(65535),
  socket: socketSchema,
  auth: z.array(authMethod).max(8),
  username: reportText(400),
  sources: z.array(z.strictObject({ source: sourceSchema, detail: reportText(), order: z.number().int().min(0).max(1e6) })).max(50),
  verified: z.strictObject({
    status: verifyStatusSchema,
    summary: reportText(),
    reachable: z.boolean(),
    address: reportText(100).nullable(),
    attempts: z.array(z.strictObject({ address: reportText(100).nullable(), outcome: reportText(100), ms, note: reportText().nullable() })).max(50),
    banner: reportText(1000).nullable(),
    tls: tlsSchema.nullable(),
    certificateValid: z.boolean().nullable(),
    authMechanisms: z.array(reportText(100)).max(100),
    passwordLogin: z.boolean(),
    capabilities: z.array(reportText(300)).max(200),
    injectedBytes: z.number().int().min(0).max(1e9),
    ms,
  }),
  caution: z.enum(['plain-http', 'foreign-dns']).nullable().optional(),
})

const discoverySchema = z.strictObject({
  address: reportText(320),
  domain: reportText(1000),
  asciiDomain: reportText(300),
  incoming: z.array(discoveredServerSchema).max(100),
  outgoing: z.array(discoveredServerSchema).max(100),
  // The recommendation is an account like any other: checked just as strictly.
  recommended: accountSettingsSchema.nullable(),
  // Absent in reports saved before untested directions existed.
  untested: z
    .array(z.strictObject({ direction: z.enum(['incoming', 'outgoing']), ports: z.array(z.number().int().min(0).max(65535)).max(10), blockedByNetwork: z.boolean() }))
    .max(2)
    .default([]),
  disagreements: z
    .array(
      z.strictObject({
        protocol: protocolSchema,
        about: z.enum(['server', 'socket', 'username', 'auth', 'verification']),
        message: reportText(),
        claims: z.array(z.strictObject({ value: reportText(), sources: z.array(sourceSchema).max(20) })).max(50),
      }),
    )
    .max(100),
  sources: z
    .array(
      z.strictObject({
        source: sourceSchema,
        status: z.enum(['found', 'nothing', 'failed', 'skipped']),
        detail: reportText(),
        found: z.number().int().min(0).max(1e6),
        attempts: z.array(z.strictObject({ target: reportText(1000), ok: z.boolean(), detail: reportText() })).max(100),
        rejected: z.array(reportText()).max(100),
        ms,
      }),
    )
    .max(20),
  notes: z.array(reportText()).max(100),
  port25: z
    .strictObject({
      verdict: verdictEnum,
      submission: z.array(z.strictObject({ port: z.number().int().min(0).max(65535), usable: z.boolean().nullable() })).max(10),
    })
    .nullable(),
  startedAt: reportText(100),
  elapsedMs: ms,
})

const sendSchema = z.strictObject({
  ok: z.boolean(),
  summary: reportText(),
  steps: z.array(z.strictObject({ name: reportText(100), ok: z.boolean(), ms, detail: reportText().optional() })).max(50),
  notes: z.array(reportText()).max(50).optional(),
  elapsedMs: ms.optional(),
})

const transcriptSchema = z
  .array(z.strictObject({ at: ms, dir: z.enum(['client', 'server', 'info']), text: reportText(4000) }))
  .max(5000)

/** The report parts without the account (the account is checked on its own). */
export const reportPartsSchema = z.strictObject({
  port25: port25ReportSchema.optional(),
  discovery: discoverySchema.optional(),
  send: sendSchema.optional(),
  transcript: transcriptSchema.optional(),
})

// ---- turning zod's findings into one clear error ------------------------------------------------

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

/** Whether `path` exists in `input` (zod does not keep the input in its issues). */
function present(input: unknown, path: PropertyKey[]): boolean {
  let node: unknown = input
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return false
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node !== undefined
}

/** The first issue as an ExportError naming its field ("incoming.0.host"). */
export function issueToError(error: z.ZodError, prefix = '', input?: unknown): ExportError {
  const issue = error.issues[0]
  const base = (path: PropertyKey[]): string => [prefix, ...path.map(String)].filter((p) => p !== '').join('.')
  if (!issue) return new ExportError(prefix || 'input', 'was not understood')
  if (issue.code === 'unrecognized_keys') {
    // Key names come from the caller: shortened, and only names — never the values under them.
    const key = clip(issue.keys[0] ?? '?', 64)
    const field = base([...issue.path, key])
    return new ExportError(field, `is not a known field${issue.keys.length > 1 ? ` (nor ${issue.keys.length - 1} more)` : ''}; the settings never hold a password`)
  }
  const field = base(issue.path)
  const message = issue.code === 'invalid_type' && !present(input, issue.path) ? 'is missing' : issue.message
  return new ExportError(field || prefix || 'input', message)
}

/** Check untrusted account settings; throws ExportError naming the first bad field. */
export function parseAccountSettings(input: unknown, prefix = ''): AccountSettings {
  const parsed = accountSettingsSchema.safeParse(input)
  if (!parsed.success) throw issueToError(parsed.error, prefix, input)
  return parsed.data
}

/** Check untrusted report parts; throws ExportError naming the first bad field. */
export function parseReportParts(input: unknown, prefix = ''): ReportParts {
  const parsed = reportPartsSchema.safeParse(input)
  if (!parsed.success) throw issueToError(parsed.error, prefix, input)
  return parsed.data
}

// ---- the schemas and the model types, checked against each other ------------------------------
// Both ways where the schema is the type's exact mirror (a new field or case on either side fails
// to compile); one way where the schema is deliberately stricter (an account's incoming servers
// are imap or pop3 only).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _mirrors: [Same<z.output<typeof port25ReportSchema>, Port25Report>, Same<z.output<typeof transcriptSchema>, TranscriptLine[]>] = [true, true]
const _stricter: [z.output<typeof discoverySchema>, z.output<typeof accountSettingsSchema>] extends [DiscoveryReport, AccountSettings] ? true : false = true
