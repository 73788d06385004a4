// The contract's handlers, free of Electron so the Playwright harness (and any Node test) runs the
// exact code the app runs. Arguments arrive untrusted: each is checked with a strict schema, every
// failure becomes a Result, and nothing here ever throws across the boundary.
import type { z } from 'zod'
import type { ApiError, Handlers, ProgressEvent } from '@shared/contract'
import {
  badInput, cancelArgsSchema, checkPort25ArgsSchema, describeArgsIssue, discoverArgsSchema, renderExportArgsSchema, suppliedSecret, testSendArgsSchema,
} from '@shared/contract-args'
import type { TargetSet } from '@shared/targets'
import { errorCodes } from '@shared/vocabulary/error-codes'
import { isOneOf } from '@shared/vocabulary/words'
import type { checkPort25 } from '../engine/port25/check'
import { discover as discoverEngine, type DiscoverOptions } from '../engine/discover/index'
import { createDesktopHandlers, type DesktopDeps } from './desktop-handlers'
import { Operations } from './operations'
import { exportErrorWords } from '@shared/export/field-words'
import { ExportError, renderExport } from '@shared/export/index'
import { issueToError } from '@shared/export/schema'
import { suppliedAccessToken, suppliedPassword } from '../engine/send/credentials'
import { createRedactor } from '../engine/send/redact'
import { testSend as testSendEngine, type TestSendOptions } from '../engine/send/run'
import { failure, handle } from './handle'
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

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

/** The exporters' own errors name the field in words a person reads, never a schema path. */
function refuseExport(error: z.ZodError, input: unknown): ApiError {
  const issue = error.issues[0]
  const top = issue?.path[0]
  if (!issue || (top !== 'account' && top !== 'report')) return describeArgsIssue(error)
  if (issue.path.length === 1 && issue.code === 'invalid_type' && (input as Record<string, unknown>)[top] === undefined) return badInput(`${top} is missing`, top)
  const { field, reason } = issueToError(error, '', input)
  return badInput(exportErrorWords(field, reason), field)
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
  if (isOneOf(errorCodes, code)) return { code, message }
  // The engine's whole-check deadline (electron/engine/deadline.ts) names itself, not a code.
  if (err instanceof Error && err.name === 'DeadlineError') return { code: 'timeout', message: `The check took too long: ${message}` }
  return { code: 'internal', message: `The check failed unexpectedly: ${message}` }
}

/** A progress event as the engine emits it, before the time and operation id are added. */
type EventBody = ProgressEvent extends infer E ? (E extends ProgressEvent ? Omit<E, 'at' | 'operationId'> : never) : never

/** Only a bug in this file gets past the operation registry; the boundary still answers with a Result. */
const engineFailed = (err: unknown): ApiError => toApiError(err, false)

export function createHandlers(deps: HandlerDeps): Handlers {
  const operations = new Operations(toApiError)
  // Where the engine resolves names and which extra roots it trusts: the same for every operation.
  const routing = { ...(deps.dnsServer !== undefined && { dnsServer: deps.dnsServer }), ...(deps.ca !== undefined && { ca: deps.ca }) }
  /** Engine events stamped with the time and the operation they belong to. */
  const stamped = (id: string, forward: (event: ProgressEvent) => void) => (event: EventBody) => forward({ ...event, at: Date.now(), operationId: id } as ProgressEvent)

  const checkPort25 = handle<'checkPort25'>({
    args: checkPort25ArgsSchema,
    failed: engineFailed,
    run: ({ operationId: id, address }, emit) =>
      operations.run(id, emit, ({ signal, forward }) =>
        deps.checkPort25({
          ...(address !== undefined && { address }),
          ...(deps.targets !== undefined && { targets: deps.targets }),
          ...routing,
          signal,
          onProgress: stamped(id, forward),
        }),
      ),
  })

  const discover = handle<'discover'>({
    args: discoverArgsSchema,
    failed: engineFailed,
    run: ({ operationId: id, address, port25 }, emit) =>
      operations.run(id, emit, ({ signal, forward }) =>
        (deps.discover ?? discoverEngine)(address, {
          ...deps.discoverOptions,
          ...(port25 !== undefined && { port25 }),
          ...routing,
          signal,
          onProgress: stamped(id, forward),
        }),
      ),
  })

  const testSend = handle<'testSend'>({
    args: testSendArgsSchema,
    failed: engineFailed,
    async run(args, emit) {
      const { operationId: id, request } = args
      const secret = suppliedSecret(args)
      if (secret === undefined) return { ok: false, error: badInput('the secret is missing', request.auth === 'password' ? 'password' : 'accessToken') }
      // The secret lives in this provider for this one attempt and is forgotten in `finally`.
      const credentials = request.auth === 'oauth2' ? suppliedAccessToken(request.username, secret) : suppliedPassword(request.username, secret)
      const redact = createRedactor(request.username, [secret])
      try {
        const result = await operations.run(id, emit, ({ signal, forward }) =>
          (deps.testSend ?? testSendEngine)({
            ...deps.testSendOptions,
            request,
            credentials,
            ...routing,
            signal,
            onProgress: (e) => stamped(id, forward)({ type: 'send-stage', ...e }),
          }),
        )
        return result.ok ? result : { ok: false, error: { ...result.error, message: redact(result.error.message) } }
      } finally {
        credentials.dispose()
      }
    },
  })

  const renderExportMethod = handle<'renderExport'>({
    args: renderExportArgsSchema,
    refuse: refuseExport,
    failed(err) {
      // The person reads words, never a schema path (the CLI keeps the path for file editors).
      if (err instanceof ExportError) return badInput(exportErrorWords(err.field, err.reason), err.field)
      return failure('The export failed unexpectedly:', err)
    },
    run: async ({ format, account, report }) => ({ ok: true, value: await renderExport(format, { account, ...(report !== undefined && { report }) }) }),
  })

  const cancel = handle<'cancel'>({
    args: cancelArgsSchema,
    failed: engineFailed,
    run: async ({ operationId: id }) => ({ ok: true, value: { cancelled: operations.cancel(id) } }),
  })

  return {
    ...createDesktopHandlers(deps.desktop),
    ...createOAuthHandlers({ oauth: deps.oauth, operations, testSendOptions: deps.testSendOptions, ...routing }),
    checkPort25,
    discover,
    testSend,
    renderExport: renderExportMethod,
    cancel,
  }
}
