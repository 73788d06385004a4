// Every export, whichever program the person named: behind a disclosure, with the preview.
import type { JSX } from 'react'
import { exportChoices } from '@shared/export/choices'
import { useApp } from '../store'
import { Preview } from './Preview'
import { choiceWords } from './words'

export function AllFormats(): JSX.Element {
  const state = useApp((s) => s.exporting)
  const render = useApp((s) => s.renderChoice)
  const selected = state.kind === 'ready' || state.kind === 'rendering' || state.kind === 'failed' ? state.choice : null
  return (
    <details className="card all-formats">
      <summary>All formats ({exportChoices.length}) and a preview of each file</summary>
      <fieldset className="formats">
        <legend>All formats</legend>
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
      <Preview state={state} />
    </details>
  )
}
