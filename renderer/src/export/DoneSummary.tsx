// "Done": what ClearPort proved about these settings and which files were saved, shown in the
// Export step once something was saved for the current address.
import { useMemo, type JSX } from 'react'
import type { DiscoveryReport } from '@shared/discovery'
import { hostWords } from '@shared/export/describe'
import type { ServerSettings } from '@shared/settings'
import { useApp } from '../store'
import { accountOf } from '../store/account'
import type { AppState } from '../store/app-state'
import { choiceWords } from './words'

/** What discovery (or the test send) proved about one server, in words. */
function serverProof(server: ServerSettings, report: DiscoveryReport | null, sentThrough: string | null): string {
  const where = `${hostWords(server.host)}:${server.port}`
  if (sentThrough === `${server.host}:${server.port}`) return `${where}: reachable from here, encrypted, and it took the test message.`
  const found = report && [...report.incoming, ...report.outgoing].find((s) => s.host === server.host && s.port === server.port && s.protocol === server.protocol)
  if (found?.verified.status === 'ok') return `${where}: reachable from here, encrypted, with a valid certificate.`
  if (report?.untested.length) return `${where}: published by your provider, not tested from this network.`
  return `${where}: not checked by ClearPort.`
}

function proofs(state: AppState): string[] {
  const account = accountOf(state)
  const report = state.discovery.kind === 'done' ? state.discovery.report : null
  const lines: string[] = []
  const sent = state.signIn.kind === 'done' && state.signIn.result.ok ? `${state.signIn.result.request.smtp.host}:${state.signIn.result.request.smtp.port}` : null
  lines.push(state.check.kind === 'done' ? `Network: ${state.check.report.headline}` : 'Network: not checked.')
  const incoming = account?.incoming[0]
  const outgoing = account?.outgoing[0]
  if (incoming) lines.push(`Incoming server ${serverProof(incoming, report, null)}`)
  if (outgoing) lines.push(`Outgoing server ${serverProof(outgoing, report, sent)}`)
  const signIn = state.signIn
  if (signIn.kind === 'done' && signIn.result.ok) {
    const read = signIn.result.readBack
    lines.push(`Sign-in: signed in and sent a test message${read?.arrived ? ', and it arrived' : ''}.`)
  } else {
    lines.push('Sign-in: not proven here; your mail program will ask for the password.')
  }
  return lines
}

export function DoneSummary(): JSX.Element | null {
  const state = useApp((s) => s)
  const parsed = state.parsed
  const address = parsed?.ok ? parsed.value.address : null
  const saved = state.savedExports.filter((s) => s.address === address)
  const proven = useMemo(() => proofs(state), [state])
  if (saved.length === 0) return null
  return (
    <section className="card done" aria-labelledby="done-title">
      <h3 id="done-title">Done</h3>
      <div className="done-columns">
        <div>
          <h4>What ClearPort proved</h4>
          <ul>{proven.map((line) => <li key={line}>{line}</li>)}</ul>
        </div>
        <div>
          <h4>What you saved</h4>
          <ul>
            {saved.map((s) => (
              <li key={`${s.choice}:${s.path}`}>{choiceWords(s.choice).title}: <span className="mono">{s.path}</span></li>
            ))}
          </ul>
        </div>
      </div>
      <p className="hint">No file holds your password: type it into your mail program when it asks.</p>
    </section>
  )
}
