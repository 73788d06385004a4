// One entry point for every export: validate, refuse secrets, render, and check the result once
// more for secrets before it is handed out. Pure (no I/O); async only because SHA-1 for stable
// identifiers comes from Web Crypto and plist is loaded on first use.
import type { AccountSettings } from '../settings'
import { renderApple } from './apple'
import { buildDocument } from './document'
import { renderHtmlDocument } from './html'
import { renderMarkdown } from './markdown'
import { renderOutlookAutodiscover } from './outlook-autodiscover'
import { renderOutlookPrf } from './outlook-prf'
import { redactDeep, redactTranscript } from './redact'
import type { ReportInput, ReportParts } from './report-types'
import { parseAccountSettings, parseReportParts } from './schema'
import { renderThunderbird } from './thunderbird'
import { renderThunderbirdPrefs } from './thunderbird-prefs'
import { ExportError, exportFormats, type ExportFile, type ExportFormat, type ExportOptions } from './types'

export { ExportError, exportFormats, type ExportFile, type ExportFormat, type ExportOptions } from './types'
export type { ReportInput, ReportParts, ReportSend, ReportSendStep } from './report-types'
export { parseAccountSettings, parseReportParts } from './schema'
export { sendForReport, sendReportParts } from './send-report'

export interface ExportInput {
  /** Required for every format but the report formats (markdown, html, json), where it is optional. */
  account?: AccountSettings
  report?: ReportParts
}

/** What each format is, for menus and --help. */
export const formatInfo: Record<ExportFormat, { label: string; needsAccount: boolean }> = {
  thunderbird: { label: 'Thunderbird settings file (clientConfig 1.1 XML)', needsAccount: true },
  'thunderbird-prefs': { label: 'Thunderbird user.js that creates the account', needsAccount: true },
  'outlook-autodiscover': { label: 'Outlook Autodiscover XML (classic Outlook)', needsAccount: true },
  'outlook-prf': { label: 'Outlook profile file for outlook.exe /importprf (classic Outlook)', needsAccount: true },
  apple: { label: 'Apple Mail configuration profile (.mobileconfig, unsigned)', needsAccount: true },
  markdown: { label: 'Settings sheet and report as Markdown', needsAccount: false },
  html: { label: 'Settings sheet and report as a printable HTML page', needsAccount: false },
  json: { label: 'Settings and report as JSON', needsAccount: false },
}

/** The settings files, one pure renderer each (the report formats share the document below). */
const settingsRenderers: Record<Exclude<ExportFormat, 'markdown' | 'html' | 'json'>, (account: AccountSettings) => ExportFile | Promise<ExportFile>> = {
  thunderbird: renderThunderbird,
  'thunderbird-prefs': renderThunderbirdPrefs,
  'outlook-autodiscover': renderOutlookAutodiscover,
  'outlook-prf': renderOutlookPrf,
  apple: renderApple,
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (exportFormats as readonly string[]).includes(value)
}

/** Refuse a settings field that holds a secret: settings never carry a password, not even by mistake. */
function refuseSecrets(value: unknown, path: string, secrets: readonly string[]): void {
  if (typeof value === 'string') {
    if (secrets.some((s) => s.length > 0 && value.includes(s))) {
      throw new ExportError(path, 'holds a password or token; settings never include one')
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => refuseSecrets(item, `${path}.${i}`, secrets))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) refuseSecrets(item, `${path}.${key}`, secrets)
  }
}

function reportJson(input: ReportInput, generatedAt: string | undefined): string {
  return `${JSON.stringify(
    {
      format: 'clearport-report',
      version: 1,
      ...(generatedAt ? { generatedAt } : {}),
      ...(input.account ? { account: input.account } : {}),
      ...(input.port25 ? { port25: input.port25 } : {}),
      ...(input.discovery ? { discovery: input.discovery } : {}),
      ...(input.send ? { send: input.send } : {}),
      ...(input.transcript ? { transcript: input.transcript } : {}),
    },
    null,
    2,
  )}\n`
}

function fileBase(account: AccountSettings | undefined): string {
  return account ? `clearport-${account.address.replace(/[^A-Za-z0-9._-]/g, '_')}` : 'clearport-report'
}

/**
 * Render one export. Throws ExportError (with the input field) for input it cannot write
 * faithfully; never returns text that contains one of `options.secrets`.
 */
export async function renderExport(format: ExportFormat, input: ExportInput, options: ExportOptions & { generatedAt?: string } = {}): Promise<ExportFile> {
  if (!isExportFormat(format)) throw new ExportError('format', `must be one of ${exportFormats.join(', ')}`)
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0)
  const account = input.account === undefined ? undefined : parseAccountSettings(input.account, 'account')
  if (account) refuseSecrets(account, 'account', secrets)
  if (!account && formatInfo[format].needsAccount) throw new ExportError('account', `is missing; the ${format} export needs the settings`)

  let file: ExportFile
  switch (format) {
    case 'markdown':
    case 'html':
    case 'json': {
      const parts = parseReportParts(input.report ?? {}, 'report')
      const report: ReportInput = {
        ...(account ? { account } : {}),
        ...redactDeep({ ...parts, transcript: parts.transcript ? redactTranscript(parts.transcript, secrets) : undefined }, secrets),
      }
      if (report.transcript === undefined) delete report.transcript
      const base = fileBase(account)
      if (format === 'json') {
        file = { filename: `${base}.json`, mimeType: 'application/json', text: reportJson(report, options.generatedAt), encoding: 'utf-8', instructions: '' }
      } else {
        const doc = buildDocument(report, options.generatedAt)
        file =
          format === 'markdown'
            ? { filename: `${base}.md`, mimeType: 'text/markdown', text: renderMarkdown(doc), encoding: 'utf-8', instructions: '' }
            : { filename: `${base}.html`, mimeType: 'text/html', text: renderHtmlDocument(doc), encoding: 'utf-8', instructions: 'Open it in a browser; print it (or save as PDF) from there.' }
      }
      break
    }
    default:
      // needsAccount (formatInfo) made sure a settings file has its account.
      file = await settingsRenderers[format](account as AccountSettings)
  }
  // Last line of defence: whatever path a secret took, it does not leave here.
  if (secrets.some((s) => file.text.includes(s) || file.instructions.includes(s) || file.filename.includes(s))) {
    throw new Error('the export would contain a secret; nothing was written')
  }
  return file
}
