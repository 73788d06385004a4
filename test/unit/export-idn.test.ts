// The punycode decoder (display only) against Node's own IDNA implementation.
import { domainToASCII, domainToUnicode } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodePunycodeLabel, toDisplayAddress, toDisplayHost } from '@shared/export/idn'

describe('toDisplayHost', () => {
  it.each(['bücher.test', 'mail.münchen.test', '例え.テスト', 'пример.испытание', 'xn--ls8h.test', 'straße.test', 'ελληνικά.test', 'نمونه.test'])('%s', (unicode) => {
    const ascii = domainToASCII(unicode)
    expect(ascii).toMatch(/xn--/)
    expect(toDisplayHost(ascii)).toBe(domainToUnicode(ascii))
  })

  it('ASCII names and IP literals pass through', () => {
    expect(toDisplayHost('imap.example.test')).toBe('imap.example.test')
    expect(toDisplayHost('192.0.2.1')).toBe('192.0.2.1')
  })

  it('invalid punycode is shown as the ASCII it is', () => {
    expect(decodePunycodeLabel('99999999999')).toBeNull()
    expect(toDisplayHost('xn--99999999999.test')).toBe('xn--99999999999.test')
    // Decodes, but would not map back to the same ASCII name: not shown as Unicode.
    expect(decodePunycodeLabel('bung-fna')).toBe('Übung')
    expect(toDisplayHost('xn--bung-fna.test')).toBe('xn--bung-fna.test')
  })

  it('addresses', () => {
    expect(toDisplayAddress('zoe@xn--bcher-kva.test')).toBe('zoe@bücher.test')
  })
})
