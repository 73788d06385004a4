// The contract's desktop methods (save an export, save the report as PDF, copy to the clipboard),
// free of Electron: the dialog, printToPDF and the clipboard arrive as `DesktopDeps` (electron/
// main/desktop.ts in the app, files in a temp folder in tests). A compromised renderer controls
// every argument, so the suggested name is a plain file name with an allowed extension, the
// content is bounded, and the person still picks where it goes in the native dialog.
import { z } from 'zod'
import type { ApiError, Handlers, Result, SavedFile } from '@shared/contract'
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
const MAX_FILENAME = 120
/** Exports are a few KB; a report with every probe a few hundred. */
const MAX_TEXT = 2 * 1024 * 1024
const MAX_CLIPBOARD = 1024 * 1024

// Names Windows reserves whatever the extension (CON.txt is still the console).
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i

function filename(extensions: readonly string[]): z.ZodType<string> {
  return z
    .string({ error: 'filename must be a string' })
    .min(1, 'filename is empty')
    .max(MAX_FILENAME, `filename must be at most ${MAX_FILENAME} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((name) => !/[\x00-\x1f\x7f]/.test(name), 'filename contains a control character')
    .refine((name) => !/[/\\]/.test(name), 'filename must be a plain file name, without folders')
    .refine((name) => !/[<>:"|?*]/.test(name), 'filename contains a character file systems do not allow (<>:"|?*)')
    .refine((name) => !name.startsWith('.') && !name.endsWith('.') && !name.endsWith(' '), 'filename must not start or end with a dot or end with a space')
    .refine((name) => !RESERVED.test(name), 'filename is a name Windows reserves')
    .refine(
      (name) => extensions.includes(name.slice(name.lastIndexOf('.') + 1).toLowerCase()) && name.includes('.'),
      `filename must end in ${extensions.map((e) => `.${e}`).join(', ')}`,
    )
}

const saveExportArgs = z.strictObject({
  filename: filename(EXPORT_EXTENSIONS),
  mimeType: z
    .string({ error: 'mimeType must be a string' })
    .max(100, 'mimeType must be at most 100 characters')
    .regex(/^[a-z]+\/[a-z0-9.+-]+(; ?charset=utf-8)?$/i, 'mimeType must look like "type/subtype"'),
  text: z.string({ error: 'text must be a string' }).max(MAX_TEXT, `text must be at most ${MAX_TEXT} characters`),
  encoding: z.enum(['utf-8', 'utf-16le'], { error: 'encoding must be "utf-8" or "utf-16le"' }).optional(),
})

/** UTF-16LE files start with a byte-order mark (the Windows convention PRF readers expect). */
function encode(text: string, encoding: 'utf-8' | 'utf-16le' | undefined): string | Uint8Array {
  if (encoding !== 'utf-16le') return text
  return new Uint8Array(Buffer.from(text.startsWith('\uFEFF') ? text : `\uFEFF${text}`, 'utf16le'))
}

const saveReportPdfArgs = z.strictObject({ filename: filename(['pdf']) })

const copyTextArgs = z.strictObject({
  text: z.string({ error: 'text must be a string' }).min(1, 'text is empty').max(MAX_CLIPBOARD, `text must be at most ${MAX_CLIPBOARD} characters`),
})

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

function refuse(error: z.ZodError): { ok: false; error: ApiError } {
  const issue = error.issues[0]
  if (!issue) return { ok: false, error: { code: 'bad-input', message: 'The request was not understood.' } }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => clip(key, 64))
    return { ok: false, error: { code: 'bad-input', message: `Unknown field: ${clip(keys.join(', '), 200)}`, field: keys[0] ?? '' } }
  }
  const field = issue.path.map(String).join('.')
  if (field === '') return { ok: false, error: { code: 'bad-input', message: 'The request must be an object with the documented fields.' } }
  return { ok: false, error: { code: 'bad-input', message: issue.message, field } }
}

const unavailable = (what: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code: 'not-available', message: `${what} is only possible in the ClearPort window.` },
})

/** A failure of the dialog, the printer or the disk, as words (never a stack). */
function failed(what: string, err: unknown): { ok: false; error: ApiError } {
  const message = clip(err instanceof Error && err.message ? err.message : String(err), 300)
  return { ok: false, error: { code: 'internal', message: `${what} failed: ${message}` } }
}

async function guarded<T>(what: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run()
  } catch (err) {
    return failed(what, err)
  }
}

export function createDesktopHandlers(deps: DesktopDeps | undefined): DesktopHandlers {
  return {
    saveExport: (args) =>
      guarded('Saving the file', async () => {
        const parsed = saveExportArgs.safeParse(args)
        if (!parsed.success) return refuse(parsed.error)
        if (!deps) return unavailable('Saving a file')
        const { filename: name, mimeType, text, encoding } = parsed.data
        return { ok: true, value: await deps.saveFile({ filename: name, mimeType, data: encode(text, encoding) }) }
      }),

    saveReportPdf: (args) =>
      guarded('Saving the PDF', async () => {
        const parsed = saveReportPdfArgs.safeParse(args)
        if (!parsed.success) return refuse(parsed.error)
        if (!deps) return unavailable('Saving a PDF')
        const pdf = await deps.printToPdf()
        return { ok: true, value: await deps.saveFile({ filename: parsed.data.filename, mimeType: 'application/pdf', data: pdf }) }
      }),

    copyText: (args) =>
      guarded('Copying', async () => {
        const parsed = copyTextArgs.safeParse(args)
        if (!parsed.success) return refuse(parsed.error)
        if (!deps) return unavailable('Copying to the clipboard')
        await deps.copyText(parsed.data.text)
        return { ok: true, value: { copied: true } }
      }),
  }
}
