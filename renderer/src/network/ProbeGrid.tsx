// The evidence: one row per connection, sorted by port, filling in live while the check runs.
// Four columns that wrap, so nothing scrolls sideways even at 800 px.
import type { JSX } from 'react'
import type { Port25Verdict, ProbeRecord } from '@shared/model'
import { probeOutcome, roleWords, startTlsWords } from './words'

/** By port (the person reads 25 apart from 465/587), then role, then host: stable as rows arrive. */
const byPort = (a: ProbeRecord, b: ProbeRecord): number => a.service - b.service || a.role.localeCompare(b.role) || a.host.localeCompare(b.host) || (a.address ?? '').localeCompare(b.address ?? '')

export function ProbeGrid({ probes, verdict }: { probes: ProbeRecord[]; verdict?: Port25Verdict }): JSX.Element | null {
  if (probes.length === 0) return null
  return (
    <table className="probes">
      <caption>Evidence: {probes.length} {probes.length === 1 ? 'connection' : 'connections'}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">Port</th>
          <th scope="col">Server</th>
          <th scope="col">Result</th>
          <th scope="col">What it said</th>
        </tr>
      </thead>
      <tbody>
        {[...probes].sort(byPort).map((p) => {
          const shown = probeOutcome(p, verdict)
          const tls = startTlsWords(p)
          return (
            <tr key={p.id} data-outcome={shown.state}>
              <td className="num">
                {p.service}
                {/* Tests move services to unprivileged ports; say where the connection really went. */}
                {p.port !== p.service && <span className="via">via {p.port}</span>}
              </td>
              <td>
                <span className="cell-main">{p.provider}</span>
                <span className="cell-sub">{roleWords(p.role)} · <span className="mono">{p.host}</span>{p.address !== null && <> · <span className="mono">{p.address}</span></>}</span>
              </td>
              <td>
                <span className={`outcome outcome--${shown.state}`}>{shown.words}</span>
                <span className="cell-sub">{Math.round(p.ms)} ms</span>
              </td>
              <td className="banner">
                {p.banner !== null ? <span className="mono">{p.banner}</span> : <span className="note">{p.note ?? '—'}</span>}
                {tls !== '' && <span className="cell-sub">{tls}</span>}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
