// The values several commands' options take, each parsed once: milliseconds, a DNS server, a
// test port map, an ISPDB URL. Bad values are usage errors naming the flag.
import { parseDnsServer, parsePort, quote } from '@shared/validate'
import { UsageError } from './cli-error'

export function milliseconds(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} takes milliseconds from 1 to 999999, not ${JSON.stringify(text)}`)
  return Number(text)
}

export function dnsServer(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const parsed = parseDnsServer(text)
  if (!parsed.ok) throw new UsageError(parsed.message)
  return parsed.value.spec
}

/** "443=8443,993=10993" → { "443": 8443, "993": 10993 } (test option). */
export function portMap(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined
  const map: Record<string, number> = {}
  for (const pair of text.split(',')) {
    const [from = '', to = '', extra] = pair.split('=')
    if (extra !== undefined || to === '') throw new UsageError(`--port-map takes PORT=PORT pairs separated by commas, not ${quote(pair)}`)
    const a = parsePort(from, '--port-map port')
    if (!a.ok) throw new UsageError(a.message)
    const b = parsePort(to, '--port-map port')
    if (!b.ok) throw new UsageError(b.message)
    map[String(a.value)] = b.value
  }
  return map
}

/** An https base URL, or "off" (null): the online ISPDB discovery asks. */
export function ispdb(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined
  if (text === 'off') return null
  const url = URL.canParse(text) ? new URL(text) : null
  if (!url || url.protocol !== 'https:') throw new UsageError(`--ispdb takes an https URL or "off", not ${quote(text)}`)
  return url.href
}
