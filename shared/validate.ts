// Pure validation of what a person (or a hostile renderer) types: addresses, host names, ports,
// DNS servers. Runs in Node and in the renderer, so it uses only standard web APIs (URL for IDN).
// Every failure names what was wrong, quoting the input safely (JSON-escaped, truncated).

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

const MAX_QUOTED = 60

/** Quote untrusted input for a message: escapes control characters, cuts long input. */
export function quote(input: string): string {
  const cut = input.length > MAX_QUOTED ? `${input.slice(0, MAX_QUOTED)}…` : input
  return JSON.stringify(cut)
}

function controlCharProblem(input: string): string | null {
  if (/[\r\n]/.test(input)) return 'contains a line break (CR/LF)'
  if (input.includes('\0')) return 'contains a NUL byte'
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(input)) return 'contains a control character'
  return null
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

/**
 * Turn a (possibly Unicode, upper-case, trailing-dot) domain into its ASCII (punycode) form,
 * or explain why it is not a domain.
 */
export function toAsciiDomain(input: string, what = 'domain'): Parsed<string> {
  const bad = controlCharProblem(input)
  if (bad) return { ok: false, message: `${what} ${quote(input)} ${bad}` }
  let name = input.trim()
  if (name.endsWith('.')) name = name.slice(0, -1)
  if (name === '') return { ok: false, message: `${what} is empty` }
  if (name.length > 253 * 4) return { ok: false, message: `${what} ${quote(input)} is too long` }
  if (/[\s/\\?#@:[\]%<>"'`]/.test(name)) {
    return { ok: false, message: `${what} ${quote(input)} contains a character a host name cannot hold` }
  }
  let ascii: string
  try {
    ascii = new URL(`http://${name}/`).hostname
  } catch {
    return { ok: false, message: `${what} ${quote(input)} is not a valid host name` }
  }
  if (ascii.length > 253) return { ok: false, message: `${what} ${quote(input)} is longer than 253 characters` }
  const labels = ascii.split('.')
  for (const label of labels) {
    if (!LABEL.test(label)) {
      return { ok: false, message: `${what} ${quote(input)} has an invalid part ${quote(label)}` }
    }
  }
  return { ok: true, value: ascii }
}

export interface EmailAddress {
  local: string
  /** The domain as typed, lower-cased, without a trailing dot (may be Unicode). */
  domain: string
  /** The domain in ASCII (punycode) form, for DNS. */
  asciiDomain: string
  /** local@asciiDomain */
  address: string
}

/** Parse an email address the way a person types it: trims, lower-cases the domain, accepts IDN. */
export function parseEmailAddress(input: string): Parsed<EmailAddress> {
  if (typeof input !== 'string') return { ok: false, message: 'the address must be text' }
  const bad = controlCharProblem(input)
  if (bad) return { ok: false, message: `the address ${quote(input)} ${bad}` }
  const text = input.trim()
  if (text === '') return { ok: false, message: 'the address is empty' }
  if (text.length > 320) return { ok: false, message: 'the address is longer than 320 characters' }
  const at = text.lastIndexOf('@')
  if (at < 0) return { ok: false, message: `the address ${quote(text)} has no "@"` }
  const local = text.slice(0, at)
  const domainPart = text.slice(at + 1)
  if (local === '') return { ok: false, message: `the address ${quote(text)} has nothing before the "@"` }
  if (local.length > 64) return { ok: false, message: 'the part before the "@" is longer than 64 characters' }
  if (/[\s<>()[\],;:\\"@]/.test(local)) {
    return { ok: false, message: `the part before the "@" (${quote(local)}) contains a character that needs quoting` }
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, message: `the part before the "@" (${quote(local)}) has a misplaced dot` }
  }
  if (domainPart === '') return { ok: false, message: `the address ${quote(text)} has no domain after the "@"` }
  const ascii = toAsciiDomain(domainPart, 'the domain')
  if (!ascii.ok) return ascii
  if (!ascii.value.includes('.')) {
    return { ok: false, message: `the domain ${quote(domainPart)} has no dot; a mail domain looks like example.com` }
  }
  let domain = domainPart.trim().toLowerCase()
  if (domain.endsWith('.')) domain = domain.slice(0, -1)
  return { ok: true, value: { local, domain, asciiDomain: ascii.value, address: `${local}@${ascii.value}` } }
}

export type HostKind = 'name' | 'ipv4' | 'ipv6'

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function isIPv4(text: string): boolean {
  return IPV4.test(text)
}

export function isIPv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2
  } catch {
    return false
  }
}

/** A host to connect to: a DNS name (IDN allowed) or an IP literal ([v6] brackets allowed). */
export function parseHost(input: string): Parsed<{ host: string; kind: HostKind }> {
  if (typeof input !== 'string') return { ok: false, message: 'the host must be text' }
  const bad = controlCharProblem(input)
  if (bad) return { ok: false, message: `host ${quote(input)} ${bad}` }
  const text = input.trim()
  if (isIPv4(text)) return { ok: true, value: { host: text, kind: 'ipv4' } }
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  if (isIPv6(unbracketed)) return { ok: true, value: { host: unbracketed, kind: 'ipv6' } }
  const ascii = toAsciiDomain(text, 'host')
  if (!ascii.ok) return ascii
  return { ok: true, value: { host: ascii.value, kind: 'name' } }
}

/** A TCP port: a whole number from 1 to 65535, given as a number or as decimal digits. */
export function parsePort(input: string | number, what = 'port'): Parsed<number> {
  const text = typeof input === 'number' ? String(input) : input
  if (typeof text !== 'string' || !/^\d{1,5}$/.test(text.trim())) {
    return { ok: false, message: `${what} ${quote(String(text))} is not a number from 1 to 65535` }
  }
  const port = Number(text.trim())
  if (port < 1 || port > 65535) return { ok: false, message: `${what} ${port} is out of range (1–65535)` }
  return { ok: true, value: port }
}

/**
 * A DNS server as HOST[:PORT], [IPv6]:PORT or a bare IPv6 address. Must be an IP address: the
 * resolver cannot look up its own server by name.
 */
export function parseDnsServer(input: string): Parsed<{ address: string; port: number; spec: string }> {
  if (typeof input !== 'string') return { ok: false, message: 'the DNS server must be text' }
  const bad = controlCharProblem(input)
  if (bad) return { ok: false, message: `DNS server ${quote(input)} ${bad}` }
  const text = input.trim()
  let address = text
  let portText: string | null = null
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text)
  if (bracketed) {
    address = bracketed[1] ?? ''
    portText = bracketed[2] ?? null
  } else if ((text.match(/:/g) ?? []).length === 1) {
    ;[address = '', portText = null] = text.split(':')
  }
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0
  if (family === 0) return { ok: false, message: `DNS server ${quote(text)} must be an IP address, optionally with :PORT` }
  let port = 53
  if (portText !== null) {
    const parsed = parsePort(portText, 'DNS server port')
    if (!parsed.ok) return parsed
    port = parsed.value
  }
  const spec = family === 6 ? `[${address}]:${port}` : `${address}:${port}`
  return { ok: true, value: { address, port, spec } }
}
