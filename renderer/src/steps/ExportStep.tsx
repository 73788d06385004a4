// Step 5: the settings as a file a mail program can take, or as a report: choose, preview, save.
import { useEffect, type JSX } from 'react'
import { assertNever, sentence } from '../assert-never'
import { useApp } from '../store'
import { choiceWords } from '../export/words'
import { exportChoices, isReport, type ExportOutcome, type ExportState } from '../store/export-slice'
import { NotAvailable } from '../ui/NotAvailable'
import { StepFooter } from '../ui/StepFooter'
import { StepHeading } from '../ui/StepHeading'

function Outcome({ outcome }: { outcome: ExportOutcome | null }): JSX.Element | null {
  if (outcome === null) return null
  switch (outcome.kind) {
    case 'saved': return <p className="ok-text">Saved{outcome.file.path !== undefined ? ` to ${outcome.file.path}` : ''}.</p>
    case 'copied': return <p className="ok-text">Copied to the clipboard.</p>
    case 'not-saved': return <p className="hint">Not saved: the dialog was closed.</p>
    case 'error': return <p className="field-error">{sentence(outcome.error.message)}</p>
    default: return assertNever(outcome)
  }
}

function Preview({ state }: { state: ExportState }): JSX.Element | null {
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
        <section className="card preview" aria-labelledby="preview-title">
          <h3 id="preview-title">Preview: <span className="mono">{state.file.filename}</span></h3>
          <pre className="preview-text print-area" tabIndex={0} aria-label={`Contents of ${state.file.filename}`}>{state.file.text}</pre>
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

export function ExportStep(): JSX.Element {
  const state = useApp((s) => s.exporting)
  const refresh = useApp((s) => s.refreshExport)
  const render = useApp((s) => s.renderChoice)
  useEffect(() => refresh(), [refresh])
  const selected = state.kind === 'ready' || state.kind === 'rendering' || state.kind === 'failed' ? state.choice : null
  return (
    <section aria-labelledby="step-export-title">
      <StepHeading id="step-export-title">Export</StepHeading>
      <p className="lead">Save the settings in a form your mail program can read, or save a report of what ClearPort found. No file ever holds your password.</p>
      {state.kind !== 'unavailable' && (
        <fieldset className="card formats">
          <legend>Format</legend>
          {exportChoices.map((choice) => {
            const words = choiceWords(choice)
            return (
              <div className="format" key={choice}>
                <input type="radio" id={`format-${choice}`} name="format" checked={selected === choice} onChange={() => void render(choice)} aria-describedby={`format-${choice}-detail`} />
                <label htmlFor={`format-${choice}`}>{words.title}</label>
                <span id={`format-${choice}-detail`} className="hint">{words.detail}</span>
              </div>
            )
          })}
        </fieldset>
      )}
      <Preview state={state} />
      <StepFooter hideNext />
    </section>
  )
}
