// The one best way into the chosen mail program: its steps, then what it needs — the values to
// type, the file to save, or the QR code to scan — and the save button with its outcome.
import { useMemo, type JSX } from 'react'
import { sentence } from '../assert-never'
import { useApp } from '../store'
import { accountOf } from '../store/account'
import type { ExportChoice } from '../store/export-slice'
import { Outcome } from './Outcome'
import { routeOf, type MailProgram } from './programs'
import { QrCode } from './QrCode'
import { ServerValues } from './ServerValues'

function SaveButton({ choice, label, primary }: { choice: ExportChoice; label: string; primary: boolean }): JSX.Element {
  const state = useApp((s) => s.exporting)
  const saveChoice = useApp((s) => s.saveChoice)
  const busy = (state.kind === 'ready' && state.busy !== null) || state.kind === 'rendering'
  const mine = state.kind !== 'unavailable' && state.kind !== 'idle' && state.choice === choice
  return (
    <div className="route-save">
      <button type="button" className={primary ? 'primary' : undefined} onClick={() => void saveChoice(choice)} disabled={busy}>
        {mine && state.kind === 'ready' && state.busy === 'saving' ? 'Saving…' : label}
      </button>
      <div role="status" aria-live="polite">
        {mine && state.kind === 'ready' && <Outcome outcome={state.outcome} />}
        {mine && state.kind === 'failed' && <p className="field-error">{sentence(state.error.message)}</p>}
      </div>
    </div>
  )
}

export function RouteCard({ program }: { program: MailProgram }): JSX.Element | null {
  const state = useApp((s) => s)
  const account = useMemo(() => accountOf(state), [state])
  const route = routeOf(program)
  if (account === null) return null
  return (
    <section className="card route" aria-labelledby="route-title" data-program={program}>
      <h3 id="route-title">{route.headline}</h3>
      <div className={route.kind === 'qr' ? 'route-body route-body--qr' : 'route-body'}>
        <ol className="route-steps">
          {route.steps.map((step) => <li key={step}>{step}</li>)}
        </ol>
        {route.kind === 'qr' && <QrCode account={account} />}
      </div>
      {route.kind === 'type' && <ServerValues account={account} />}
      {/* A file route's file is the way in; elsewhere the sheet is a copy to keep. */}
      <SaveButton choice={route.choice} label={route.save} primary={route.kind === 'file'} />
      {route.aside && (
        <div className="route-aside">
          <p>{route.aside.text}</p>
          <SaveButton choice={route.aside.choice} label={route.aside.save} primary={false} />
        </div>
      )}
    </section>
  )
}
