// Golden files for realistic accounts, and every output re-parsed with an independent parser
// (fast-xml-parser's XMLParser, plist.parse, the ini package, a user.js line parser) whose fields
// are compared with the settings — string equality alone would also bless a wrong golden file.
// Regenerate the golden files after an intended change with UPDATE_GOLDEN=1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseIni } from 'ini'
import { parse as parsePlist } from 'plist'
import { describe, expect, it } from 'vitest'
import { exportFormats, parseAccountSettings, renderExport, type ExportFormat, type ReportParts } from '@shared/export/index'
import { expandUsername, type AccountSettings } from '@shared/settings'
import { exportXml, parseUserJs } from '../helpers/export-parsers'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'export')
const goldenDir = join(fixtures, 'golden')
const accounts = ['imap-ssl', 'starttls', 'pop3', 'oauth2', 'idn'] as const
const extension: Record<ExportFormat, string> = {
  thunderbird: 'clientconfig.xml',
  'thunderbird-prefs': 'user.js',
  'outlook-autodiscover': 'autodiscover.xml',
  'outlook-prf': 'prf',
  apple: 'mobileconfig',
  markdown: 'md',
  html: 'html',
  json: 'json',
}

function loadAccount(name: string): AccountSettings {
  return parseAccountSettings(JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')))
}
const report = JSON.parse(readFileSync(join(fixtures, 'report.json'), 'utf8')) as ReportParts

function golden(name: string, text: string): void {
  const path = join(goldenDir, name)
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(goldenDir, { recursive: true })
    writeFileSync(path, text)
  }
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 once and review it`)
  expect(text).toBe(readFileSync(path, 'utf8'))
}

const xml = exportXml

const socketNumber = { plain: 0, STARTTLS: 2, SSL: 3 } as const

describe.each(accounts)('exports of %s', (name) => {
  const account = loadAccount(name)
  const user = (template: string): string => expandUsername(template, account.address)

  it.each(exportFormats)('%s matches its golden file', async (format) => {
    const file = await renderExport(format, { account, ...(['markdown', 'html', 'json'].includes(format) && name === 'imap-ssl' ? { report } : {}) })
    golden(`${name}.${extension[format]}`, file.text)
  })

  it('thunderbird: the XML holds every server, in order, with auth in preference order', async () => {
    const doc = xml.parse((await renderExport('thunderbird', { account })).text)
    const provider = doc.clientConfig.emailProvider
    expect(doc.clientConfig['@_version']).toBe('1.1')
    expect(provider['@_id']).toBe(account.providerId)
    expect(provider.domain).toEqual(account.domains)
    const check = (nodes: Record<string, unknown>[], servers: AccountSettings['incoming']): void => {
      expect(nodes).toHaveLength(servers.length)
      servers.forEach((s, i) => {
        expect(nodes[i]).toMatchObject({ '@_type': s.protocol, hostname: s.host, port: String(s.port), socketType: s.socket, authentication: s.auth, username: s.username })
      })
    }
    check(provider.incomingServer, account.incoming)
    check(provider.outgoingServer, account.outgoing)
    expect(provider.displayName).toBe(account.providerName)
  })

  it('thunderbird-prefs: every pref line parses and names the recommended servers', async () => {
    const prefs = parseUserJs((await renderExport('thunderbird-prefs', { account })).text)
    const accountKey = prefs.get('mail.accountmanager.accounts') as string
    const serverKey = prefs.get(`mail.account.${accountKey}.server`) as string
    const identity = prefs.get(`mail.account.${accountKey}.identities`) as string
    const inc = account.incoming[0]!
    expect(prefs.get(`mail.server.${serverKey}.type`)).toBe(inc.protocol)
    expect(prefs.get(`mail.server.${serverKey}.hostname`)).toBe(inc.host)
    expect(prefs.get(`mail.server.${serverKey}.port`)).toBe(inc.port)
    expect(prefs.get(`mail.server.${serverKey}.socketType`)).toBe(socketNumber[inc.socket])
    expect(prefs.get(`mail.server.${serverKey}.userName`)).toBe(user(inc.username))
    expect(prefs.get(`mail.identity.${identity}.useremail`)).toBe(account.address)
    expect(prefs.get(`mail.identity.${identity}.fullName`)).toBe(account.displayName)
    const smtpKeys = (prefs.get('mail.smtpservers') as string).split(',')
    expect(smtpKeys).toHaveLength(account.outgoing.length)
    expect(prefs.get(`mail.identity.${identity}.smtpServer`)).toBe(smtpKeys[0])
    account.outgoing.forEach((s, i) => {
      expect(prefs.get(`mail.smtpserver.${smtpKeys[i]}.hostname`)).toBe(s.host)
      expect(prefs.get(`mail.smtpserver.${smtpKeys[i]}.port`)).toBe(s.port)
      expect(prefs.get(`mail.smtpserver.${smtpKeys[i]}.try_ssl`)).toBe(socketNumber[s.socket])
      expect(prefs.get(`mail.smtpserver.${smtpKeys[i]}.authMethod`)).toBe({ 'password-cleartext': 3, 'password-encrypted': 4, OAuth2: 10 }[s.auth[0] as string])
    })
    // ASCII only: non-ASCII characters are \u escapes, so the file's encoding cannot matter.
    expect((await renderExport('thunderbird-prefs', { account })).text).toMatch(/^[\x20-\x7e\n]*$/)
  })

  it('outlook-autodiscover: explicit Encryption, SPA off, the recommended servers', async () => {
    const doc = xml.parse((await renderExport('outlook-autodiscover', { account })).text)
    const response = doc.Autodiscover.Response
    expect(doc.Autodiscover['@_xmlns']).toBe('http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006')
    expect(response['@_xmlns']).toBe('http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a')
    expect(response.Account.AccountType).toBe('email')
    expect(response.Account.Action).toBe('settings')
    const [inc, out] = response.Account.Protocol as Record<string, string>[]
    const encryption = { plain: 'None', SSL: 'SSL', STARTTLS: 'TLS' }
    for (const [node, s] of [[inc, account.incoming[0]!], [out, account.outgoing[0]!]] as const) {
      expect(node).toMatchObject({ Type: s.protocol.toUpperCase(), Server: s.host, Port: String(s.port), Encryption: encryption[s.socket], SPA: 'off', LoginName: user(s.username), AuthRequired: 'on' })
    }
    expect(response.User?.DisplayName).toBe(account.displayName)
  })

  it('outlook-prf: the ini parser reads the account and its mapping section', async () => {
    const file = await renderExport('outlook-prf', { account })
    expect(file.text).not.toMatch(/[^\r]\n/) // CRLF only
    const prf = parseIni(file.text)
    const inc = account.incoming[0]!
    const out = account.outgoing[0]!
    const p = inc.protocol === 'imap' ? 'IMAP' : 'POP3'
    expect(prf['Internet Account List']).toEqual({ Account1: inc.protocol === 'imap' ? 'IMAP_I_Mail' : 'I_Mail' })
    expect(prf.Account1).toMatchObject({
      [`${p}Server`]: inc.host,
      [`${p}Port`]: String(inc.port),
      [`${p}UseSSL`]: String({ plain: 0, SSL: 1, STARTTLS: 2 }[inc.socket]),
      [`${p}UserName`]: user(inc.username),
      SMTPServer: out.host,
      SMTPPort: String(out.port),
      SMTPSecureConnection: String({ plain: 0, SSL: 1, STARTTLS: 2 }[out.socket]),
      EmailAddress: account.address,
    })
    if (account.displayName) expect(prf.Account1.DisplayName).toBe(account.displayName)
    expect(prf[inc.protocol === 'imap' ? 'IMAP_I_Mail' : 'I_Mail'].SMTPSecureConnection).toBe('PT_LONG,0x020A')
    expect(file.encoding).toBe(/^[\x20-\x7e\r\n]*$/.test(file.text) ? 'utf-8' : 'utf-16le')
  })

  it('apple: plist fields, no password, a stable v5 PayloadUUID per account', async () => {
    const file = await renderExport('apple', { account })
    const profile = parsePlist(file.text) as Record<string, unknown>
    const mail = (profile.PayloadContent as Record<string, unknown>[])[0]!
    const inc = account.incoming[0]!
    const out = account.outgoing[0]!
    expect(profile.PayloadType).toBe('Configuration')
    expect(mail).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAccountType: inc.protocol === 'imap' ? 'EmailTypeIMAP' : 'EmailTypePOP',
      EmailAddress: account.address,
      IncomingMailServerHostName: inc.host,
      IncomingMailServerPortNumber: inc.port,
      IncomingMailServerUseSSL: inc.socket !== 'plain',
      IncomingMailServerUsername: user(inc.username),
      OutgoingMailServerHostName: out.host,
      OutgoingMailServerPortNumber: out.port,
      OutgoingMailServerUseSSL: out.socket !== 'plain',
      IncomingMailServerAuthentication: inc.auth.includes('password-encrypted') && inc.auth[0] === 'password-encrypted' ? 'EmailAuthCRAMMD5' : 'EmailAuthPassword',
    })
    expect(Object.keys(mail).some((k) => /password$/i.test(k) && k !== 'OutgoingPasswordSameAsIncomingPassword')).toBe(false)
    expect(profile.PayloadUUID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/)
    expect(mail.PayloadUUID).not.toBe(profile.PayloadUUID)
    const again = parsePlist((await renderExport('apple', { account })).text) as Record<string, unknown>
    expect(again.PayloadUUID).toBe(profile.PayloadUUID)
    const other = parsePlist((await renderExport('apple', { account: { ...account, address: `x${account.address}` } })).text) as Record<string, unknown>
    expect(other.PayloadUUID).not.toBe(profile.PayloadUUID)
  })

  it('json: the account round-trips', async () => {
    const parsed = JSON.parse((await renderExport('json', { account })).text)
    expect(parsed.format).toBe('clearport-report')
    expect(parsed.account).toEqual(account)
  })
})

it('IDN: hosts are punycode in every host field and Unicode where people read them', async () => {
  const account = loadAccount('idn')
  expect(account.incoming[0]!.host).toBe('imap.xn--bcher-kva.test')
  expect(account.address).toBe('zoe@xn--bcher-kva.test')
  const md = (await renderExport('markdown', { account })).text
  expect(md).toContain('imap.bücher.test (imap.xn--bcher-kva.test)')
  expect(md).toContain('zoe@bücher.test')
  const prefs = parseUserJs((await renderExport('thunderbird-prefs', { account })).text)
  expect([...prefs.values()]).toContain('Zoë Ångström-Łukasz 山田')
  expect([...prefs.values()]).toContain('imap.xn--bcher-kva.test')
})
