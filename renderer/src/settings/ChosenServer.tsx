// One chosen server as the settings block shows it: direction, the server in one line, where it
// came from, a badge saying exactly what was proven, and Edit — the manual editor opens right here,
// in the card being edited.
import type { JSX } from 'react'
import { expandUsername } from '@shared/settings'
import { directionTitle } from '@shared/words/settings'
import { useApp } from '../store'
import { proofOf, type ChosenProof } from '../store/proof'
import type { Direction } from '../store/server-draft'
import { ServerEditor } from './ServerEditor'
import { protocolWords, socketWords } from './words'

const tone = (proof: ChosenProof['proof']): string => {
  switch (proof) {
    case 'sent':
    case 'received':
    case 'verified': return 'ok'
    case 'untested-here': return 'warn'
    case 'not-tested': return 'neutral'
    case 'failed': return 'bad'
  }
}

export function ChosenServer({ direction }: { direction: Direction }): JSX.Element {
  const chosen = useApp((s) => s.chosen[direction])
  const editing = useApp((s) => s.editing)
  const startEdit = useApp((s) => s.startEdit)
  const discovery = useApp((s) => s.discovery)
  const signIn = useApp((s) => s.signIn)
  const address = useApp((s) => (s.parsed?.ok ? s.parsed.value.address : null))
  const proof = chosen === null ? null : proofOf({ discovery, signIn }, direction, chosen)
  const editingHere = editing?.direction === direction
  return (
    <section className="chosen" aria-labelledby={`chosen-${direction}-title`} data-direction={direction} data-proof={proof?.proof}>
      <div className="chosen-head">
        <h4 id={`chosen-${direction}-title`}>{directionTitle[direction]}</h4>
        {proof !== null && <span className={`badge badge--${tone(proof.proof)}`}>{proof.words}</span>}
      </div>
      {chosen === null ? (
        <p className="hint">No server chosen yet.</p>
      ) : (
        <>
          <p className="chosen-server">
            <span className="mono">{chosen.host}:{chosen.port}</span> · {protocolWords(chosen.protocol)} · {socketWords(chosen.socket)}
            {address !== null && <> · user <span className="mono">{expandUsername(chosen.username, address)}</span></>}
          </p>
          {proof !== null && <p className="source-line">{proof.source}</p>}
        </>
      )}
      {editingHere ? (
        <ServerEditor />
      ) : (
        <button type="button" onClick={() => startEdit(direction)} disabled={editing !== null}>
          {chosen ? `Edit ${direction} server` : `Enter ${direction} server`}
        </button>
      )}
    </section>
  )
}
