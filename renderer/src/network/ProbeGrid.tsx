// The evidence: one row per connection, filling in live while the check runs.
import type { JSX } from 'react'
import type { ProbeRecord } from '@shared/model'
import { probeOutcome, roleWords, startTlsWords } from './words'

export function ProbeGrid({ probes }: { probes: ProbeRecord[] }): JSX.Element | null {
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
          {probes.map((p) => ({ p, shown: probeOutcome(p) })).map(({ p, shown }) => (
            <tr key={p.id} data-outcome={shown.state}>
              <td>{roleWords(p.role)}</td>
              <td className="wrap">{p.provider}</td>
              <td className="mono">{p.host}</td>
              <td className="mono">{p.address ?? '—'}</td>
              <td className="num">
                {p.service}
                {/* Tests move services to unprivileged ports; say where the connection really went. */}
                {p.port !== p.service && <span className="via">via {p.port}</span>}
              </td>
              <td><span className={`outcome outcome--${shown.state}`}>{shown.words}</span></td>
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
