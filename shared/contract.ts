// The one API between the renderer and the main process (and the shape the CLI and the test
// harness implement too). Every method takes one plain-object argument and resolves to a Result;
// errors never cross IPC as thrown exceptions (they would lose their shape).
import type { Port25Report, ProbeRecord } from './model'
import type { DiscoveryProgress, DiscoveryReport, Port25Hint } from './discovery'
import type { ExportFile, ExportFormat } from './export/types'
import type { ReportParts } from './export/report-types'
import type { AccountSettings } from './settings'
import type { SendRequest, SendResult } from './send'
import type { ErrorCode } from './vocabulary/error-codes'
import type { SendStageProgress } from './vocabulary/send-stages'
import type { OAuthOpenPageArgs, OAuthPhase, OAuthStatus, OAuthStatusArgs, OAuthTestSendArgs, OAuthTestSendResult } from './oauth'

export type { ErrorCode } from './vocabulary/error-codes'
export type { SendStageProgress } from './vocabulary/send-stages'

export interface ApiError {
  code: ErrorCode
  message: string
  /** The argument field that was wrong, for `bad-input`. */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export interface CheckPort25Args {
  /** Caller-chosen id, so `cancel` can stop this operation and events can be matched to it. */
  operationId: string
  /** Optional: the person's address; the MX of its domain is probed too. */
  address?: string
}

export interface DiscoverArgs {
  /** Caller-chosen id, for `cancel` and to match progress events. */
  operationId: string
  /** The person's address; its domain's settings are discovered and each is probed. */
  address: string
  /** The network check's verdict, so ports this network blocks are ranked last. */
  port25?: Port25Hint
}

export interface CancelArgs {
  operationId: string
}

/** A rendered export to save through the native save dialog (the main process picks nothing itself). */
export interface SaveExportArgs {
  /** Suggested file name: a plain name, no folders. */
  filename: string
  mimeType: string
  text: string
  /** How to write `text`: UTF-8 unless the format needs UTF-16LE (Outlook PRF with non-ASCII). */
  encoding?: 'utf-8' | 'utf-16le'
}

/** The report on screen, printed to PDF by the main process, then saved through the dialog. */
export interface SaveReportPdfArgs {
  filename: string
}

export interface CopyTextArgs {
  text: string
}

/** `saved: false` when the person closed the dialog; `path` is where the file went. */
export interface SavedFile {
  saved: boolean
  path?: string
}

/** Render one export (settings file, settings sheet or report) for preview or saving. */
export interface RenderExportArgs {
  format: ExportFormat
  account: AccountSettings
  /** Port-25 report, discovery, test send, transcript: for the markdown, html and json formats. */
  report?: ReportParts
}

/**
 * Sign in and check the envelope or send a test message (and read it back). The secret travels
 * only as an argument of this one call: the main process uses it for this attempt and drops it;
 * it is never in the result, an event or an error. Give `password` for auth "password",
 * `accessToken` for auth "oauth2".
 */
export interface TestSendArgs {
  operationId: string
  request: SendRequest
  password?: string
  accessToken?: string
}

/** Methods: name → argument and result types. */
export interface Methods {
  checkPort25: { args: CheckPort25Args; result: Port25Report }
  cancel: { args: CancelArgs; result: { cancelled: boolean } }
  discover: { args: DiscoverArgs; result: DiscoveryReport }
  saveExport: { args: SaveExportArgs; result: SavedFile }
  saveReportPdf: { args: SaveReportPdfArgs; result: SavedFile }
  copyText: { args: CopyTextArgs; result: { copied: true } }
  renderExport: { args: RenderExportArgs; result: ExportFile }
  testSend: { args: TestSendArgs; result: SendResult }
  /** OAuth2 (shared/oauth.ts): the provider's route for an address, the browser sign-in + test send, its pages. */
  oauthStatus: { args: OAuthStatusArgs; result: OAuthStatus }
  oauthTestSend: { args: OAuthTestSendArgs; result: OAuthTestSendResult }
  oauthOpenPage: { args: OAuthOpenPageArgs; result: { opened: true } }
}

export type MethodName = keyof Methods

/** IPC channel per method; a misspelt channel fails to compile. */
export const channels = {
  checkPort25: 'clearport:port25:check',
  cancel: 'clearport:operation:cancel',
  discover: 'clearport:discover:run',
  saveExport: 'clearport:export:save',
  saveReportPdf: 'clearport:export:save-pdf',
  copyText: 'clearport:clipboard:copy',
  renderExport: 'clearport:export:render',
  testSend: 'clearport:send:test',
  oauthStatus: 'clearport:oauth:status',
  oauthTestSend: 'clearport:oauth:test-send',
  oauthOpenPage: 'clearport:oauth:open-page',
} as const satisfies Record<MethodName, string>

/** Events the main process pushes, as plain records `{ type, at, operationId, ... }`. */
export type ProgressEvent =
  | { type: 'phase'; at: number; operationId: string; phase: 'resolving' | 'probing' | 'deciding'; detail: string }
  | { type: 'probe'; at: number; operationId: string; probe: ProbeRecord }
  /** Discovery: a source started or finished, an endpoint is being probed or was judged. */
  | (DiscoveryProgress & { at: number; operationId: string })
  /** Test send: one stage (resolve, connect, auth, envelope, data, imap-search, ...) started or ended. */
  | ({ type: 'send-stage'; at: number; operationId: string } & SendStageProgress)
  /** OAuth sign-in: waiting for the browser, exchanging the code, signed in (before the send stages). */
  | { type: 'oauth'; at: number; operationId: string; phase: OAuthPhase; detail: string }

export const eventChannels = {
  progress: 'clearport:event:progress',
} as const

/** What the preload exposes as `window.api`: exactly the contract, nothing more. */
export type Api = {
  [K in MethodName]: (args: Methods[K]['args']) => Promise<Result<Methods[K]['result']>>
} & {
  /** Subscribe to progress events; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void
}

/** Handlers in the main process (and the test harness): arguments arrive untrusted. */
export type Handlers = {
  [K in MethodName]: (args: unknown, emit: (event: ProgressEvent) => void) => Promise<Result<Methods[K]['result']>>
}
