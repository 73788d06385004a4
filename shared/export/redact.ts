// Redaction for anything that leaves the machine in a report. Transcripts should already be free of
// credentials (the engine never logs them), but a report is shared with strangers, so it is
// redacted again here: whatever follows AUTH / AUTHENTICATE / LOGIN / PASS, every client line of a
// SASL exchange (RFC 4954 §4: base64 responses to 334 challenges), any client line that looks like
// base64, and every occurrence of a secret the caller names (also in its base64 form).
import type { TranscriptLine } from '../model'

export const REDACTED = '[redacted]'

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** Every secret and its base64 form, longest first (so a longer secret is not half-replaced). */
function needles(secrets: readonly string[]): string[] {
  const all = new Set<string>()
  for (const s of secrets) {
    if (s.length === 0) continue
    all.add(s)
    all.add(base64(s))
  }
  return [...all].sort((a, b) => b.length - a.length)
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const needle of needles(secrets)) out = out.split(needle).join(REDACTED)
  return out
}

/** Every string inside a plain-data value, redacted (keys too: a key can carry text as well). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, secrets)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [redactSecrets(k, secrets), walk(item)]))
    return v
  }
  return walk(value) as T
}

const BASE64_LINE = /^[A-Za-z0-9+/]{8,}={0,2}$/

/** One client line: the command word(s) kept, credentials gone. Returns [text, starts a SASL exchange]. */
function redactClientLine(text: string): [string, boolean] {
  const trimmed = text.trim()
  // SMTP AUTH <mechanism> [initial-response] (RFC 4954); IMAP "<tag> AUTHENTICATE <mechanism> [...]".
  const auth = /^((?:\S+\s+)?(?:AUTH|AUTHENTICATE))(?:\s+(\S+))?(\s+.*)?$/i.exec(trimmed)
  if (auth) {
    const head = auth[2] ? `${auth[1]} ${auth[2]}` : (auth[1] ?? '')
    return [auth[3] ? `${head} ${REDACTED}` : head, true]
  }
  // IMAP "<tag> LOGIN user password" (RFC 9051 §6.2.3).
  const login = /^(\S+\s+LOGIN)\b/i.exec(trimmed)
  if (login) return [`${login[1]} ${REDACTED}`, false]
  // POP3 PASS and APOP (RFC 1939 §7).
  if (/^PASS\b/i.test(trimmed)) return [`PASS ${REDACTED}`, false]
  const apop = /^(APOP\s+\S+)\s+\S+/i.exec(trimmed)
  if (apop) return [`${apop[1]} ${REDACTED}`, false]
  if (BASE64_LINE.test(trimmed)) return [REDACTED, false]
  return [text, false]
}

export function redactTranscript(lines: readonly TranscriptLine[], secrets: readonly string[] = []): TranscriptLine[] {
  let inSasl = false
  return lines.map((line) => {
    let text = line.text
    if (line.dir === 'client') {
      if (inSasl) text = REDACTED
      else {
        const [redacted, starts] = redactClientLine(text)
        text = redacted
        inSasl = starts
      }
    } else if (line.dir === 'server' && inSasl) {
      // The exchange goes on while the server sends challenges: 334 (SMTP) or "+" (IMAP).
      if (!/^(334[ -]|\+)/.test(line.text)) inSasl = false
    }
    return { ...line, text: redactSecrets(text, secrets) }
  })
}
