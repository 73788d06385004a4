// Pure IMAP response-line parsing for a probe: the greeting, CAPABILITY and tagged results
// (RFC 9051 §7, RFC 3501 §7). Only what a capability probe needs; literals never appear in these
// responses, so a line ending in {n} is just text here.

export type ImapStatus = 'OK' | 'NO' | 'BAD' | 'PREAUTH' | 'BYE'

export type ImapLine =
  | { kind: 'status'; tag: string; status: ImapStatus; code: string | null; text: string }
  | { kind: 'capability'; capabilities: string[] }
  | { kind: 'continuation'; text: string }
  | { kind: 'other'; text: string }

export interface ImapCapabilities {
  raw: string[]
  imap4rev1: boolean
  imap4rev2: boolean
  startTls: boolean
  /** LOGINDISABLED: the LOGIN command is refused (RFC 3501 §6.2.3; usual before TLS). */
  loginDisabled: boolean
  /** SASL mechanisms from AUTH=... */
  auth: string[]
}

const STATUS = /^(\*|[A-Za-z0-9.]+) (OK|NO|BAD|PREAUTH|BYE)(?: (.*))?$/i
const CODE = /^\[([^\]]*)\]\s?(.*)$/
/** Capability atoms are ATOM-CHARs (RFC 9051 §9): no controls, spaces, parentheses, braces, quotes. */
const ATOM = /^[!#$&'+,\-./0-9:;<=>?@A-Z^_`a-z|~]{1,100}$/

function atoms(text: string): string[] {
  return text
    .split(' ')
    .filter((t) => t !== '')
    .filter((t) => ATOM.test(t))
    .slice(0, 200)
}

export function parseImapLine(line: string): ImapLine {
  if (line.startsWith('+')) return { kind: 'continuation', text: line.slice(1).trim() }
  const cap = /^\* CAPABILITY(?: (.*))?$/i.exec(line)
  if (cap) return { kind: 'capability', capabilities: atoms(cap[1] ?? '') }
  const status = STATUS.exec(line)
  if (status) {
    const rest = status[3] ?? ''
    const code = CODE.exec(rest)
    return {
      kind: 'status',
      tag: status[1]!,
      status: status[2]!.toUpperCase() as ImapStatus,
      code: code ? code[1]! : null,
      text: code ? code[2]! : rest,
    }
  }
  return { kind: 'other', text: line }
}

/** Capabilities carried in a response code: `[CAPABILITY IMAP4rev1 STARTTLS ...]`. */
export function capabilitiesFromCode(code: string | null): string[] | null {
  if (!code) return null
  const match = /^CAPABILITY(?: (.*))?$/i.exec(code)
  return match ? atoms(match[1] ?? '') : null
}

export function interpretImapCapabilities(raw: string[]): ImapCapabilities {
  const upper = raw.map((c) => c.toUpperCase())
  return {
    raw,
    imap4rev1: upper.includes('IMAP4REV1'),
    imap4rev2: upper.includes('IMAP4REV2'),
    startTls: upper.includes('STARTTLS'),
    loginDisabled: upper.includes('LOGINDISABLED'),
    auth: upper.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5)).filter((m) => m !== ''),
  }
}
