// The file on screen: its text, or — for the web-page report — the page itself, rendered in a
// sandboxed frame that may run nothing (sandbox="" and the report's own CSP), then Save, PDF, Copy.
import type { JSX } from 'react'
import { assertNever, sentence } from '../assert-never'
import { useApp } from '../store'
import { isReport, type ExportState } from '../store/export-slice'
import { NotAvailable } from '../ui/NotAvailable'
import { Outcome } from './Outcome'

function Contents({ state }: { state: Extract<ExportState, { kind: 'ready' }> }): JSX.Element {
  const { file } = state
  if (state.choice === 'report') {
    // An empty sandbox: no script, no forms, no navigation, an opaque origin; the page's CSP
    // (default-src 'none') stops any load as well.
    return <iframe className="report-frame" sandbox="" srcDoc={file.text} title={`The report as it will look: ${file.filename}`} />
  }
  return <pre className="preview-text print-area" tabIndex={0} aria-label={`Contents of ${file.filename}`}>{file.text}</pre>
}

export function Preview({ state }: { state: ExportState }): JSX.Element | null {
  const save = useApp((s) => s.saveExport)
  const savePdf = useApp((s) => s.saveReportPdf)
  const copy = useApp((s) => s.copyExport)
  switch (state.kind) {
    case 'unavailable':
      return <NotAvailable what="Exporting settings for Thunderbird, Outlook and Apple Mail" />
    case 'idle':
      return <p className="hint">Choose a format to see what the file will hold.</p>
    case 'rendering':
      return <p className="hint" aria-busy="true">Preparing the preview…</p>
    case 'failed':
      return (
        <div className="error" role="alert">
          <strong>This format cannot be made from the current settings.</strong> {sentence(state.error.message)}
        </div>
      )
    case 'ready':
      return (
        <section className="preview" aria-labelledby="preview-title">
          <h4 id="preview-title">Preview: <span className="mono">{state.file.filename}</span></h4>
          <Contents state={state} />
          {state.file.instructions !== '' && <p className="instructions">{state.file.instructions}</p>}
          <div className="step-footer" aria-busy={state.busy !== null}>
            <button type="button" className="primary" onClick={() => void save()} disabled={state.busy !== null}>
              {state.busy === 'saving' ? 'Saving…' : 'Save…'}
            </button>
            {isReport(state.choice) && (
              <button type="button" onClick={() => void savePdf()} disabled={state.busy !== null}>
                {state.busy === 'pdf' ? 'Making the PDF…' : 'Save as PDF…'}
              </button>
            )}
            <button type="button" onClick={() => void copy()} disabled={state.busy !== null}>Copy to clipboard</button>
          </div>
          <div role="status" aria-live="polite"><Outcome outcome={state.outcome} /></div>
        </section>
      )
    default:
      return assertNever(state)
  }
}
