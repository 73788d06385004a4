// Hostile values: markup characters, line breaks, NUL, absurd lengths, IDN hosts, stray keys and a
// canary password. Each is either carried faithfully (re-parsed to the exact value) or refused with
// an ExportError naming the field — and every output stays well-formed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parse as parseIni } from 'ini'
import { parse as parsePlist } from 'plist'
import { describe, expect, it } from 'vitest'
import { ExportError, exportFormats, parseAccountSettings, renderExport, type ExportFile, type ExportFormat } from '@shared/export/index'
import { buildIni } from '@shared/export/ini'
import { escapeMarkdown } from '@shared/export/markdown'
import { buildXml } from '@shared/export/xml'
import { h, renderHtml } from '@shared/export/html-builder'
import type { AccountSettings } from '@shared/settings'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'export')
const base = JSON.parse(readFileSync(join(fixtures, 'imap-ssl.json'), 'utf8')) as AccountSettings
const CANARY = 'Canary-Pa55w0rd-7f3e9b'
const MARKUP = `<&"'>]]>--`

async function refusal(format: ExportFormat, account: unknown, options: { secrets?: string[] } = {}): Promise<ExportError> {
  try {
    await renderExport(format, { account: account as AccountSettings }, options)
  } catch (error) {
    if (error instanceof ExportError) return error
    throw error
  }
  throw new Error('expected an ExportError')
}

/** Every format's output is well-formed in its own syntax. */
function wellFormed(format: ExportFormat, file: ExportFile): void {
  if (format === 'thunderbird' || format === 'outlook-autodiscover' || format === 'apple') expect(XMLValidator.validate(file.text)).toBe(true)
  if (format === 'outlook-prf') expect(() => parseIni(file.text)).not.toThrow()
  if (format === 'json') expect(() => JSON.parse(file.text)).not.toThrow()
  if (format === 'thunderbird-prefs') for (const line of file.text.split('\n')) expect(line).toMatch(/^$|^\/\/ |^user_pref\("[^"\\]+", .+\);$/)
}

describe('markup characters are escaped and come back exactly', () => {
  const account = { ...base, displayName: `Eve ${MARKUP}`, providerName: `Evil ${MARKUP} & Co` }

  it.each(exportFormats)('%s stays well-formed', async (format) => {
    wellFormed(format, await renderExport(format, { account }))
  })

  it('XML formats: the parser returns the exact text', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false })
    const tb = parser.parse((await renderExport('thunderbird', { account })).text)
    expect(tb.clientConfig.emailProvider.displayName).toBe(account.providerName)
    const ad = parser.parse((await renderExport('outlook-autodiscover', { account })).text)
    expect(ad.Autodiscover.Response.User.DisplayName).toBe(account.displayName)
  })

  it('plist: the exact text', async () => {
    const profile = parsePlist((await renderExport('apple', { account })).text) as { PayloadContent: Record<string, unknown>[] }
    expect(profile.PayloadContent[0]!.EmailAccountName).toBe(account.displayName)
  })

  it('user.js: the exact text through a JS string literal', async () => {
    const text = (await renderExport('thunderbird-prefs', { account })).text
    const line = text.split('\n').find((l) => l.includes('.fullName'))!
    expect(JSON.parse(/, (".*")\);$/.exec(line)![1]!)).toBe(account.displayName)
  })

  it('PRF: the exact text', async () => {
    expect(parseIni((await renderExport('outlook-prf', { account })).text).Account1.DisplayName).toBe(account.displayName)
  })

  it('HTML: no raw markup from values', async () => {
    const html = (await renderExport('html', { account })).text
    expect(html).toContain('Eve &lt;&amp;&quot;&#39;&gt;]]&gt;--')
    expect(html).not.toContain(MARKUP)
  })

  it('Markdown: special characters are escaped', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) <e> `f` | g ~h~ &amp; !i #j \\k')).toBe('\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\| g \\~h\\~ \\&amp; \\!i \\#j \\\\k')
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list')
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list')
    expect(escapeMarkdown('1. in a cell', false)).toBe('1. in a cell')
  })
})

describe('values that cannot be carried are refused with the field named', () => {
  it.each([
    ['displayName', 'Eve\r\nuser_pref("evil", 1);', /line break/],
    ['displayName', 'Eve\nX', /line break/],
    ['displayName', 'Eve\0X', /NUL/],
    ['displayName', 'Eve\u0007', /control character/],
    ['displayName', 'Eve\u2028X', /line separator/],
    ['displayName', 'Eve\u202eX', /bidirectional/],
    ['displayName', 'E'.repeat(10_000), /longer than 200 characters/],
    ['providerName', 'P'.repeat(10_000), /longer than 200 characters/],
    ['providerName', '', /empty/],
  ])('%s = %j', async (field, value, reason) => {
    for (const format of exportFormats) {
      const error = await refusal(format, { ...base, [field]: value })
      expect(error.field).toBe(`account.${field}`)
      expect(error.reason).toMatch(reason)
      // The message never echoes the value (it could be a secret typed into the wrong box).
      expect(error.message).not.toContain(value.slice(0, 20) || '\u0000never')
    }
  })

  it.each([
    ['host', 'imap.example.test\r\nX-Injected: 1', /line break/],
    ['host', 'imap example test', /not a valid host/],
    ['host', 'h'.repeat(10_000), /too long/],
    ['port', 0, /1 to 65535/],
    ['port', 99999, /1 to 65535/],
    ['port', '993', /number/],
    ['socket', 'TLS', /SSL, STARTTLS or plain/],
    ['auth', [], /at least one/],
    ['auth', ['password'], /must be one of/],
    ['auth', ['client-IP-address'], /outgoing servers only/],
    ['username', '%EMAILADDRESS%\n', /line break/],
    ['protocol', 'smtp', /imap or pop3/],
  ])('incoming.0.%s = %j', async (key, value, reason) => {
    const server = { ...base.incoming[0]!, [key]: value }
    const error = await refusal('thunderbird', { ...base, incoming: [server] })
    // A bad list entry is named exactly (account.incoming.0.auth.0).
    expect(error.field === `account.incoming.0.${key}` || error.field.startsWith(`account.incoming.0.${key}.`)).toBe(true)
    expect(error.reason).toMatch(reason)
  })

  it('an unknown key is refused by name, and its value is never echoed', async () => {
    const error = await refusal('thunderbird', { ...base, password: CANARY })
    expect(error.field).toBe('account.password')
    expect(error.message).toMatch(/not a known field/)
    expect(error.message).not.toContain(CANARY)
    const nested = await refusal('apple', { ...base, outgoing: [{ ...base.outgoing[0]!, secret: CANARY }] })
    expect(nested.field).toBe('account.outgoing.0.secret')
    expect(nested.message).not.toContain(CANARY)
  })

  it('a missing field is called missing', async () => {
    const { providerName: _drop, ...rest } = base
    const error = await refusal('thunderbird', rest)
    expect(error.field).toBe('account.providerName')
    expect(error.reason).toBe('is missing')
  })

  it('a missing account, or a format that does not exist', async () => {
    await expect(renderExport('apple', {})).rejects.toMatchObject({ field: 'account' })
    await expect(renderExport('pdf' as ExportFormat, { account: base })).rejects.toMatchObject({ field: 'format' })
  })

  it('Apple profiles refuse an OAuth2-only account instead of writing a useless one', async () => {
    const oauthOnly = { ...base, incoming: [{ ...base.incoming[0]!, auth: ['OAuth2'] }] }
    const error = await refusal('apple', oauthOnly)
    expect(error.field).toBe('account.incoming.0.auth')
    expect(error.reason).toMatch(/Internet Accounts/)
  })
})

describe('a canary password never appears in any output', () => {
  it.each(exportFormats)('%s: a settings field holding a known secret is refused, and the message does not repeat it', async (format) => {
    for (const account of [
      { ...base, displayName: `Eve ${CANARY}` },
      { ...base, incoming: [{ ...base.incoming[0]!, username: CANARY }] },
    ]) {
      const error = await refusal(format, account, { secrets: [CANARY] })
      expect(error.reason).toMatch(/password or token/)
      expect(error.message).not.toContain(CANARY)
    }
  })

  it.each(['markdown', 'html', 'json'] as const)('%s: a secret in the report is redacted everywhere, also base64-encoded', async (format) => {
    const b64 = Buffer.from(`\0alice@example.test\0${CANARY}`).toString('base64')
    const file = await renderExport(
      format,
      {
        account: base,
        report: {
          transcript: [
            { at: 0, dir: 'client', text: `AUTH PLAIN ${b64}` },
            { at: 1, dir: 'server', text: `535 5.7.8 bad password ${CANARY}` },
            { at: 2, dir: 'info', text: `password was ${Buffer.from(CANARY).toString('base64')}` },
          ],
          send: { ok: false, summary: `Sign-in failed for ${CANARY}`, steps: [{ name: 'auth', ok: false, ms: 5, detail: CANARY }] },
        },
      },
      { secrets: [CANARY] },
    )
    expect(file.text).not.toContain(CANARY)
    expect(file.text).not.toContain(b64)
    expect(file.text).not.toContain(Buffer.from(CANARY).toString('base64'))
    expect(file.text).toContain('[redacted]')
  })

  it('the settings model has no place for a password: nothing in any output looks like one', async () => {
    for (const format of exportFormats) {
      const file = await renderExport(format, { account: parseAccountSettings(base) })
      expect(file.text).not.toMatch(/<key>[A-Za-z]*Password<\/key>\s*<string>/)
      expect(file.text).not.toMatch(/\.password"/)
    }
  })
})

describe('the builders themselves', () => {
  it('XMLBuilder escapes text and attribute values; characters XML cannot hold are refused', () => {
    const text = buildXml({ root: { '@_a': `x${MARKUP}`, t: `y${MARKUP}` } })
    expect(text).toContain('a="x&lt;&amp;&quot;&apos;&gt;]]&gt;--"')
    expect(text).toContain('<t>y&lt;&amp;&quot;&apos;&gt;]]&gt;--</t>')
    const back = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(text)
    expect(back.root['@_a']).toBe(`x${MARKUP}`)
    expect(back.root.t).toBe(`y${MARKUP}`)
    expect(() => buildXml({ root: { t: 'a\0b' } })).toThrow(ExportError)
    expect(() => buildXml({ root: { t: 'a\u0001b' } })).toThrow(/XML cannot hold/)
    expect(() => buildXml({ root: { t: 'a\ud800b' } })).toThrow(/XML cannot hold/)
  })

  it('the INI writer refuses CR, LF, NUL and values a profile file would alter', () => {
    const field = (): string => 'f'
    expect(() => buildIni([{ name: 'S', entries: [['K', 'a\r\nK2=evil']] }], field)).toThrow(/line break/)
    expect(() => buildIni([{ name: 'S', entries: [['K', 'a\nb']] }], field)).toThrow(/line break/)
    expect(() => buildIni([{ name: 'S', entries: [['K', 'a\0b']] }], field)).toThrow(/NUL/)
    expect(() => buildIni([{ name: 'S', entries: [['K', ' padded']] }], field)).toThrow(/space/)
    expect(() => buildIni([{ name: 'S', entries: [['K', '"quoted"']] }], field)).toThrow(/quotes/)
    expect(() => buildIni([{ name: 'S]\n[T', entries: [] }], field)).toThrow(/section name/)
    // Windows reads everything after the first "=" (no inline comments; the ini package would cut at ";").
    expect(parseIni(buildIni([{ name: 'S', entries: [['K', 'a=b[c]<d>']] }], field)).S.K).toBe('a=b[c]<d>')
  })

  it('the HTML builder escapes every value and refuses markup names from data', () => {
    expect(renderHtml(h('p', { title: `"><script>` }, '<script>alert(1)</script>'))).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    expect(() => h('p onclick', null)).toThrow(/tag/)
    expect(() => h('p', { onclick: 'x' })).toThrow(/attribute/)
    expect(() => renderHtml(h('style', null, '</style><script>'))).toThrow(/style/)
  })
})
