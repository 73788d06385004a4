// Which servers need the person's explicit yes: named only by plain http, or only by DNS for a
// host outside the address's domain and outside every known provider.
import { describe, expect, it } from 'vitest'
import { cautionOf, isUnder, knownProviderHost } from '@shared/caution'
import { bundledCatalog } from '@shared/providers/catalog'
import { baseDomain } from '../../electron/engine/discover/mx'
import type { DiscoverySource } from '@shared/discovery'

const refs = (...sources: DiscoverySource[]): { source: DiscoverySource }[] => sources.map((source) => ({ source }))
const known = knownProviderHost(bundledCatalog, baseDomain)

describe('caution', () => {
  it('plain http alone: always a caution, whoever the host is', () => {
    expect(cautionOf(refs('autoconfig-http'), 'imap.example.test', 'example.test', known)).toBe('plain-http')
    expect(cautionOf(refs('autoconfig-http', 'guess'), 'imap.example.test', 'example.test', known)).toBeNull()
  })

  it('SRV for a host under the domain or at a known provider: fine; anywhere else: a caution', () => {
    expect(cautionOf(refs('srv'), 'mail.example.test', 'example.test', known)).toBeNull()
    expect(cautionOf(refs('srv'), 'smtp.fastmail.com', 'example.test', known)).toBeNull()
    expect(cautionOf(refs('srv'), 'smtp.attacker.test', 'example.test', known)).toBe('foreign-dns')
    expect(cautionOf(refs('srv', 'autoconfig-http'), 'smtp.attacker.test', 'example.test', known)).toBe('foreign-dns')
    // Any unforgeable source vouching for the same endpoint lifts it.
    expect(cautionOf(refs('srv', 'autoconfig'), 'smtp.attacker.test', 'example.test', known)).toBeNull()
    expect(cautionOf(refs('mx'), 'smtp.attacker.test', 'example.test', known)).toBeNull()
  })

  it('the bundled ISPDB’s providers are known too: SRV naming their servers needs no caution', async () => {
    const { loadBundledIspdb } = await import('../../electron/engine/discover/bundled-ispdb')
    const bundle = await loadBundledIspdb()
    const ispdbOnly = knownProviderHost(bundledCatalog, baseDomain, bundle.known)
    // cox.net is served by Yahoo in the ISPDB, and not a domain of ClearPort's own catalog.
    const cox = bundle.find('cox.net')
    expect(cox).not.toBeNull()
    expect(ispdbOnly(cox!.outgoing[0]!.host)).toBe(true)
    expect(cautionOf(refs('srv'), 'imap.cox.net', 'example.test', ispdbOnly)).toBeNull()
    expect(cautionOf(refs('srv'), 'smtp.attacker.test', 'example.test', ispdbOnly)).toBe('foreign-dns')
    // The bundle lists smtp.mail.yahoo.co.jp: yahoo.co.jp becomes known, the public suffix co.jp does not.
    expect(ispdbOnly('imap.mail.yahoo.co.jp')).toBe(true)
    expect(ispdbOnly('smtp.attacker.co.jp')).toBe(false)
    expect(ispdbOnly('smtp.attacker.co.uk')).toBe(false)
  })

  it('"under" means the domain itself or a name below it, not a look-alike', () => {
    expect(isUnder('mail.example.test.', 'Example.test')).toBe(true)
    expect(isUnder('example.test', 'example.test')).toBe(true)
    expect(isUnder('mail.badexample.test', 'example.test')).toBe(false)
    expect(known('imap.gmail.com')).toBe(true)
    expect(known('gmail.com.attacker.test')).toBe(false)
  })
})
