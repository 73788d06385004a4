// Pure POP3 response parsing for a probe: status lines (+OK / -ERR, RFC 1939 §3) and the CAPA
// list (RFC 2449 §5), a multi-line response ended by "." with byte-stuffing undone.

export interface Pop3Status {
  ok: boolean
  text: string
}

export interface Pop3Capabilities {
  raw: string[]
  /** STLS: STARTTLS for POP3 (RFC 2595 §4). */
  stls: boolean
  /** USER/PASS allowed. */
  user: boolean
  /** SASL mechanisms from the SASL capability. */
  sasl: string[]
  implementation: string | null
}

export class Pop3ParseError extends Error {
  override readonly name = 'Pop3ParseError'
}

/** A status line, or a ParseError naming what came instead. */
export function parsePop3Status(line: string): Pop3Status {
  if (/^\+OK\b/i.test(line)) return { ok: true, text: line.slice(3).trim() }
  if (/^-ERR\b/i.test(line)) return { ok: false, text: line.slice(4).trim() }
  throw new Pop3ParseError(`the server sent a line that is not a POP3 reply: ${JSON.stringify(line.slice(0, 80))}`)
}

/** Collects the lines of a multi-line response; `add` returns true at the terminating ".". */
export class MultilineCollector {
  readonly lines: string[] = []
  constructor(private readonly maxLines = 200) {}

  add(line: string): boolean {
    if (line === '.') return true
    if (this.lines.length >= this.maxLines) throw new Pop3ParseError(`a multi-line reply has more than ${this.maxLines} lines`)
    this.lines.push(line.startsWith('..') ? line.slice(1) : line)
    return false
  }
}

export function interpretCapa(lines: string[]): Pop3Capabilities {
  const upper = lines.map((l) => l.trim().toUpperCase())
  const sasl = upper.find((l) => l.startsWith('SASL'))
  const impl = lines.find((l) => /^IMPLEMENTATION\b/i.test(l.trim()))
  return {
    raw: lines.map((l) => l.trim()),
    stls: upper.includes('STLS'),
    user: upper.includes('USER'),
    sasl: sasl ? sasl.split(/\s+/).slice(1).filter((m) => /^[A-Z0-9_-]{1,40}$/.test(m)) : [],
    implementation: impl ? impl.trim().slice('IMPLEMENTATION'.length).trim() : null,
  }
}
