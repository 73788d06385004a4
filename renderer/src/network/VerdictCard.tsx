// The answer, large and in words; the colour only repeats what the words say.
import { useEffect, useRef, type JSX } from 'react'
import type { Port25Finding, Port25Report, SubmissionPortStatus } from '@shared/model'
import { familyWords, howWords, verdictTitle } from './words'

function SubmissionPorts({ ports }: { ports: SubmissionPortStatus[] }): JSX.Element {
  const word = (usable: boolean | null): string => (usable === null ? 'not tested' : usable ? 'usable' : 'not usable')
  return (
    <section className="submission" aria-labelledby="submission-title">
      <h4 id="submission-title">Ports for sending from a mail program</h4>
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

export function VerdictCard({ report }: { report: Port25Report }): JSX.Element {
  const headingRef = useRef<HTMLHeadingElement>(null)
  // A finished check moves focus to its answer, so keyboard and screen-reader users land on it.
  useEffect(() => headingRef.current?.focus(), [report])
  return (
    <section className={`verdict verdict--${report.verdict}`} aria-labelledby="verdict-title" data-verdict={report.verdict}>
      <p className="verdict-kicker">Outbound mail from this computer</p>
      <h3 id="verdict-title" ref={headingRef} tabIndex={-1}>{verdictTitle(report.verdict)}</h3>
      {report.how !== null && <p className="verdict-how">{howWords(report.how)}</p>}
      <p className="verdict-headline">{report.headline}</p>
      <Families report={report} />
      <p className="verdict-advice">{report.advice}</p>
      <Findings findings={report.findings ?? []} />
      {report.notes.length > 0 && (
        <ul className="verdict-notes">
          {report.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
      <SubmissionPorts ports={report.submission} />
    </section>
  )
}
