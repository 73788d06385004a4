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
