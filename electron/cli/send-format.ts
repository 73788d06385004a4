// Text output of `clearport send`: the verdict and its advice first, the evidence below.
import { certificateStanding, type SendResult } from '@shared/send'
import type { SendProgress } from '../engine/send/stages'
import { clip, screen, table } from './text'

const clean = (text: string | null | undefined, max = 200): string => clip(text, max)



export function progressLine(event: SendProgress): string {
  const ms = event.ms === null ? '' : ` ${event.ms} ms`
  return screen(`  ${event.service} ${event.stage.padEnd(12)} ${event.status === 'done' ? 'ok    ' : 'failed'}${ms}  ${clean(event.detail, 100)}`)
}

export function formatSendResult(result: SendResult): string {
  const { request, smtp, readBack, problem } = result
  const where = `${request.smtp.host}:${request.smtp.port} (${request.smtp.socket})`
  const what = request.mode === 'check' ? 'sign-in and envelope check' : 'test message'
  const lines: string[] = []
  if (result.ok) {
    lines.push(
      request.mode === 'check'
        ? `OK: signed in to ${where} as ${clean(request.username, 80)}; the server would take mail from ${request.address} to ${request.to} (nothing was sent).`
        : `OK: signed in to ${where} as ${clean(request.username, 80)} and the server accepted the test message to ${request.to}.`,
    )
  } else {
    lines.push(`FAILED (${what}): ${clean(problem?.title, 300)}`, '', clean(problem?.advice, 1000))
    if (problem?.response) lines.push('', `Server said: ${clean(problem.response, 300)}${problem.command ? ` (to ${clean(problem.command, 40)})` : ''}`)
    if (problem) lines.push(`Codes: ${problem.code}; ${clean(problem.detail, 120)}`)
    if (problem?.seeAlso === 'port25') lines.push('See also: "clearport port25" shows which mail ports this network lets out.')
  }
  lines.push('', 'Outgoing:')
  lines.push(`  server     ${where}${smtp.connectedAddress ? ` at ${smtp.connectedAddress}` : ''}`)
  const cert = smtp.tls?.certificate
  if (smtp.tls) {
    lines.push(`  TLS        ${smtp.tls.protocol ?? '?'} ${smtp.tls.cipher ?? ''}`.trimEnd())
    if (cert) lines.push(`  certificate ${clean(cert.subject, 80)}, issued by ${clean(cert.issuer, 80)}, ${certificateStanding(cert)}`)
  } else if (smtp.connectedAddress) {
    lines.push('  TLS        none (plain text)')
  }
  if (smtp.offeredAuth.length > 0) lines.push(`  sign-in    offered ${clean(smtp.offeredAuth.join(' '), 120)}${smtp.mechanism ? `; used ${clean(smtp.mechanism, 40)}` : ''}`)
  if (smtp.finalReply) lines.push(`  reply      ${clean(smtp.finalReply)}`)
  if (smtp.token) lines.push(`  message    subject "ClearPort test ${smtp.token}", Message-ID ${clean(smtp.messageId, 120)}`)
  if (readBack && request.imap) {
    lines.push('', 'Incoming (read-back):')
    lines.push(`  server     ${request.imap.host}:${request.imap.port} (${request.imap.socket})`)
    if (readBack.arrived) {
      lines.push(`  arrived    in ${clean(readBack.mailbox, 60)} after ${readBack.deliveryMs} ms (searched every ${readBack.pollMs} ms)${readBack.deleted ? '; deleted again' : ''}`)
    } else {
      lines.push('  arrived    no')
    }
  }
  if (result.warnings.length > 0) lines.push('', 'Warnings:', ...result.warnings.map((w) => `  - ${clean(w, 300)}`))
  const rows = [['stage', 'ms', 'result', 'detail'], ...result.timings.map((t) => [t.stage, String(t.ms), t.ok ? 'ok' : 'failed', clean(t.detail, 90)])]
  lines.push('', `Stages (${result.elapsedMs} ms in all):`, table(rows))
  // The last gate: whatever a server managed to put into any line above is made harmless here.
  return screen(lines.join('\n'))
}
