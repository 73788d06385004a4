// The port-25 screen: address field, Check/Cancel, the live evidence grid, then the verdict in
// plain words. Components read the store and call its actions; none touches window.api.
import { useEffect, useRef, type FormEvent, type JSX } from 'react'
import type { BlockHow, Port25Report, Port25Verdict, ProbeRecord, ProbeRole, SubmissionPortStatus, TcpOutcome } from '@shared/model'
import { useStore, type CheckState, type Phase } from './store'

function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`)
}

const verdictTitle = (verdict: Port25Verdict): string => {
  switch (verdict) {
    case 'open': return 'Port 25 is open'
    case 'blocked': return 'Port 25 is blocked'
    case 'intercepted': return 'Port 25 is intercepted'
    case 'stripped': return 'Encryption on port 25 is being stripped'
    case 'offline': return 'You seem to be offline'
    case 'inconclusive': return 'No clear answer'
    default: return assertNever(verdict)
  }
}

const howWords = (how: BlockHow): string => {
  switch (how) {
    case 'timeout': return 'Connections to port 25 are silently dropped.'
    case 'reset': return 'Connections to port 25 are refused.'
    case 'unreachable': return 'The network reports mail servers as unreachable on port 25.'
    default: return assertNever(how)
  }
}

const outcomeWords = (outcome: TcpOutcome): string => {
  switch (outcome) {
    case 'open': return 'connected'
    case 'timeout': return 'timed out'
    case 'refused': return 'refused'
    case 'unreachable': return 'unreachable'
    case 'reset': return 'reset'
    case 'dns-error': return 'name not found'
    default: return assertNever(outcome)
  }
}

const roleWords = (role: ProbeRole): string => {
  switch (role) {
    case 'target': return 'Port 25 test'
    case 'control': return 'Control'
    case 'own': return 'Your provider'
    default: return assertNever(role)
  }
}

const phaseWords = (phase: Phase | null): string => {
  switch (phase) {
    case null: return 'Starting…'
    case 'resolving': return 'Looking up mail servers…'
    case 'probing': return 'Connecting to mail servers…'
    case 'deciding': return 'Weighing the evidence…'
    default: return assertNever(phase)
  }
}

/** Engine messages start in lower case (they are also used mid-sentence); shown alone, capitalise. */
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

function statusText(state: CheckState): string {
  switch (state.kind) {
    case 'idle': return 'Ready. The check takes a few seconds and sends no mail.'
    case 'running':
      if (state.cancelling) return 'Cancelling…'
      return `${phaseWords(state.phase)} ${state.probes.length} answered so far.`
    case 'done': return `Finished in ${(state.report.elapsedMs / 1000).toFixed(1)} s.`
    case 'cancelled': return 'The check was cancelled.'
    case 'failed': return 'The check could not finish.'
    default: return assertNever(state)
  }
}

function CheckForm(): JSX.Element {
  const address = useStore((s) => s.address)
  const status = useStore((s) => s.status)
  const setAddress = useStore((s) => s.setAddress)
  const check = useStore((s) => s.check)
  const cancel = useStore((s) => s.cancel)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const checkRef = useRef<HTMLButtonElement>(null)
  const running = status.kind === 'running'
  const addressError = status.kind === 'failed' && status.error.field === 'address' ? status.error.message : null

  // The Check button disables itself while running, which drops keyboard focus: hand it to
  // Cancel, and back to Check once a run ends without a verdict to read.
  useEffect(() => {
    const lost = document.activeElement === document.body || document.activeElement === null
    if (running && lost) cancelRef.current?.focus()
    if ((status.kind === 'cancelled' || status.kind === 'failed') && lost) checkRef.current?.focus()
  }, [running, status.kind])

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    void check(address)
  }

  return (
    <form className="check-form" onSubmit={onSubmit} noValidate aria-label="Port 25 check">
      <div className="field">
        <label htmlFor="address">Your email address <span className="optional">(optional)</span></label>
        <input
          id="address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          maxLength={320}
          placeholder="name@example.com"
          value={address}
          disabled={running}
          aria-invalid={addressError !== null}
          aria-describedby={addressError !== null ? 'address-hint address-error' : 'address-hint'}
          onChange={(e) => setAddress(e.target.value)}
        />
        <p id="address-hint" className="hint">With an address, your own provider’s mail servers are tested too.</p>
        {addressError !== null && <p id="address-error" className="field-error">{sentence(addressError)}</p>}
      </div>
      <div className="actions">
        <button ref={checkRef} type="submit" className="primary" disabled={running}>
          {running ? 'Checking…' : 'Check port 25'}
        </button>
        {running && (
          <button ref={cancelRef} type="button" onClick={() => void cancel()} disabled={status.cancelling}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}

function SubmissionPorts({ ports }: { ports: SubmissionPortStatus[] }): JSX.Element {
  const word = (usable: boolean | null): string => (usable === null ? 'not tested' : usable ? 'usable' : 'not usable')
  return (
    <section className="submission" aria-labelledby="submission-title">
      <h3 id="submission-title">Ports for sending from a mail program</h3>
      <ul>
        {ports.map((p) => (
          <li key={p.port} className={`port port--${p.usable === null ? 'unknown' : p.usable ? 'ok' : 'bad'}`}>
            <span className="port-number">{p.port}</span>
            <span className="port-word">{word(p.usable)}</span>
            <span className="port-summary">{p.summary}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function VerdictCard({ report }: { report: Port25Report }): JSX.Element {
  const headingRef = useRef<HTMLHeadingElement>(null)
  // A finished check moves focus to its answer, so keyboard and screen-reader users land on it.
  useEffect(() => headingRef.current?.focus(), [report])
  return (
    <section className={`verdict verdict--${report.verdict}`} aria-labelledby="verdict-title" data-verdict={report.verdict}>
      <p className="verdict-kicker">Outbound mail from this computer</p>
      <h2 id="verdict-title" ref={headingRef} tabIndex={-1}>{verdictTitle(report.verdict)}</h2>
      {report.how !== null && <p className="verdict-how">{howWords(report.how)}</p>}
      <p className="verdict-headline">{report.headline}</p>
      <p className="verdict-advice">{report.advice}</p>
      {report.notes.length > 0 && (
        <ul className="verdict-notes">
          {report.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
      <SubmissionPorts ports={report.submission} />
    </section>
  )
}

function ProbeGrid({ probes }: { probes: ProbeRecord[] }): JSX.Element | null {
  if (probes.length === 0) return null
  return (
    <div className="grid-wrap" role="region" aria-labelledby="grid-caption" tabIndex={0}>
      <table className="probes">
        <caption id="grid-caption">Evidence: {probes.length} {probes.length === 1 ? 'connection' : 'connections'}</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Provider</th>
            <th scope="col">Host</th>
            <th scope="col">Address</th>
            <th scope="col" className="num">Port</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">Time</th>
            <th scope="col">Banner</th>
            <th scope="col">STARTTLS</th>
          </tr>
        </thead>
        <tbody>
          {probes.map((p) => (
            <tr key={p.id} data-outcome={p.outcome}>
              <td>{roleWords(p.role)}</td>
              <td className="wrap">{p.provider}</td>
              <td className="mono">{p.host}</td>
              <td className="mono">{p.address ?? '—'}</td>
              <td className="num">
                {p.service}
                {/* Tests move services to unprivileged ports; say where the connection really went. */}
                {p.port !== p.service && <span className="via">via {p.port}</span>}
              </td>
              <td><span className={`outcome outcome--${p.outcome}`}>{outcomeWords(p.outcome)}</span></td>
              <td className="num">{Math.round(p.ms)} ms</td>
              <td className={p.banner !== null ? 'mono banner' : 'banner note'}>{p.banner ?? p.note ?? '—'}</td>
              <td>{startTlsWords(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** On an implicit-TLS port STARTTLS is never offered, and rightly so: say that instead. */
function startTlsWords(p: ProbeRecord): string {
  if (p.kind === 'smtps') return p.tls !== null ? 'implicit TLS' : '—'
  return p.startTls === null ? '—' : p.startTls ? 'offered' : 'not offered'
}

function probesOf(state: CheckState): ProbeRecord[] {
  switch (state.kind) {
    case 'idle': return []
    case 'done': return state.report.probes
    case 'running':
    case 'cancelled':
    case 'failed':
      return state.probes
    default: return assertNever(state)
  }
}

export function App(): JSX.Element {
  const status = useStore((s) => s.status)
  const generalError = status.kind === 'failed' && status.error.field !== 'address' ? status.error : null
  return (
    <div className="page">
      <header className="masthead">
        <h1>ClearPort</h1>
        <p>Can mail leave this network? ClearPort tries the mail port (25) and the sending ports against real mail servers and tells you what it found.</p>
      </header>
      <main>
        <CheckForm />
        <p className="status" role="status" aria-live="polite">{statusText(status)}</p>
        {generalError !== null && (
          <div className="error" role="alert">
            <strong>Something went wrong.</strong> {sentence(generalError.message)}
          </div>
        )}
        {status.kind === 'done' && <VerdictCard report={status.report} />}
        <ProbeGrid probes={probesOf(status)} />
      </main>
    </div>
  )
}
