// A short text a person can send to their Internet provider when port 25 is blocked, intercepted
// or stripped: what was measured, from where, and the one question to ask. Plain text, built from
// the report; server banners are quoted in printable form only.
import type { Port25Report } from '../model'
import { oneLine } from './text'

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

export function ispMessage(report: Port25Report): string | null {
  const when = oneLine(report.startedAt)
  const workingPorts = report.submission.filter((s) => s.usable === true).map((s) => s.port)
  const controls = workingPorts.length > 0 ? ` Connections to the same providers on port${workingPorts.length > 1 ? 's' : ''} ${workingPorts.join(', ')} worked at the same time.` : ''
  const intro = 'Hello,\n\nI am a customer on this connection and I checked my outgoing mail connections with a diagnostic tool'
  const outro = `\n\nThe full report with every connection attempt is attached.\n\nThank you.`
  switch (report.verdict) {
    case 'blocked': {
      const how = report.how === 'reset' ? 'are refused' : report.how === 'unreachable' ? 'are rejected as unreachable' : 'get no answer'
      return `${intro} (${when}). Outgoing connections to TCP port 25 (SMTP) of several independent mail providers ${how}.${controls}\n\nIs outbound port 25 filtered on my line? If so, can you lift the filter for my connection, or tell me which mail server (smarthost) you provide for sending?${outro}`
    }
    case 'intercepted': {
      const banners = [...new Set(report.probes.filter((p) => p.role === 'target' && p.banner).map((p) => oneLine(p.banner ?? '')))]
      const seen = banners.length > 0 ? ` All of them answered with the same greeting: "${clip(banners[0] ?? '', 200)}".` : ''
      return `${intro} (${when}). Connections to TCP port 25 (SMTP) of different mail providers are all answered by one and the same server.${seen} It looks like port 25 is redirected to a relay of your own.${controls}\n\nDo you redirect outbound port 25? If so, can you switch it off for my connection?${outro}`
    }
    case 'stripped':
      return `${intro} (${when}). On TCP port 25 (SMTP) the mail servers answer, but their offer of encryption (STARTTLS) is missing, although these servers always offer it. Something on the way removes it, which leaves mail readable in transit. Network equipment with an "SMTP inspection" or "fixup" feature is known to do this.${controls}\n\nCan you check whether your network or the router you supplied modifies SMTP traffic, and switch that off?${outro}`
    default:
      return null
  }
}
