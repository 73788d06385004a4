// Thunderbird for Android's account-import QR code: the text ClearPort writes, drawn by the qrcode
// library as a PNG, decoded back from the pixels by jsQR and read by a reader written from the
// format's specification (test/helpers/android-qr-reader.ts), for every fixture account. The
// expected values come from the fixture files, with IDNs converted by WHATWG URL, not by ClearPort.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { androidQrPayload } from '@shared/export/android-qr'
import { ExportError, parseAccountSettings } from '@shared/export/index'
import type { AccountSettings } from '@shared/settings'
import { decodeQrPng, parseAndroidQr } from '../helpers/android-qr-reader'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'export')
const load = (name: string): AccountSettings => parseAccountSettings(JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')))
const ascii = (host: string): string => new URL(`http://${host}/`).hostname

const security = { SSL: 'SSL', STARTTLS: 'STARTTLS', plain: 'plain' } as const

describe.each(['imap-ssl', 'starttls', 'pop3', 'oauth2', 'idn'])('the QR code of %s', (name) => {
  const account = load(name)
  const at = account.address.lastIndexOf('@')
  const local = account.address.slice(0, at)
  const domain = ascii(account.address.slice(at + 1))
  const address = `${local}@${domain}`
  const user = (template: string): string => template.replaceAll('%EMAILADDRESS%', address).replaceAll('%EMAILLOCALPART%', local).replaceAll('%EMAILDOMAIN%', domain)

  it('decodes from the image and carries every field of the recommended servers, and no password', async () => {
    const text = androidQrPayload(account)
    const png = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 })
    const decoded = decodeQrPng(png)
    expect(decoded).toBe(text)
    const read = parseAndroidQr(decoded)
    const [incoming] = account.incoming
    const [outgoing] = account.outgoing
    if (!incoming || !outgoing) throw new Error('fixture without servers')
    expect(read).toEqual({
      sequence: [1, 1],
      incoming: {
        protocol: incoming.protocol,
        host: ascii(incoming.host),
        port: incoming.port,
        security: security[incoming.socket],
        auth: incoming.auth[0],
        username: user(incoming.username),
        password: undefined,
      },
      accountName: undefined,
      outgoing: [{ protocol: 'smtp', host: ascii(outgoing.host), port: outgoing.port, security: security[outgoing.socket], auth: outgoing.auth[0], username: user(outgoing.username), password: undefined }],
      identities: [{ email: address, displayName: account.displayName ?? '' }],
    })
    // The optional AccountName and Password elements are left out altogether.
    const root = JSON.parse(text) as unknown[][]
    expect(root[2]).toHaveLength(6)
    expect((root[3] as unknown[][][])[0]?.[0]).toHaveLength(6)
  })
})

describe('what the QR code cannot carry', () => {
  it('a non-ASCII name before the @ is refused with the field named', () => {
    const account = { ...load('imap-ssl'), address: 'zoë@example.test' }
    expect(() => androidQrPayload(account)).toThrow(ExportError)
    expect(() => androidQrPayload(account)).toThrow(/^address: has a non-ASCII name before the @/)
  })

  it('the reader refuses what the format forbids (so a passing decode means something)', () => {
    const good = JSON.parse(androidQrPayload(load('imap-ssl'))) as unknown[]
    const broken = (change: (copy: unknown[]) => void): string => {
      const copy = JSON.parse(JSON.stringify(good)) as unknown[]
      change(copy)
      return JSON.stringify(copy)
    }
    expect(() => parseAndroidQr(broken((c) => (c[0] = 2)))).toThrow(/format version 2/)
    expect(() => parseAndroidQr(broken((c) => ((c[2] as unknown[])[3] = 1)))).toThrow(/incoming security 1/)
    expect(() => parseAndroidQr(broken((c) => ((c[2] as unknown[])[2] = 70000)))).toThrow(/incoming port/)
    expect(() => parseAndroidQr(broken((c) => ((c[3] as unknown[]).length = 0)))).toThrow(/no outgoing server group/)
    expect(parseAndroidQr(broken((c) => (c[2] as unknown[]).push('', 'secret'))).incoming.password).toBe('secret')
  })
})
