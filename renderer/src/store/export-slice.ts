// Step 5: turn the chosen settings into a file for a mail program (or a report), preview it, and
// save it through the native dialog. Rendering is the engine's (pure exporters); saving, printing
// to PDF and the clipboard are the main process's.
import type { StateCreator } from 'zustand/vanilla'
import type { ApiError, SavedFile } from '@shared/contract'
import type { ReportParts } from '@shared/export/report-types'
import { choiceFileName, exporterOf, type ExportChoice } from '@shared/export/choices'
import type { ExportFile } from '@shared/export/types'
import { routeOf, type MailProgram } from '../export/programs'
import { accountOf } from './account'
import type { AppState } from './app-state'
import { bridgeError, hasMethod, noEngine, type ApiSource } from './operation'

// The choices are declared once in shared/ (file names, extensions, words); kept importable from here.
export { exportChoices, exporterOf, type ExportChoice } from '@shared/export/choices'

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

/** A file saved from this step, for the Done summary (only those for the current address count). */
export interface SavedExport {
  choice: ExportChoice
  address: string
  path: string
}

export interface ExportSlice {
  exporting: ExportState
  savedExports: SavedExport[]
  /** The mail program the person named (null until the step first opens and guesses it). */
  program: MailProgram | null
  chooseProgram(program: MailProgram): Promise<void>
  refreshExport(): void
  renderChoice(choice: ExportChoice): Promise<void>
  saveExport(): Promise<void>
  /** Makes `choice` the file on screen (if it is not) and saves it: a route's one button. */
  saveChoice(choice: ExportChoice): Promise<void>
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

    /** A save for the Done summary; saving the same choice again replaces its line. */
    function remember(file: SavedFile): void {
      const state = get().exporting
      const parsed = get().parsed
      const address = parsed?.ok ? parsed.value.address : undefined
      if (state.kind !== 'ready' || address === undefined) return
      const entry: SavedExport = { choice: state.choice, address, path: file.path ?? state.file.filename }
      set({ savedExports: [...get().savedExports.filter((s) => s.choice !== entry.choice || s.address !== address || s.path.endsWith('.pdf') !== entry.path.endsWith('.pdf')), entry] })
    }

    return {
      exporting: { kind: 'idle' },
      savedExports: [],
      program: null,

      async chooseProgram(program) {
        set({ program })
        // The route's file is made at once, so its button saves without waiting.
        if (get().exporting.kind !== 'unavailable') await get().renderChoice(routeOf(program).choice)
      },

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
          // Every choice is saved under its own name (the sheet and the text report share an exporter).
          const file = result.ok ? { ...result.value, filename: choiceFileName(choice, account.address) } : null
          set({ exporting: file !== null ? { kind: 'ready', choice, file, busy: null, outcome: null } : { kind: 'failed', choice, error: result.ok ? noEngine : result.error } })
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
          if (!result.value.saved) return { kind: 'not-saved' }
          remember(result.value)
          return { kind: 'saved', file: result.value }
        }),

      async saveChoice(choice) {
        const state = get().exporting
        if (state.kind !== 'ready' || state.choice !== choice) await get().renderChoice(choice)
        await get().saveExport()
      },

      saveReportPdf: () =>
        act('pdf', async (file) => {
          const api = getApi()
          if (!api) return { kind: 'error', error: noEngine }
          const filename = `${file.filename.replace(/\.[^.]+$/, '')}.pdf`
          const result = await api.saveReportPdf({ filename })
          if (!result.ok) return { kind: 'error', error: result.error }
          if (!result.value.saved) return { kind: 'not-saved' }
          remember(result.value)
          return { kind: 'saved', file: result.value }
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
