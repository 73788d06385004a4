// The contract's desktop methods (save an export, save the report as PDF, copy to the clipboard),
// free of Electron: the dialog, printToPDF and the clipboard arrive as `DesktopDeps` (electron/
// main/desktop.ts in the app, files in a temp folder in tests). A compromised renderer controls
// every argument, so the suggested name is a plain file name with an allowed extension, the
// content is bounded (schemas in shared/contract-args.ts), and the person still picks where it
// goes in the native dialog.
import type { ApiError, Handlers, SavedFile } from '@shared/contract'
import { copyTextArgsSchema, saveExportArgsSchema, saveReportPdfArgsSchema } from '@shared/contract-args'
import { failure, handle } from './handle'
import { exportExtensions } from '@shared/export/choices'

export interface SaveRequest {
  filename: string
  mimeType: string
  data: string | Uint8Array
}

export interface DesktopDeps {
  /** Shows the save dialog with `filename` suggested and writes `data` where the person chose. */
  saveFile(request: SaveRequest): Promise<SavedFile>
  /** The window's current page printed to PDF (print styles show only the report). */
  printToPdf(): Promise<Uint8Array>
  copyText(text: string): Promise<void>
}

export type DesktopHandlers = Pick<Handlers, 'saveExport' | 'saveReportPdf' | 'copyText'>

/** What the export choices write (shared/export/choices.ts), nothing else. */
export const EXPORT_EXTENSIONS: readonly string[] = exportExtensions
const saveExportArgs = saveExportArgsSchema(EXPORT_EXTENSIONS)

/** UTF-16LE files start with a byte-order mark (the Windows convention PRF readers expect). */
function encode(text: string, encoding: 'utf-8' | 'utf-16le' | undefined): string | Uint8Array {
  if (encoding !== 'utf-16le') return text
  return new Uint8Array(Buffer.from(text.startsWith('\uFEFF') ? text : `\uFEFF${text}`, 'utf16le'))
}

const unavailable = (what: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code: 'not-available', message: `${what} is only possible in the ClearPort window.` },
})

export function createDesktopHandlers(deps: DesktopDeps | undefined): DesktopHandlers {
  return {
    saveExport: handle<'saveExport'>({
      args: saveExportArgs,
      failed: (err) => failure('Saving the file failed:', err),
      async run({ filename, mimeType, text, encoding }) {
        if (!deps) return unavailable('Saving a file')
        return { ok: true, value: await deps.saveFile({ filename, mimeType, data: encode(text, encoding) }) }
      },
    }),

    saveReportPdf: handle<'saveReportPdf'>({
      args: saveReportPdfArgsSchema,
      failed: (err) => failure('Saving the PDF failed:', err),
      async run({ filename }) {
        if (!deps) return unavailable('Saving a PDF')
        const pdf = await deps.printToPdf()
        return { ok: true, value: await deps.saveFile({ filename, mimeType: 'application/pdf', data: pdf }) }
      },
    }),

    copyText: handle<'copyText'>({
      args: copyTextArgsSchema,
      failed: (err) => failure('Copying failed:', err),
      async run({ text }) {
        if (!deps) return unavailable('Copying to the clipboard')
        await deps.copyText(text)
        return { ok: true, value: { copied: true } }
      },
    }),
  }
}
