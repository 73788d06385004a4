// Step 5: turn the chosen settings into a file for a mail program (or a report), preview it, and
// save it through the native dialog. Rendering is the engine's (pure exporters); saving, printing
// to PDF and the clipboard are the main process's.
import type { StateCreator } from 'zustand/vanilla'
import type { ApiError, SavedFile } from '@shared/contract'
import type { ReportParts } from '@shared/export/report-types'
import type { ExportFile, ExportFormat } from '@shared/export/types'
import { accountOf } from './account'
import type { AppState } from './app-state'
import { bridgeError, hasMethod, noEngine, type ApiSource } from './operation'

/** What the person picks; several map onto one exporter with or without the report's parts. */
export type ExportChoice =
  | 'thunderbird'
  | 'thunderbird-prefs'
  | 'outlook-autodiscover'
  | 'outlook-prf'
  | 'apple'
  | 'sheet'
  | 'report'
  | 'report-text'
  | 'json'

export const exportChoices: readonly ExportChoice[] = ['thunderbird', 'thunderbird-prefs', 'outlook-autodiscover', 'outlook-prf', 'apple', 'sheet', 'report', 'report-text', 'json']

/** The exporter behind a choice, and whether the report's evidence goes along. */
export function exporterOf(choice: ExportChoice): { format: ExportFormat; withReport: boolean } {
  switch (choice) {
    case 'sheet': return { format: 'markdown', withReport: false }
    case 'report': return { format: 'html', withReport: true }
    case 'report-text': return { format: 'markdown', withReport: true }
    case 'json': return { format: 'json', withReport: true }
    default: return { format: choice, withReport: false }
  }
}

/**
 * Text reports can also be printed to PDF from the preview (the print styles show only the
 * preview). The web-page report is HTML source in the preview, so it is saved as a file instead.
 */
export const isReport = (choice: ExportChoice): boolean => choice === 'report-text' || choice === 'sheet'

export type ExportState =
  | { kind: 'unavailable' }
  | { kind: 'idle' }
  | { kind: 'rendering'; choice: ExportChoice }
  | { kind: 'ready'; choice: ExportChoice; file: ExportFile; busy: 'saving' | 'pdf' | 'copying' | null; outcome: ExportOutcome | null }
  | { kind: 'failed'; choice: ExportChoice; error: ApiError }

export type ExportOutcome =
  | { kind: 'saved'; file: SavedFile }
  | { kind: 'copied' }
  | { kind: 'not-saved' }
  | { kind: 'error'; error: ApiError }

export interface ExportSlice {
  exporting: ExportState
  refreshExport(): void
  renderChoice(choice: ExportChoice): Promise<void>
  saveExport(): Promise<void>
  saveReportPdf(): Promise<void>
  copyExport(): Promise<void>
}

function reportParts(state: AppState): ReportParts {
  return {
    ...(state.check.kind === 'done' && { port25: state.check.report }),
    ...(state.discovery.kind === 'done' && { discovery: state.discovery.report }),
    ...state.sendReportParts(),
  }
}

export const createExportSlice =
  (getApi: ApiSource): StateCreator<AppState, [], [], ExportSlice> =>
  (set, get) => {
    /** Runs one action on the file on screen; its outcome is shown beside the buttons. */
    async function act(busy: 'saving' | 'pdf' | 'copying', run: (file: ExportFile) => Promise<ExportOutcome>): Promise<void> {
      const state = get().exporting
      if (state.kind !== 'ready' || state.busy !== null) return
      set({ exporting: { ...state, busy, outcome: null } })
      let outcome: ExportOutcome
      try {
        outcome = await run(state.file)
      } catch (err) {
        outcome = { kind: 'error', error: bridgeError(err) }
      }
      const now = get().exporting
      if (now.kind === 'ready' && now.file === state.file) set({ exporting: { ...now, busy: null, outcome } })
    }

    return {
      exporting: { kind: 'idle' },

      refreshExport() {
        const available = hasMethod(getApi(), 'renderExport')
        const state = get().exporting
        if (!available) set({ exporting: { kind: 'unavailable' } })
        else if (state.kind === 'unavailable') set({ exporting: { kind: 'idle' } })
        // Settings may have changed since the preview was made: make it again.
        else if (state.kind === 'ready' || state.kind === 'failed') void get().renderChoice(state.choice)
      },

      async renderChoice(choice) {
        const api = getApi()
        if (!api) {
          set({ exporting: { kind: 'failed', choice, error: noEngine } })
          return
        }
        const account = accountOf(get())
        if (account === null) return
        set({ exporting: { kind: 'rendering', choice } })
        const { format, withReport } = exporterOf(choice)
        try {
          const result = await api.renderExport({ format, account, ...(withReport && { report: reportParts(get()) }) })
          const now = get().exporting
          if (now.kind !== 'rendering' || now.choice !== choice) return
          set({ exporting: result.ok ? { kind: 'ready', choice, file: result.value, busy: null, outcome: null } : { kind: 'failed', choice, error: result.error } })
        } catch (err) {
          set({ exporting: { kind: 'failed', choice, error: bridgeError(err) } })
        }
      },

      saveExport: () =>
        act('saving', async (file) => {
          const api = getApi()
          if (!api) return { kind: 'error', error: noEngine }
          const result = await api.saveExport({ filename: file.filename, mimeType: file.mimeType, text: file.text, encoding: file.encoding })
          if (!result.ok) return { kind: 'error', error: result.error }
          return result.value.saved ? { kind: 'saved', file: result.value } : { kind: 'not-saved' }
        }),

      saveReportPdf: () =>
        act('pdf', async (file) => {
          const api = getApi()
          if (!api) return { kind: 'error', error: noEngine }
          const filename = `${file.filename.replace(/\.[^.]+$/, '')}.pdf`
          const result = await api.saveReportPdf({ filename })
          if (!result.ok) return { kind: 'error', error: result.error }
          return result.value.saved ? { kind: 'saved', file: result.value } : { kind: 'not-saved' }
        }),

      copyExport: () =>
        act('copying', async (file) => {
          const api = getApi()
          if (!api) return { kind: 'error', error: noEngine }
          const result = await api.copyText({ text: file.text })
          return result.ok ? { kind: 'copied' } : { kind: 'error', error: result.error }
        }),
    }
  }
