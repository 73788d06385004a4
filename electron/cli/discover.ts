// `clearport discover ADDRESS`: the settings, where each came from and whether a probe proved it,
// as text a person reads at a glance, or as one JSON object.
import { untestedFor, untestedSentence, type DiscoveredServer, type DiscoveryProgress, type DiscoveryReport, type Port25Hint, type UntestedDirection } from '@shared/discovery'
import { hintFromReport } from '@shared/port25-hint'
import { exitCodes, UsageError } from './cli-error'
import { readJsonFile } from './json-file'
import { clip as clean, jsonText, screen, table } from './text'
import type { ServerSettings } from '@shared/settings'
import { discover } from '../engine/discover/index'

export interface DiscoverCommand {
  json: boolean
  quiet: boolean
  address: string
  dnsServer?: string
  portMap?: Record<string, number>
  /** undefined: Mozilla's; null: off. */
  ispdbBaseUrl?: string | null
  /** A `clearport port25 --json` report: ports this network blocks are ranked last. */
  port25File?: string
}



const PROTOCOL: Record<ServerSettings['protocol'], string> = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' }

function settingsLine(label: string, s: ServerSettings | undefined, untested: UntestedDirection | null): string {
  if (!s) return `  ${label}  none verified`
  const line = `  ${label}  ${PROTOCOL[s.protocol]} ${s.host}:${s.port} ${s.socket}, user ${clean(s.username, 60)}, auth ${s.auth.join(' / ') || '-'}`
  if (!untested) return line
  return `${line}\n            NOT TESTED: ${untestedSentence(untested)}`
}

function serverRows(servers: DiscoveredServer[]): string[][] {
  return servers.map((s) => [
    PROTOCOL[s.protocol],
    clean(s.host, 40),
    String(s.port),
    s.socket,
    s.verified.status === 'ok' ? 'verified' : s.verified.status,
    s.verified.authMechanisms.join(' ') || '-',
    [...new Set(s.sources.map((r) => r.source))].join(', '),
    clean(s.verified.status === 'ok' ? `${s.verified.ms} ms` : s.verified.summary, 70),
  ])
}

export function formatDiscovery(report: DiscoveryReport): string {
  const rec = report.recommended
  const lines = [
    `Settings for ${report.address}${report.domain !== report.asciiDomain ? ` (${report.domain})` : ''}: ${rec ? rec.providerName : 'nothing verified'} — ${report.elapsedMs} ms`,
    '',
    'Recommended:',
    settingsLine('incoming', rec?.incoming[0], untestedFor(report, 'incoming')),
    settingsLine('outgoing', rec?.outgoing[0], untestedFor(report, 'outgoing')),
  ]
  const verifiedOnly = (direction: 'incoming' | 'outgoing'): ServerSettings[] => (untestedFor(report, direction) ? [] : (rec?.[direction].slice(1) ?? []))
  const alternatives = [...verifiedOnly('incoming'), ...verifiedOnly('outgoing')]
  if (alternatives.length > 0) {
    lines.push('', 'Verified alternatives:', ...alternatives.map((s) => `  ${PROTOCOL[s.protocol]} ${s.host}:${s.port} ${s.socket}`))
  }
  const all = [...report.incoming, ...report.outgoing]
  if (all.length > 0) {
    lines.push('', 'Every candidate (probed):', table([['proto', 'host', 'port', 'socket', 'probe', 'AUTH after TLS', 'sources', 'detail'], ...serverRows(all)]))
  }
  if (report.disagreements.length > 0) {
    lines.push('', 'Where the sources disagree:', ...report.disagreements.map((d) => `  - ${clean(d.message, 300)}`))
  }
  lines.push(
    '',
    'Sources:',
    table(report.sources.map((s) => [`  ${s.source}`, s.status, `${s.ms} ms`, clean(s.detail, 120)])),
  )
  const rejected = report.sources.flatMap((s) => s.rejected.map((r) => `  - ${s.source}: ${clean(r, 200)}`))
  if (rejected.length > 0) lines.push('', 'Rejected values:', ...rejected)
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((n) => `  - ${clean(n, 300)}`))
  return screen(lines.join('\n'))
}

export function progressLine(event: DiscoveryProgress): string | null {
  if (event.type === 'source') {
    return event.state === 'started' ? null : `  source   ${event.source.padEnd(12)} ${event.found > 0 ? `${event.found} found` : clean(event.detail, 100)}`
  }
  if (event.state === 'probing') return null
  return `  probe    ${PROTOCOL[event.protocol]} ${event.host}:${event.port} ${event.socket} → ${event.status ?? '?'}`
}

/** Runs discovery for the CLI; exit code 0 when there are settings to use (verified, or published and untested here), 1 otherwise. */
export async function runDiscover(command: DiscoverCommand, signal: AbortSignal, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let port25: Port25Hint | undefined
  if (command.port25File !== undefined) {
    const hint = hintFromReport(await readJsonFile(command.port25File, 'port-25 report'))
    if (!hint.ok) throw new UsageError(`the port-25 report ${JSON.stringify(command.port25File)} is invalid at ${hint.message}`)
    port25 = hint.value
  }
  const report = await discover(command.address, {
    ...(port25 && { port25 }),
    dnsServer: command.dnsServer,
    portMap: command.portMap,
    ...(command.ispdbBaseUrl !== undefined && { ispdbBaseUrl: command.ispdbBaseUrl }),
    signal,
    onProgress: (event) => {
      if (command.quiet) return
      const line = progressLine(event)
      if (line) err(`${line}\n`)
    },
  })
  out(command.json ? `${jsonText(report)}\n` : `${formatDiscovery(report)}\n`)
  return report.recommended ? exitCodes.done : exitCodes.failed
}
