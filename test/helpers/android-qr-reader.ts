// Reads an account-import QR code back as Thunderbird for Android would: the image decoded by jsQR
// (PNG pixels from pngjs), then the text checked against the "Export for Mobile" format (version 1)
// written out here from the specification, independently of ClearPort's writer: every element's
// type and allowed values, the optional password, the sequence.
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

export interface QrServer {
  protocol: 'imap' | 'pop3' | 'smtp'
  host: string
  port: number
  security: 'plain' | 'STARTTLS' | 'SSL'
  auth: 'none' | 'password-cleartext' | 'password-encrypted' | 'GSSAPI' | 'NTLM' | 'tls-certificate' | 'OAuth2'
  username: string
  /** undefined when left out (or null/empty, which readers treat the same). */
  password: string | undefined
}

export interface QrAccount {
  sequence: [number, number]
  incoming: QrServer
  accountName: string | undefined
  outgoing: QrServer[]
  identities: { email: string; displayName: string }[]
}

/** The text of the one QR code in a PNG image, or an error saying none was found. */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png)
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)
  if (found === null) throw new Error(`no QR code found in the ${image.width}×${image.height} image`)
  return found.data
}

const SECURITY = { 0: 'plain', 2: 'STARTTLS', 3: 'SSL' } as const
const AUTH = { 0: 'none', 1: 'password-cleartext', 2: 'password-encrypted', 3: 'GSSAPI', 4: 'NTLM', 5: 'tls-certificate', 6: 'OAuth2' } as const

function fail(what: string): never {
  throw new Error(`not a valid account QR code: ${what}`)
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const oneLine = (v: unknown, what: string): string => (typeof v === 'string' && !/[\r\n]/.test(v) ? v : fail(`${what} must be a one-line string`))
const optional = (v: unknown, what: string): string | undefined => (v === undefined || v === null || v === '' ? undefined : oneLine(v, what))

function readServer(raw: unknown, direction: 'incoming' | 'outgoing'): { server: QrServer; rest: unknown[] } {
  if (!Array.isArray(raw)) fail(`${direction} server is not an array`)
  const [protocol, host, port, security, auth, username, ...rest] = raw as unknown[]
  const protocols: Record<number, QrServer['protocol']> = direction === 'incoming' ? { 0: 'imap', 1: 'pop3' } : { 0: 'smtp' }
  const name = isInt(protocol) ? protocols[protocol] : undefined
  if (name === undefined) fail(`${direction} protocol ${String(protocol)}`)
  if (typeof host !== 'string' || !/^[A-Za-z0-9.-]+$/.test(host)) fail(`${direction} host ${String(host)} (ASCII only)`)
  if (!isInt(port) || port < 1 || port > 65535) fail(`${direction} port ${String(port)}`)
  if (!isInt(security) || !(security in SECURITY)) fail(`${direction} security ${String(security)}`)
  if (!isInt(auth) || !(auth in AUTH)) fail(`${direction} authentication ${String(auth)}`)
  const server: QrServer = {
    protocol: name,
    host,
    port,
    security: SECURITY[security as keyof typeof SECURITY],
    auth: AUTH[auth as keyof typeof AUTH],
    username: oneLine(username, `${direction} username`),
    password: undefined,
  }
  return { server, rest }
}

/** One account (the first) of a version-1 payload, validated as the specification demands. */
export function parseAndroidQr(text: string): QrAccount {
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch {
    fail('the text is not JSON')
  }
  if (!Array.isArray(root)) fail('the root is not an array')
  const [version, misc, incomingRaw, groups] = root as unknown[]
  if (version !== 1) fail(`format version ${String(version)}`)
  if (!Array.isArray(misc) || !isInt(misc[0]) || !isInt(misc[1]) || misc[0] < 1 || misc[0] > misc[1]) fail('sequence number/end')
  const { server: incoming, rest } = readServer(incomingRaw, 'incoming')
  incoming.password = optional(rest[1], 'incoming password')
  if (!Array.isArray(groups) || groups.length === 0) fail('no outgoing server group')
  const outgoing: QrServer[] = []
  const identities: QrAccount['identities'] = []
  for (const group of groups as unknown[]) {
    if (!Array.isArray(group) || group.length < 2) fail('an outgoing server group lacks its server or identity')
    const [serverRaw, ...ids] = group as unknown[]
    const { server, rest: outRest } = readServer(serverRaw, 'outgoing')
    server.password = optional(outRest[0], 'outgoing password')
    outgoing.push(server)
    for (const id of ids) {
      if (!Array.isArray(id)) fail('an identity is not an array')
      const email = oneLine(id[0], 'identity email')
      if (!/^[\x21-\x7e]+@[A-Za-z0-9.-]+$/.test(email)) fail(`identity email ${email} (ASCII address)`)
      identities.push({ email, displayName: oneLine(id[1], 'identity display name') })
    }
  }
  return { sequence: [misc[0], misc[1]], incoming, accountName: optional(rest[0], 'account name'), outgoing, identities }
}
