// The contract's handlers, free of Electron so the Playwright harness (and any Node test) runs the
// exact code the app runs. Arguments arrive untrusted: each is checked with a strict schema, every
// failure becomes a Result, and nothing here ever throws across the boundary.
import { z } from 'zod'
import type { ApiError, ErrorCode, Handlers, ProgressEvent, Result } from '@shared/contract'
import type { Port25Report } from '@shared/model'
import type { TargetSet } from '@shared/targets'
import { parseEmailAddress } from '@shared/validate'
import type { checkPort25 } from '../engine/port25/check'
import type { DiscoveryReport } from '@shared/discovery'
import { discover as discoverEngine, type DiscoverOptions } from '../engine/discover/index'
import { createDesktopHandlers, type DesktopDeps } from './desktop-handlers'
import { Operations } from './operations'
import { exportErrorWords } from '@shared/export/field-words'
import { ExportError, exportFormats, parseAccountSettings, parseReportParts, renderExport, type ExportFile } from '@shared/export/index'
import type { SendResult } from '@shared/send'
import { suppliedAccessToken, suppliedPassword } from '../engine/send/credentials'
import { createRedactor } from '../engine/send/redact'
import { parseTestSendArgs } from '../engine/send/request-args'
import { testSend as testSendEngine, type TestSendOptions } from '../engine/send/run'
import { port25HintSchema } from '@shared/port25-hint'
import { createOAuthHandlers, type OAuthDeps } from './oauth-handlers'

export interface HandlerDeps {
  checkPort25: typeof checkPort25
  /** "ip[:port]" of the DNS server the engine should ask (tests point it at loopback). */
  dnsServer?: string
  targets?: TargetSet
  /** Extra trusted roots for the engine's TLS checks; only tests with their own CA set this. */
  ca?: string[]
  /** Save dialog, printToPDF and clipboard (electron/main/desktop.ts); absent in the CLI. */
  desktop?: DesktopDeps
  /** Discovery engine (default: the real one) and its test-only routing (port map, ISPDB URL, catalog). */
  discover?: typeof discoverEngine
  discoverOptions?: Pick<DiscoverOptions, 'portMap' | 'ispdbBaseUrl' | 'catalog' | 'sources' | 'http'>
  /** Sign-in and test-send engine (default: the real one) and test-only timing. */
  testSend?: typeof testSendEngine
  testSendOptions?: Pick<TestSendOptions, 'smtpTimeouts' | 'imapTimeouts' | 'readBackWaitMs' | 'pollMs'>
  /** OAuth2 sign-in: the config folder and the browser opener (oauth-handlers.ts); absent: not offered. */
  oauth?: OAuthDeps
}

/** Longest address RFC 5321 allows in a path (local 64 + @ + domain 255). */
const MAX_ADDRESS_LENGTH = 320

const operationId = z
  .string({ error: 'operationId must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'operationId must be 1–64 letters, digits, "-" or "_"')

const checkPort25Args = z.strictObject({
  operationId,
  address: z
    .string({ error: 'address must be a string' })
    .max(MAX_ADDRESS_LENGTH, `address must be at most ${MAX_ADDRESS_LENGTH} characters`)
    .optional(),
})

const cancelArgs = z.strictObject({ operationId })

// The account and report are checked by the exporters' own strict schemas (shared/export/schema.ts),
// which name the bad field ("account.incoming.0.host") without echoing its value.
const renderExportArgs = z.strictObject({
  format: z.enum(exportFormats, { error: `format must be one of ${exportFormats.join(', ')}` }),
  // Presence is checked below, so a missing account is called missing rather than "nonoptional".
  account: z.unknown().optional(),
  report: z.unknown().optional(),
})

async function renderExportHandler(args: unknown): Promise<Result<ExportFile>> {
  const parsed = renderExportArgs.safeParse(args)
  if (!parsed.success) return describeIssue(parsed.error)
  try {
    if (parsed.data.account === undefined) return badInput('account is missing', 'account')
    const account = parseAccountSettings(parsed.data.account, 'account')
    const report = parsed.data.report === undefined ? undefined : parseReportParts(parsed.data.report, 'report')
    return { ok: true, value: await renderExport(parsed.data.format, { account, ...(report !== undefined && { report }) }) }
  } catch (err) {
    // The person reads words, never a schema path (the CLI keeps the path for file editors).
    if (err instanceof ExportError) return badInput(exportErrorWords(err.field, err.reason), err.field)
    return { ok: false, error: { code: 'internal', message: `The export failed unexpectedly: ${clip(err instanceof Error ? err.message : String(err), 300)}` } }
  }
}

const discoverArgs = z.strictObject({
  operationId,
  address: z
    .string({ error: 'address must be a string' })
    .min(1, 'address must not be empty')
    .max(MAX_ADDRESS_LENGTH, `address must be at most ${MAX_ADDRESS_LENGTH} characters`),
  port25: port25HintSchema.optional(),
})

const knownCodes: ReadonlySet<string> = new Set<ErrorCode>([
  'bad-input', 'cancelled', 'timeout', 'dns', 'network', 'protocol', 'tls', 'internal', 'not-available', 'forbidden', 'busy',
])

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

function badInput(message: string, field?: string): { ok: false; error: ApiError } {
  return { ok: false, error: field === undefined ? { code: 'bad-input', message } : { code: 'bad-input', message, field } }
}

/** The first schema issue, in words, with the field it concerns. */
function describeIssue(error: z.ZodError): { ok: false; error: ApiError } {
  const issue = error.issues[0]
  if (!issue) return badInput('The request was not understood.')
  if (issue.code === 'unrecognized_keys') {
    // Key names come from the caller: shorten them before echoing them back.
    const keys = issue.keys.map((key) => clip(key, 64))
    return badInput(`Unknown field: ${clip(keys.join(', '), 200)}`, keys[0])
  }
  const field = issue.path.map(String).join('.')
  if (field === '') return badInput('The request must be an object with the documented fields.')
  return badInput(issue.message, field)
}

/**
 * An engine rejection as an ApiError. Only the message crosses the boundary, never a stack or
 * the error object itself (its own properties could hold anything).
 */
function toApiError(err: unknown, aborted: boolean): ApiError {
  if (aborted || (err instanceof Error && err.name === 'AbortError')) {
    return { code: 'cancelled', message: 'The check was cancelled.' }
  }
  const message = clip(err instanceof Error && err.message ? err.message : String(err), 500)
  const code = (err as { code?: unknown } | null)?.code
  const field = (err as { field?: unknown } | null)?.field
  if (code === 'bad-input') {
    return typeof field === 'string' ? { code, message, field } : { code, message }
  }
  if (typeof code === 'string' && knownCodes.has(code)) return { code: code as ErrorCode, message }
  // The engine's whole-check deadline (electron/engine/deadline.ts) names itself, not a code.
  if (err instanceof Error && err.name === 'DeadlineError') return { code: 'timeout', message: `The check took too long: ${message}` }
  return { code: 'internal', message: `The check failed unexpectedly: ${message}` }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const operations = new Operations(toApiError)

  async function runCheck(args: unknown, emit: (event: ProgressEvent) => void): Promise<Result<Port25Report>> {
    const parsed = checkPort25Args.safeParse(args)
    if (!parsed.success) return describeIssue(parsed.error)
    const { operationId: id, address } = parsed.data
    if (address !== undefined) {
      const email = parseEmailAddress(address)
      if (!email.ok) return badInput(email.message, 'address')
    }
    return operations.run(id, emit, ({ signal, forward }) =>
      deps.checkPort25({
        ...(address !== undefined && { address }),
        ...(deps.dnsServer !== undefined && { dnsServer: deps.dnsServer }),
        ...(deps.targets !== undefined && { targets: deps.targets }),
        ...(deps.ca !== undefined && { ca: deps.ca }),
        signal,
        onProgress: (e) => forward({ ...e, at: Date.now(), operationId: id }),
      }),
    )
  }

  async function runDiscover(args: unknown, emit: (event: ProgressEvent) => void): Promise<Result<DiscoveryReport>> {
    const parsed = discoverArgs.safeParse(args)
    if (!parsed.success) return describeIssue(parsed.error)
    const { operationId: id, address, port25 } = parsed.data
    const email = parseEmailAddress(address)
    if (!email.ok) return badInput(email.message, 'address')
    return operations.run(id, emit, ({ signal, forward }) =>
      (deps.discover ?? discoverEngine)(email.value.address, {
        ...deps.discoverOptions,
        ...(port25 !== undefined && { port25 }),
        ...(deps.dnsServer !== undefined && { dnsServer: deps.dnsServer }),
        ...(deps.ca !== undefined && { ca: deps.ca }),
        signal,
        onProgress: (e) => forward({ ...e, at: Date.now(), operationId: id }),
      }),
    )
  }

  async function runTestSend(args: unknown, emit: (event: ProgressEvent) => void): Promise<Result<SendResult>> {
    const parsed = parseTestSendArgs(args)
    if (!parsed.ok) return badInput(parsed.message, parsed.field)
    const { operationId: id, request, secret } = parsed.value
    // The secret lives in this provider for this one attempt and is forgotten in `finally`.
    const credentials = request.auth === 'oauth2' ? suppliedAccessToken(request.username, secret) : suppliedPassword(request.username, secret)
    const redact = createRedactor(request.username, [secret])
    try {
      const result = await operations.run(id, emit, ({ signal, forward }) =>
        (deps.testSend ?? testSendEngine)({
          ...deps.testSendOptions,
          request,
          credentials,
          ...(deps.dnsServer !== undefined && { dnsServer: deps.dnsServer }),
          ...(deps.ca !== undefined && { ca: deps.ca }),
          signal,
          onProgress: (e) => forward({ type: 'send-stage', ...e, at: Date.now(), operationId: id }),
        }),
      )
      return result.ok ? result : { ok: false, error: { ...result.error, message: redact(result.error.message) } }
    } finally {
      credentials.dispose()
    }
  }

  return {
    ...createDesktopHandlers(deps.desktop),
    ...createOAuthHandlers({ oauth: deps.oauth, operations, dnsServer: deps.dnsServer, ca: deps.ca, testSendOptions: deps.testSendOptions }),
    async testSend(args, emit) {
      try {
        return await runTestSend(args, emit)
      } catch (err) {
        return { ok: false, error: toApiError(err, false) }
      }
    },
    async discover(args, emit) {
      try {
        return await runDiscover(args, emit)
      } catch (err) {
        return { ok: false, error: toApiError(err, false) }
      }
    },
    async checkPort25(args, emit) {
      try {
        return await runCheck(args, emit)
      } catch (err) {
        // Only a bug in this file gets here; the boundary still answers with a Result.
        return { ok: false, error: toApiError(err, false) }
      }
    },

    renderExport: renderExportHandler,

    async cancel(args) {
      const parsed = cancelArgs.safeParse(args)
      if (!parsed.success) return describeIssue(parsed.error)
      return { ok: true, value: { cancelled: operations.cancel(parsed.data.operationId) } }
    },
  }
}
