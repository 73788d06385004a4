// Thunderbird's clientConfig v1.1 (autoconfig and ISPDB): XML in, candidate claims out. Pure.
// Values stay untrusted: each candidate is checked by checkCandidate afterwards.
import type { CandidateInput } from '@shared/discovery'
import type { Parsed } from '@shared/validate'
import { asArray, asObject, parseXml, textOf } from './xml'

export interface ClientConfig {
  id: string | null
  displayName: string | null
  domains: string[]
  candidates: CandidateInput[]
  /** Entries skipped (unknown server types, authentication values), in words. */
  notes: string[]
}

/** clientConfig authentication values (and their pre-v1.1 aliases) → settings vocabulary. */
const AUTH: Record<string, string> = {
  'password-cleartext': 'password-cleartext',
  plain: 'password-cleartext',
  'password-encrypted': 'password-encrypted',
  secure: 'password-encrypted',
  OAuth2: 'OAuth2',
  GSSAPI: 'GSSAPI',
  NTLM: 'NTLM',
  none: 'none',
  'client-IP-address': 'client-IP-address',
  'smtp-after-pop': 'smtp-after-pop',
}

const REPEATED = new Set(['emailProvider', 'incomingServer', 'outgoingServer', 'authentication', 'domain'])

export function parseClientConfig(xml: string, asciiDomain: string): Parsed<ClientConfig> {
  const doc = parseXml(xml, (name) => REPEATED.has(name))
  if (!doc.ok) return doc
  const root = asObject(doc.value['clientConfig'])
  if (!root) return { ok: false, message: 'not a clientConfig document (no <clientConfig> root)' }
  const provider = asObject(asArray(root['emailProvider'])[0])
  if (!provider) return { ok: false, message: 'the clientConfig has no <emailProvider>' }
  const notes: string[] = []
  const candidates: CandidateInput[] = []
  const read = (entry: unknown, direction: 'incoming' | 'outgoing'): void => {
    const server = asObject(entry)
    if (!server) return
    const type = textOf(server['@_type'])
    const protocol = direction === 'outgoing' ? (type === 'smtp' ? 'smtp' : null) : type === 'imap' || type === 'pop3' ? type : null
    if (!protocol) {
      notes.push(`skipped a ${direction} server of type ${JSON.stringify(String(type).slice(0, 30))}`)
      return
    }
    const auth: string[] = []
    for (const value of asArray(server['authentication'])) {
      const text = textOf(value)?.trim() ?? ''
      const mapped = AUTH[text]
      if (mapped) auth.push(mapped)
      else notes.push(`ignored authentication value ${JSON.stringify(text.slice(0, 30))}`)
    }
    candidates.push({
      protocol,
      // Thunderbird substitutes the domain placeholder in host names too.
      host: textOf(server['hostname'])?.replaceAll('%EMAILDOMAIN%', asciiDomain),
      port: textOf(server['port']),
      socket: textOf(server['socketType']),
      auth,
      username: textOf(server['username']),
    })
  }
  for (const entry of asArray(provider['incomingServer'])) read(entry, 'incoming')
  for (const entry of asArray(provider['outgoingServer'])) read(entry, 'outgoing')
  return {
    ok: true,
    value: {
      id: textOf(provider['@_id']) ?? null,
      displayName: textOf(provider['displayName'])?.slice(0, 80) ?? null,
      domains: asArray(provider['domain']).map((d) => textOf(d) ?? '').filter((d) => d !== ''),
      candidates,
      notes,
    },
  }
}
