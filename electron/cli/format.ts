// Text output of the `clearport` command: readable at a glance, evidence one screen below.
import type { EndpointProbeReport, FamilyVerdict, Port25Report, ProbeRecord, SmtpCapabilities } from '@shared/model'
import { certificateStanding } from '@shared/send'
import { clip, screen, table } from './text'



export function probeLine(probe: ProbeRecord): string {
  const where = `${probe.host}${probe.address ? ` ${probe.address}` : ''}:${probe.port}`
  const banner = probe.banner ? ` "${clip(probe.banner, 50)}"` : ''
  const tls = probe.startTls === null ? '' : probe.startTls ? ' STARTTLS' : ' no-STARTTLS'
  return screen(`  ${probe.role.padEnd(7)} ${where} ${probe.outcome} ${probe.ms} ms${banner}${tls}${probe.note ? ` (${clip(probe.note, 80)})` : ''}`)
}

function familyLine(name: string, v: FamilyVerdict | null): string {
  if (v === null) return `  ${name}: not tried (no addresses)`
  return `  ${name}: ${v.verdict === 'offline' ? 'does not work on this network' : `${v.verdict}${v.how ? ` (${v.how})` : ''}`}`
}

export function formatPort25(report: Port25Report): string {
  const how = report.how ? ` (${report.how})` : ''
  const families = report.families
  const lines = [
    `Outbound port 25: ${report.verdict.toUpperCase()}${how}`,
    ...(families?.ipv4 && families.ipv6 ? [familyLine('IPv4', families.ipv4), familyLine('IPv6', families.ipv6)] : []),
    '',
    report.headline,
    '',
    report.advice,
    '',
    // Findings beyond the verdict (a dead IPv6), each once with what to do.
    ...(report.findings ?? []).flatMap((f) => [`Also found: ${f.title}.`, `  ${f.advice}`, '']),
    'Submission ports from this network:',
    ...report.submission.map((s) => `  ${s.usable === true ? 'yes' : s.usable === false ? 'no ' : '?  '} ${s.summary}`),
  ]
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((n) => `  - ${clip(n, 200)}`))
  const rows = [['role', 'provider', 'host', 'address', 'port', 'outcome', 'ms', 'STARTTLS', 'banner / note']]
  for (const p of report.probes) {
    rows.push([
      p.role,
      clip(p.provider, 24),
      clip(p.host, 32),
      p.address ?? '-',
      String(p.port),
      p.outcome === 'dns-error' && p.dnsFailure ? `dns-error (${p.dnsFailure})` : p.outcome,
      String(p.ms),
      p.startTls === null ? '-' : p.startTls ? 'yes' : 'no',
      clip(p.note ?? p.banner, 60),
    ])
  }
  lines.push('', `Evidence (${report.probes.length} probes, silent connects given up after ${report.silentCutoffMs} ms, ${report.elapsedMs} ms in all):`, table(rows))
  return screen(lines.join('\n'))
}

function caps(label: string, c: SmtpCapabilities | null): string[] {
  if (!c) return [`${label}: -`]
  return [`${label}: ${clip(c.domain, 80)} — STARTTLS ${c.startTls ? 'yes' : 'no'}, AUTH ${clip(c.auth.join(' '), 120)}, SIZE ${c.size ?? '-'}`, `  ${c.raw.map((r) => clip(r, 40)).join(', ')}`]
}

export function formatEndpoint(report: EndpointProbeReport): string {
  const lines = [`${report.host}:${report.port} (${report.security}): ${report.ok ? 'OK' : `FAILED — ${clip(report.error?.message ?? 'unknown', 200)}`}`]
  for (const a of report.attempts) lines.push(probeLine(a))
  lines.push(...caps('Before TLS', report.capabilitiesBeforeTls), ...caps('After TLS', report.capabilitiesAfterTls))
  const cert = report.tls?.certificate
  if (report.tls) lines.push(`TLS: ${report.tls.protocol ?? '?'} ${report.tls.cipher ?? ''}`)
  if (cert) {
    lines.push(
      `Certificate: ${clip(cert.subject, 80)} issued by ${clip(cert.issuer, 80)}`,
      `  names: ${clip(cert.subjectAltNames.join(', '), 120)}; valid ${cert.validFrom} → ${cert.validTo}`,
      `  ${certificateStanding(cert)}`,
    )
  }
  lines.push('', 'Transcript:', ...report.transcript.map((t) => `  ${String(t.at).padStart(5)} ms ${t.dir === 'client' ? 'C:' : t.dir === 'server' ? 'S:' : '--'} ${clip(t.text, 200)}`))
  return screen(lines.join('\n'))
}
