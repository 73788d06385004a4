// Reading discovery documents: Thunderbird clientConfig and Exchange Autodiscover POX. Entities
// are never expanded or fetched; every value stays untrusted until checkCandidate.
import { describe, expect, it } from 'vitest'
import { autodiscoverRequest, parseAutodiscover } from '../../electron/engine/discover/autodiscover-xml'
import { parseClientConfig } from '../../electron/engine/discover/clientconfig'
import { parseXml } from '../../electron/engine/discover/xml'

const config = (servers: string): string => `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain><displayName>Example Mail</displayName>${servers}</emailProvider></clientConfig>`

describe('parseClientConfig', () => {
  it('reads servers in order, with aliases for authentication and the domain placeholder in host names', () => {
    const r = parseClientConfig(config(`
      <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType>
        <authentication>OAuth2</authentication><authentication>plain</authentication><username>%EMAILLOCALPART%</username></incomingServer>
      <incomingServer type="pop3"><hostname>pop.example.test</hostname><port>995</port><socketType>SSL</socketType><authentication>secure</authentication></incomingServer>
      <incomingServer type="exchange"><hostname>ews.example.test</hostname></incomingServer>
      <outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>465</port><socketType>SSL</socketType><authentication>password-cleartext</authentication><authentication>magic</authentication></outgoingServer>`), 'example.test')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.displayName).toBe('Example Mail')
    expect(r.value.domains).toEqual(['example.test'])
    expect(r.value.candidates).toEqual([
      { protocol: 'imap', host: 'imap.example.test', port: '993', socket: 'SSL', auth: ['OAuth2', 'password-cleartext'], username: '%EMAILLOCALPART%' },
      { protocol: 'pop3', host: 'pop.example.test', port: '995', socket: 'SSL', auth: ['password-encrypted'], username: undefined },
      { protocol: 'smtp', host: 'smtp.example.test', port: '465', socket: 'SSL', auth: ['password-cleartext'], username: undefined },
    ])
    expect(r.value.notes.join('; ')).toMatch(/type "exchange".*"magic"/)
  })

  it("decodes XML's five predefined entities in values, nothing else", () => {
    const r = parseClientConfig(config('').replace('Example Mail', 'AT&amp;T &lt;Mail&gt; &quot;x&apos; &nbsp;'), 'example.test')
    expect(r.ok && r.value.displayName).toBe(`AT&T <Mail> "x' &nbsp;`)
  })

  it('refuses a DOCTYPE with an external entity (XXE) without fetching anything', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${config('<incomingServer type="imap"><hostname>&xxe;</hostname></incomingServer>')}`
    expect(parseClientConfig(xxe, 'example.test')).toEqual({ ok: false, message: expect.stringMatching(/DOCTYPE or entities; refused/) })
  })

  it('refuses entity expansion ("billion laughs")', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><clientConfig><emailProvider><displayName>&c;</displayName></emailProvider></clientConfig>`
    expect(parseClientConfig(laughs, 'example.test').ok).toBe(false)
  })

  it('expands no entity but the five predefined ones, even without a DOCTYPE', () => {
    const r = parseXml('<a><b>&amp;&lt;&#65;&custom;</b></a>', () => false)
    // &custom; is undeclared: not well-formed XML would be refused; the validator lets it through
    // as text, and it must stay text.
    expect(r.ok ? r.value : r.message).toEqual({ a: { b: '&<&#65;&custom;' } })
  })

  it.each([
    ['<clientConfig><emailProvider>', /not well-formed/],
    ['<html><body>hi</body></html>', /no <clientConfig> root/],
    ['<clientConfig version="1.1"></clientConfig>', /no <emailProvider>/],
  ])('explains a document it cannot use: %s', (xml, message) => {
    const r = parseClientConfig(xml, 'example.test')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(message)
  })
})

describe('Autodiscover POX', () => {
  it('sends the address only, escaped by the XML builder — never a password', () => {
    const body = autodiscoverRequest('a&b<c>@example.test')
    expect(body).toContain('<EMailAddress>a&amp;b&lt;c&gt;@example.test</EMailAddress>')
    expect(body).toContain('<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>')
    expect(body).not.toMatch(/password/i)
  })

  const response = (protocols: string): string => `<?xml version="1.0"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"><Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"><Account><AccountType>email</AccountType><Action>settings</Action>${protocols}</Account></Response></Autodiscover>`

  it('reads SSL and SPA as on when absent, Encryption over SSL, and the login name as a placeholder', () => {
    const r = parseAutodiscover(response(`
      <Protocol><Type>IMAP</Type><Server>mail.example.test</Server><Port>993</Port><LoginName>me@example.test</LoginName></Protocol>
      <Protocol><Type>POP3</Type><Server>mail.example.test</Server><Port>110</Port><SSL>off</SSL><SPA>off</SPA><LoginName>me</LoginName></Protocol>
      <Protocol><Type>SMTP</Type><Server>mail.example.test</Server><Port>587</Port><SSL>on</SSL><Encryption>TLS</Encryption><SPA>off</SPA></Protocol>
      <Protocol><Type>SMTP</Type><Server>relay.example.test</Server><Port>25</Port><Encryption>None</Encryption><AuthRequired>off</AuthRequired><LoginName>DOMAIN\\me</LoginName></Protocol>
      <Protocol><Type>EXPR</Type><Server>outlook.example.test</Server></Protocol>`), 'me@example.test')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.candidates).toEqual([
      { protocol: 'imap', host: 'mail.example.test', port: '993', socket: 'SSL', auth: ['NTLM'], username: '%EMAILADDRESS%' },
      { protocol: 'pop3', host: 'mail.example.test', port: '110', socket: 'plain', auth: ['password-cleartext'], username: '%EMAILLOCALPART%' },
      { protocol: 'smtp', host: 'mail.example.test', port: '587', socket: 'STARTTLS', auth: ['password-cleartext'], username: '%EMAILADDRESS%' },
      { protocol: 'smtp', host: 'relay.example.test', port: '25', socket: 'plain', auth: ['none'], username: 'DOMAIN\\me' },
    ])
    expect(r.value.notes[0]).toMatch(/EXPR/)
  })

  it('reports an error response, and a redirect by address or URL', () => {
    const error = '<Autodiscover><Response><Error><ErrorCode>500</ErrorCode><Message>The e-mail address cannot be found.</Message></Error></Response></Autodiscover>'
    expect(parseAutodiscover(error, 'me@example.test')).toEqual({ ok: false, message: expect.stringMatching(/cannot be found/) })
    const redirect = response('').replace('<Action>settings</Action>', '<Action>redirectAddr</Action><RedirectAddr>me@elsewhere.test</RedirectAddr>')
    const r = parseAutodiscover(redirect, 'me@example.test')
    expect(r.ok && r.value.redirect).toEqual({ kind: 'addr', target: 'me@elsewhere.test' })
    const byUrl = response('').replace('<Action>settings</Action>', '<Action>redirectUrl</Action><RedirectUrl> https://ad.elsewhere.test/autodiscover/autodiscover.xml </RedirectUrl>')
    const u = parseAutodiscover(byUrl, 'me@example.test')
    expect(u.ok && u.value.redirect).toEqual({ kind: 'url', target: 'https://ad.elsewhere.test/autodiscover/autodiscover.xml' })
  })
})
