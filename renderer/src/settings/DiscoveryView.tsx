// What discovery found, beyond the chosen pair: the live search, every server to pick another
// (behind "Other servers (N)"), and the provenance in full (behind "Show details").
import type { JSX } from 'react'
import { UNTESTED_ADVICE, cautionWords, endpointKey, isRecommendable, sourceInfo, toSettings, trustRank, untestedFor, untestedWords, type DiscoveredServer, type DiscoveryReport, type VerifyStatus } from '@shared/discovery'
import { directionTitle, sourceLine, statusWords as statusTable } from '@shared/words/settings'
import { useApp } from '../store'
import type { Direction } from '../store/server-draft'
import type { EndpointProgress, SourceProgress } from '../store/settings-slice'
import { protocolWords, socketWords } from './words'

export const statusWords = (status: VerifyStatus): string => statusTable[status]

export function DiscoveryLive({ sources, endpoints }: { sources: SourceProgress[]; endpoints: EndpointProgress[] }): JSX.Element {
  return (
    <div className="live-list">
      <ul aria-label="Sources asked">
        {sources.map((s) => (
          <li key={s.source} data-source={s.source}>
            <span className={`badge badge--${s.state === 'done' ? (s.found > 0 ? 'ok' : 'neutral') : 'busy'}`}>
              {s.state === 'done' ? (s.found > 0 ? `${s.found} found` : 'nothing') : 'asking…'}
            </span>{' '}
            {sourceInfo[s.source].label}
          </li>
        ))}
      </ul>
      {endpoints.length > 0 && (
        <ul aria-label="Servers being tested">
          {endpoints.map((e) => (
            <li key={`${e.protocol}|${e.host}|${e.port}|${e.socket}`}>
              <span className={`badge badge--${e.status === null ? 'busy' : e.status === 'ok' ? 'ok' : 'bad'}`}>
                {e.status === null ? 'testing…' : statusWords(e.status)}
              </span>{' '}
              <span className="mono">{e.host}:{e.port}</span> {protocolWords(e.protocol)}, {e.socket}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function ServerChoice({ server, direction, recommended, untested, domain }: { server: DiscoveredServer; direction: Direction; recommended: boolean; untested: boolean; domain: string }): JSX.Element {
  const chosen = useApp((s) => s.chosen[direction])
  const choose = useApp((s) => s.choose)
  const key = endpointKey(server)
  const id = `choice-${direction}-${key.replace(/[^a-z0-9]/gi, '-')}`
  const checked = chosen !== null && endpointKey(chosen) === key
  const ok = server.verified.status === 'ok'
  const best = [...server.sources].sort((a, b) => trustRank(a.source) - trustRank(b.source))[0]
  return (
    <li className={`choice${checked ? ' choice--checked' : ''}`} data-status={server.verified.status}>
      <input type="radio" id={id} name={`choice-${direction}`} checked={checked} onChange={() => choose(direction, toSettings(server))} aria-describedby={`${id}-detail`} />
      <label htmlFor={id}>
        <span className="mono">{server.host}:{server.port}</span> — {protocolWords(server.protocol)}, {socketWords(server.socket)}
        {recommended && <span className="badge badge--accent">{untested ? 'Published by your provider' : 'Recommended'}</span>}
        <span className={`badge badge--${ok ? 'ok' : untested ? 'warn' : 'bad'}`}>{untested ? 'Not tested from here' : statusWords(server.verified.status)}</span>
      </label>
      <div id={`${id}-detail`} className="choice-detail">
        {best !== undefined && <p>{sourceLine[best.source]}</p>}
        {server.caution && <p className="warning-text">Not recommended: {cautionWords(server.caution, server.host, domain)}</p>}
        {!isRecommendable(server) && !untested && !server.caution && <p className="warning-text">Not recommended: {ok ? 'it does not encrypt, or it is port 25' : 'it did not pass the test'}.</p>}
      </div>
    </li>
  )
}

function ServerList({ report, direction }: { report: DiscoveryReport; direction: Direction }): JSX.Element {
  const servers = report[direction]
  const best = report.recommended?.[direction][0]
  const untested = untestedFor(report, direction) !== null
  const carried = new Set((report.recommended?.[direction] ?? []).map(endpointKey))
  return (
    <fieldset className="choices" data-direction={direction}>
      <legend>{directionTitle[direction]}</legend>
      {servers.length === 0 ? (
        <p className="hint">None found. Enter the server by hand above.</p>
      ) : (
        <ul>
          {servers.map((server) => (
            <ServerChoice
              key={endpointKey(server)}
              server={server}
              direction={direction}
              recommended={best !== undefined && endpointKey(best) === endpointKey(server)}
              untested={untested && carried.has(endpointKey(server))}
              domain={report.asciiDomain}
            />
          ))}
        </ul>
      )}
    </fieldset>
  )
}

/** Every server found, to pick another (behind "Other servers (N)"). */
export function OtherServers({ report }: { report: DiscoveryReport }): JSX.Element {
  return (
    <div className="servers">
      <ServerList report={report} direction="incoming" />
      <ServerList report={report} direction="outgoing" />
    </div>
  )
}

/** Behind "Show details": each server's probe and sources in full, where sources disagree, notes. */
export function Provenance({ report }: { report: DiscoveryReport }): JSX.Element {
  const servers = [...report.incoming, ...report.outgoing]
  return (
    <div className="provenance">
      {report.disagreements.length > 0 && (
        <section className="callout callout--warn" aria-labelledby="disagreements-title">
          <h4 id="disagreements-title">The sources disagree</h4>
          <ul>
            {report.disagreements.map((d) => <li key={`${d.protocol}-${d.about}-${d.message}`}>{d.message}</li>)}
          </ul>
        </section>
      )}
      <ul className="provenance-list" aria-label="What each server showed">
        {servers.map((s) => (
          <li key={endpointKey(s)}>
            <span className="mono">{s.host}:{s.port}</span>: {s.verified.summary}{s.verified.ms > 0 ? ` (${Math.round(s.verified.ms)} ms)` : ''}. Found by {s.sources.map((src) => `${sourceInfo[src.source].label}${src.detail ? ` (${src.detail})` : ''}`).join('; ')}.
          </li>
        ))}
      </ul>
      {report.notes.length > 0 && (
        <ul className="notes">
          {report.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
      <p className="hint">Searched in {(report.elapsedMs / 1000).toFixed(1)} s.</p>
    </div>
  )
}

/** What the search found, in one true sentence (the ports this network blocks named). */
export function discoverySummary(report: DiscoveryReport): string {
  const seconds = (report.elapsedMs / 1000).toFixed(1)
  const rec = report.recommended
  if (!rec) return `No server for ${report.domain} could be verified (${seconds} s). Enter the settings your provider publishes.`
  const missing = (['incoming', 'outgoing'] as const).filter((d) => rec[d].length === 0)
  if (missing.length > 0 && report.untested.length === 0) {
    const which = missing[0] === 'outgoing' ? 'sending (outgoing)' : 'receiving (incoming)'
    return `Found part of the settings for ${rec.providerName} (${seconds} s), but no server for ${which} mail could be verified from here. Enter the one your provider publishes below.`
  }
  if (report.untested.length === 0) return `Found settings for ${rec.providerName} in ${seconds} s. The recommended servers are selected.`
  return `Found the servers ${rec.providerName} publishes (${seconds} s), and selected them. But ${report.untested.map(untestedWords).join('; and ')}. ${UNTESTED_ADVICE}`
}

