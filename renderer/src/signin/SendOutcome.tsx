// The test's answer. Success: one line of proof ("Signed in as … and received the test message
// in 0.4 s"), focused, Next leads on. Failure: the heading in plain words, the advice, and the
// engine's technical sentence, the server's reply and the timings behind "Show details".
import { useEffect, useRef, type JSX } from 'react'
import type { SendResult } from '@shared/send'
import { fill } from '@shared/words/fill'
import { blockedAfter, problemHeading, proofLine, stageWords } from '@shared/words/signin'
import { useApp } from '../store'
import { blockedHere } from '../store/blocked-here'
import { Details } from '../ui/Details'

const CONNECT_FAILURES = new Set(['connection-timeout', 'connection-refused', 'network-unreachable'])

/** The success line, a whole sentence per case. */
export function proofSentence(result: SendResult): string {
  const user = result.request.username
  const read = result.readBack
  if (result.request.mode === 'check') return fill(proofLine.checked, { user })
  if (read === null) return fill(proofLine.sent, { user })
  if (!read.arrived) return fill(proofLine.notArrived, { user })
  const seconds = read.deliveryMs !== null ? (read.deliveryMs / 1000).toFixed(1) : '?'
  return read.mailbox !== null && read.mailbox.toUpperCase() !== 'INBOX' ? fill(proofLine.receivedIn, { user, seconds, mailbox: read.mailbox }) : fill(proofLine.received, { user, seconds })
}

function Timings({ result }: { result: SendResult }): JSX.Element {
  return (
    <table className="probes timings">
      <caption>Timings ({Math.round(result.elapsedMs)} ms in all)</caption>
      <thead>
        <tr><th scope="col">Step</th><th scope="col">Result</th><th scope="col" className="num">Time</th><th scope="col">What was seen</th></tr>
      </thead>
      <tbody>
        {result.timings.map((t) => (
          <tr key={t.stage}>
            <td>{stageWords[t.stage]}</td>
            <td><span className={`outcome outcome--${t.ok ? 'open' : 'refused'}`}>{t.ok ? 'ok' : 'failed'}</span></td>
            <td className="num">{Math.round(t.ms)} ms</td>
            <td className="mono banner">{t.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function SendOutcome({ result }: { result: SendResult }): JSX.Element {
  const goTo = useApp((s) => s.goTo)
  const check = useApp((s) => s.check)
  const discovery = useApp((s) => s.discovery)
  const blocked = blockedHere({ check, discovery }, result.request.smtp.port)
  const headingRef = useRef<HTMLHeadingElement>(null)
  // A finished test moves focus to its answer, as the network check does.
  useEffect(() => headingRef.current?.focus(), [result])
  const problem = result.problem
  const heading = result.ok ? proofSentence(result) : problem !== null ? problemHeading[problem.code] : 'The test did not succeed'
  return (
    <section className={`card verdict verdict--${result.ok ? 'works' : 'no-port'}`} aria-labelledby="send-outcome-title" data-send-ok={String(result.ok)}>
      <h3 id="send-outcome-title" tabIndex={-1} ref={headingRef}>{heading}</h3>
      {problem !== null && (
        <>
          <p className="verdict-line">{problem.advice}</p>
          {blocked !== null && problem.service === 'smtp' && CONNECT_FAILURES.has(problem.code) && (
            <p className="verdict-line" data-linked-finding={blocked.by}>{fill(blockedAfter[blocked.by], { port: blocked.port })}</p>
          )}
          {problem.seeAlso === 'port25' && <button type="button" onClick={() => goTo('network')}>Check which ports this network lets out</button>}
        </>
      )}
      {result.warnings.length > 0 && (
        <ul className="verdict-notes">
          {result.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      <Details>
        {problem !== null && (
          <div className="technical">
            <p className="technical-title">{problem.title}</p>
            {problem.response !== null && <p>The server said: <span className="mono">{problem.response}</span></p>}
            <p className="hint">{problem.detail}</p>
          </div>
        )}
        <Timings result={result} />
      </Details>
    </section>
  )
}
