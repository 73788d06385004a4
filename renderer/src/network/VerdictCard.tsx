// The answer, first and in plain words: which port a mail program sends on from here (green when
// sending works), the clear warnings (intercepted, stripped), then the port-25 fact for people who
// run a mail server — second, and no alarm. The engine's own wording and the evidence are behind
// "Show details" inside the card (VerdictDetails and the evidence table). The colour only repeats
// what the words say.
import { useEffect, useRef, type JSX, type ReactNode } from 'react'
import type { Port25Finding, Port25Report } from '@shared/model'
import { noGreetingFact, portState, portStateWords, sendingWords, serverFact, serverFactTitle, verdictWarning } from '@shared/words/network'
import { Details } from '../ui/Details'
import { familyWords, howWords } from './words'

/** The order a mail program should try them in (RFC 8314 first). */
const PORT_ORDER: readonly number[] = [465, 587, 2525]

function SendingPorts({ report }: { report: Port25Report }): JSX.Element {
  return (
    <section className="submission" aria-labelledby="submission-title">
      <h4 id="submission-title">Ports for sending from a mail program</h4>
      <ul>
        {[...report.submission].sort((a, b) => PORT_ORDER.indexOf(a.port) - PORT_ORDER.indexOf(b.port)).map((p) => {
          const state = portState(report, p.usable)
          return (
            <li key={p.port} className={`port port--${state}`} data-port={p.port} data-port-state={state}>
              <span className="port-number">{p.port}</span>
              <span className="port-word">{portStateWords[state]}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function Findings({ findings }: { findings: Port25Finding[] }): JSX.Element | null {
  if (findings.length === 0) return null
  return (
    <section className="verdict-findings" aria-label="Also found">
      {findings.map((f) => (
        <div key={f.id} className="finding" data-finding={f.id}>
          <h4>{f.title}</h4>
          <p>{f.advice}</p>
        </div>
      ))}
    </section>
  )
}

/** `evidence`: the connections table, placed by the step inside this card's details. */
export function VerdictCard({ report, evidence }: { report: Port25Report; evidence?: ReactNode }): JSX.Element {
  const headingRef = useRef<HTMLHeadingElement>(null)
  // A finished check moves focus to its answer, so keyboard and screen-reader users land on it.
  useEffect(() => headingRef.current?.focus(), [report])
  const words = sendingWords(report)
  const warning = verdictWarning[report.verdict]
  return (
    <section className={`verdict verdict--${words.answer}`} aria-labelledby="verdict-title" data-verdict={report.verdict} data-answer={words.answer}>
      <h3 id="verdict-title" ref={headingRef} tabIndex={-1}>{words.title}</h3>
      <p className="verdict-line">{words.line}</p>
      {warning !== undefined && (
        <div className="callout callout--warn" role="note" data-warning={report.verdict}>
          <h4>{warning.title}</h4>
          <p>{warning.text}</p>
        </div>
      )}
      <Findings findings={report.findings ?? []} />
      <SendingPorts report={report} />
      {report.verdict !== 'offline' && (
        <div className="server-fact" data-server-fact={report.verdict}>
          <h4>{serverFactTitle}</h4>
          <p>{report.how === 'no-greeting' ? noGreetingFact : serverFact[report.verdict]}</p>
        </div>
      )}
      <Details summary={`Show details (${report.probes.length} connections)`}>
        <VerdictDetails report={report} />
        {evidence}
      </Details>
    </section>
  )
}

/** IPv4 and IPv6 each on their own line, shown when both were tried. */
function Families({ report }: { report: Port25Report }): JSX.Element | null {
  const families = report.families
  if (!families?.ipv4 || !families.ipv6) return null
  return (
    <dl className="verdict-families" aria-label="Port 25 by address family">
      <dt>IPv4</dt>
      <dd data-family="ipv4" data-family-verdict={families.ipv4.verdict}>{familyWords(families.ipv4)}</dd>
      <dt>IPv6</dt>
      <dd data-family="ipv6" data-family-verdict={families.ipv6.verdict}>{familyWords(families.ipv6)}</dd>
    </dl>
  )
}

/** Behind "Show details": the engine's full account, for people who want the why. */
function VerdictDetails({ report }: { report: Port25Report }): JSX.Element {
  return (
    <div className="verdict-details">
      {report.how !== null && <p className="verdict-how">{howWords(report.how)}</p>}
      <p>{report.headline}</p>
      <Families report={report} />
      <p>{report.advice}</p>
      {report.notes.length > 0 && (
        <ul className="verdict-notes">
          {report.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
      <ul className="verdict-notes">
        {report.submission.map((p) => <li key={p.port}>{p.port}: {p.summary}</li>)}
      </ul>
    </div>
  )
}
