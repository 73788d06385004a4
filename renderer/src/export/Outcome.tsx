// What became of a save or copy, in one line beside the buttons.
import type { JSX } from 'react'
import { assertNever, sentence } from '../assert-never'
import type { ExportOutcome } from '../store/export-slice'

export function Outcome({ outcome }: { outcome: ExportOutcome | null }): JSX.Element | null {
  if (outcome === null) return null
  switch (outcome.kind) {
    case 'saved': return <p className="ok-text">Saved{outcome.file.path !== undefined ? ` to ${outcome.file.path}` : ''}.</p>
    case 'copied': return <p className="ok-text">Copied to the clipboard.</p>
    case 'not-saved': return <p className="hint">Not saved: the dialog was closed.</p>
    case 'error': return <p className="field-error">{sentence(outcome.error.message)}</p>
    default: return assertNever(outcome)
  }
}
