// What every exporter returns and how it fails. Exporters are pure: settings in, file text out, so
// the app can preview a file, the CLI can print it, and tests can re-parse it.

export const exportFormats = [
  'thunderbird',
  'thunderbird-prefs',
  'outlook-autodiscover',
  'outlook-prf',
  'apple',
  'markdown',
  'html',
  'json',
] as const

export type ExportFormat = (typeof exportFormats)[number]

export interface ExportFile {
  /** A suggested file name (ASCII, no directory part). */
  filename: string
  mimeType: string
  /** The file's contents. */
  text: string
  /**
   * How `text` must be encoded when written. PRF files with non-ASCII text are UTF-16LE with a
   * byte-order mark (the Windows profile-file convention); everything else is UTF-8.
   */
  encoding: 'utf-8' | 'utf-16le'
  /** Plain-text steps for the person: where the file goes and what to check afterwards. */
  instructions: string
}

/** A value an exporter cannot write faithfully. `field` is the input path, e.g. "incoming.0.host". */
export class ExportError extends Error {
  override readonly name = 'ExportError'
  readonly code = 'bad-input'
  constructor(
    readonly field: string,
    /** What is wrong, without the field name. */
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`)
  }
}

export interface ExportOptions {
  /**
   * Secrets the caller knows (a password, a token). They are redacted from transcripts and
   * reports; a settings field holding one is refused, and no output may contain one.
   */
  secrets?: string[]
}
