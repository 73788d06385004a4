// Exchange Autodiscover POX (the "Outlook" schema): the request we send (the address only, never
// a password) and the reading of a response into candidate claims. Pure. Field meanings follow
// field-notes.md: SSL and SPA are on when absent; Encryption (None|SSL|TLS|Auto) overrides SSL.
import { XMLBuilder } from 'fast-xml-parser'
import type { CandidateInput } from '@shared/discovery'
import type { Parsed } from '@shared/validate'
import { asArray, asObject, parseXml, textOf } from './xml'

const REQUEST_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006'
const RESPONSE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a'

/** The request body: the e-mail address and the schema we accept, escaped by the XML builder. */
export function autodiscoverRequest(address: string): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false })
  const body = builder.build({
    Autodiscover: {
      '@_xmlns': REQUEST_NS,
      Request: { EMailAddress: address, AcceptableResponseSchema: RESPONSE_SCHEMA },
    },
  }) as string
  return `<?xml version="1.0" encoding="utf-8"?>${body}`
}

export interface AutodiscoverResult {
  candidates: CandidateInput[]
  notes: string[]
  /** `Action` redirectAddr / redirectUrl, when the server sent one (autodiscover.ts follows it). */
  redirect: { kind: 'addr' | 'url'; target: string } | null
}

const IMPLICIT_TLS_PORTS = new Set([465, 993, 995])

function on(value: string | undefined, absent: boolean): boolean {
  if (value === undefined) return absent
  return value.trim().toLowerCase() === 'on'
}

export function parseAutodiscover(xml: string, address: string): Parsed<AutodiscoverResult> {
  const doc = parseXml(xml, (name) => name === 'Protocol')
  if (!doc.ok) return doc
  const root = asObject(doc.value['Autodiscover'])
  const response = asObject(root?.['Response'])
  if (!response) return { ok: false, message: 'not an Autodiscover response (no <Autodiscover><Response>)' }
  const error = asObject(response['Error'])
  if (error) return { ok: false, message: `the server answered with an error: ${(textOf(error['Message']) ?? 'no message').slice(0, 200)}` }
  const account = asObject(response['Account'])
  if (!account) return { ok: false, message: 'the Autodiscover response has no <Account>' }
  const action = textOf(account['Action'])?.trim()
  if (action === 'redirectAddr' || action === 'redirectUrl') {
    const kind = action === 'redirectAddr' ? 'addr' : 'url'
    const target = (textOf(account[action === 'redirectAddr' ? 'RedirectAddr' : 'RedirectUrl']) ?? '').trim().slice(0, 400)
    return { ok: true, value: { candidates: [], notes: [`the server redirects (${action}) to ${JSON.stringify(target.slice(0, 100))}`], redirect: { kind, target } } }
  }
  const local = address.slice(0, address.lastIndexOf('@'))
  const notes: string[] = []
  const candidates: CandidateInput[] = []
  for (const entry of asArray(account['Protocol'])) {
    const p = asObject(entry)
    if (!p) continue
    const type = textOf(p['Type'])?.trim().toUpperCase()
    const protocol = type === 'IMAP' ? 'imap' : type === 'POP3' ? 'pop3' : type === 'SMTP' ? 'smtp' : null
    if (!protocol) {
      notes.push(`skipped protocol ${JSON.stringify(String(type).slice(0, 20))} (Exchange EWS/MAPI is not what a mail client setup uses here)`)
      continue
    }
    const portText = textOf(p['Port'])?.trim()
    const port = portText && /^\d+$/.test(portText) ? Number(portText) : undefined
    const encryption = textOf(p['Encryption'])?.trim().toLowerCase()
    let socket: string | undefined
    if (encryption === 'none') socket = 'plain'
    else if (encryption === 'ssl') socket = 'SSL'
    else if (encryption === 'tls') socket = 'STARTTLS'
    else if (encryption === 'auto' || on(textOf(p['SSL']), true)) socket = port !== undefined && IMPLICIT_TLS_PORTS.has(port) ? 'SSL' : 'STARTTLS'
    else socket = 'plain'
    const login = textOf(p['LoginName'])?.trim()
    const username = !login || login === address ? '%EMAILADDRESS%' : login === local ? '%EMAILLOCALPART%' : login
    const auth = protocol === 'smtp' && textOf(p['AuthRequired'])?.trim().toLowerCase() === 'off' ? ['none'] : on(textOf(p['SPA']), true) ? ['NTLM'] : ['password-cleartext']
    candidates.push({ protocol, host: textOf(p['Server']), port: portText, socket, auth, username })
  }
  return { ok: true, value: { candidates, notes, redirect: null } }
}
