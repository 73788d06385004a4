// The bundled provider catalog is data: validated by its schema at load and here.
import { describe, expect, it } from 'vitest'
import bundled from '@shared/providers/catalog.json'
import { bundledCatalog, findByDomain, findByMxHost, parseCatalog } from '@shared/providers/catalog'

describe('bundled provider catalog', () => {
  it('passes its schema and holds at least the 25 most used providers', () => {
    expect(() => parseCatalog(bundled)).not.toThrow()
    expect(bundledCatalog.providers.length).toBeGreaterThanOrEqual(25)
    for (const domain of ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'aol.com', 'icloud.com', 'gmx.net', 'web.de', 'mail.ru', 'yandex.ru', 'zoho.com', 'fastmail.com', 'proton.me', 'comcast.net', 'att.net', 'orange.fr', 't-online.de', 'free.fr', 'libero.it']) {
      expect(findByDomain(bundledCatalog, domain), domain).not.toBeNull()
    }
  })

  it('says OAuth2 where the provider requires it, and never recommends port 25', () => {
    const outlook = findByDomain(bundledCatalog, 'outlook.com')!
    for (const s of [...outlook.incoming, ...outlook.outgoing]) expect(s.auth).toEqual(['OAuth2'])
    expect(findByDomain(bundledCatalog, 'gmail.com')!.outgoing[0]!.auth[0]).toBe('OAuth2')
    for (const p of bundledCatalog.providers) for (const s of p.outgoing) expect(s.port, p.id).not.toBe(25)
  })

  it('recognises a custom domain by its MX, the longest MX suffix winning', () => {
    expect(findByMxHost(bundledCatalog, 'contoso-com.mail.protection.outlook.com')?.provider.id).toBe('microsoft365')
    expect(findByMxHost(bundledCatalog, 'hotmail-com.olc.protection.outlook.com.')?.provider.id).toBe('outlook.com')
    expect(findByMxHost(bundledCatalog, 'ASPMX.L.GOOGLE.COM')?.provider.id).toBe('gmail.com')
    expect(findByMxHost(bundledCatalog, 'in1-smtp.messagingengine.com')?.provider.id).toBe('fastmail.com')
    expect(findByMxHost(bundledCatalog, 'mx.notgoogle.com')).toBeNull()
  })

  it('carries the corrections checked against the ISPDB, nodemailer and the providers (issue 10)', () => {
    const servers = (domainOrId: string) => {
      const p = findByDomain(bundledCatalog, domainOrId) ?? bundledCatalog.providers.find((x) => x.id === domainOrId)!
      return [...p.incoming, ...p.outgoing]
    }
    // 1. Exchange Online: no Basic auth for IMAP/POP since October 2022; SMTP AUTH Basic retiring.
    const m365 = bundledCatalog.providers.find((p) => p.id === 'microsoft365')!
    for (const s of m365.incoming) expect(s.auth).toEqual(['OAuth2'])
    expect(m365.notes).toMatch(/SMTP AUTH .*retired/)
    // 2. libero.it sends through smtp.libero.it:465 SSL.
    expect(servers('libero.it').filter((s) => s.protocol === 'smtp').map((s) => `${s.host}:${s.port} ${s.socket}`)).toEqual(['smtp.libero.it:465 SSL'])
    // 3. and 4.: MX suffixes that sit inside another provider's.
    expect(findByMxHost(bundledCatalog, 'mx-aol.mail.gm0.yahoodns.net')?.provider.id).toBe('aol.com')
    expect(findByMxHost(bundledCatalog, 'mta7.am0.yahoodns.net')?.provider.id).toBe('yahoo.com')
    expect(findByMxHost(bundledCatalog, 'mxbiz2.qq.com')?.provider.id).toBe('exmail.qq.com')
    expect(findByMxHost(bundledCatalog, 'mx1.qq.com')?.provider.id).toBe('qq.com')
    // 5. online.de / onlinehome.de are 1&1 mailboxes.
    for (const d of ['online.de', 'onlinehome.de']) expect(servers(d).map((s) => s.host), d).toEqual(['imap.1und1.de', 'pop.1und1.de', 'smtp.1und1.de', 'smtp.1und1.de'])
    // 6. AT&T and Comcast offer OAuth2.
    for (const d of ['att.net', 'comcast.net']) for (const s of servers(d)) expect(s.auth, `${d} ${s.host}`).toEqual(['OAuth2', 'password-cleartext'])
  })

  it('looks a domain up with one map access: the index agrees with a scan of every provider', () => {
    for (const p of bundledCatalog.providers) for (const d of p.domains) expect(findByDomain(bundledCatalog, d)).toBe(p)
    expect(findByDomain(bundledCatalog, 'not-listed.test')).toBeNull()
  })

  it.each([
    [{ version: 2, providers: [] }, /version/],
    [{ version: 1, providers: [{ id: 'x', name: 'X', domains: ['x.test'], mxDomains: [], incoming: [{ protocol: 'imap', host: 'imap x.test', port: 993, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }], outgoing: [] }] }, /providers\.0\.incoming\.0\.host/],
    [{ version: 1, providers: [{ id: 'x', name: 'X', domains: ['x.test'], mxDomains: [], incoming: [{ protocol: 'imap', host: 'imap.x.test', port: 0, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }], outgoing: [] }] }, /port/],
    [{ version: 1, providers: [{ id: 'x', name: 'X', domains: ['x.test'], mxDomains: [], incoming: [{ protocol: 'smtp', host: 'smtp.x.test', port: 465, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }], outgoing: [{ protocol: 'smtp', host: 'smtp.x.test', port: 465, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }] }] }, /incoming servers are imap or pop3/],
  ])('rejects bad data with the place it is wrong: %#', (data, message) => {
    expect(() => parseCatalog(data)).toThrow(message)
  })

  it('rejects a domain listed by two providers', () => {
    const p = (id: string) => ({ id, name: id, domains: ['same.test'], mxDomains: [], incoming: [{ protocol: 'imap', host: 'imap.same.test', port: 993, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }], outgoing: [{ protocol: 'smtp', host: 'smtp.same.test', port: 465, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }] })
    expect(() => parseCatalog({ version: 1, providers: [p('a'), p('b')] })).toThrow(/same\.test twice/)
  })
})
