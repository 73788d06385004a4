import { describe, expect, it } from 'vitest'
import { parseDnsServer, parseEmailAddress, parseHost, parsePort, quote } from '@shared/validate'

describe('parseEmailAddress', () => {
  it('normalises case, trailing dots, spaces and plus tags', () => {
    const parsed = parseEmailAddress('  Jane.Doe+mail@Example.COM.  ')
    expect(parsed).toEqual({ ok: true, value: { local: 'Jane.Doe+mail', domain: 'example.com', asciiDomain: 'example.com', address: 'Jane.Doe+mail@example.com' } })
  })

  it('turns an IDN domain into punycode and keeps the Unicode form', () => {
    const parsed = parseEmailAddress('anna@bücher.example')
    expect(parsed.ok && parsed.value.asciiDomain).toBe('xn--bcher-kva.example')
    expect(parsed.ok && parsed.value.domain).toBe('bücher.example')
  })

  it.each([
    ['', /empty/],
    ['no-at-sign', /has no "@"/],
    ['@example.com', /nothing before/],
    ['me@', /no domain/],
    ['me@localhost', /no dot/],
    ['me@exa mple.com', /cannot hold/],
    ['me@example.com\r\nRCPT TO:<x@y>', /line break/],
    ['me\0@example.com', /NUL/],
    ['a b@example.com', /needs quoting/],
    ['.me@example.com', /misplaced dot/],
    ['me@-bad-.com', /invalid part/],
    [`me@${'a'.repeat(64)}.com`, /invalid part/],
    [`${'x'.repeat(65)}@example.com`, /64 characters/],
    ['x'.repeat(400), /320/],
  ])('rejects %j with a reason', (input, reason) => {
    const parsed = parseEmailAddress(input)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(reason)
  })

  it('quotes hostile input safely and briefly', () => {
    expect(quote('a\r\nb')).toBe('"a\\r\\nb"')
    expect(quote('z'.repeat(500)).length).toBeLessThan(70)
  })
})

describe('parseHost / parsePort / parseDnsServer', () => {
  it('accepts names, IDN, IPv4 and IPv6 literals', () => {
    expect(parseHost('SMTP.Example.com.')).toEqual({ ok: true, value: { host: 'smtp.example.com', kind: 'name' } })
    expect(parseHost('mail.bücher.example')).toEqual({ ok: true, value: { host: 'mail.xn--bcher-kva.example', kind: 'name' } })
    expect(parseHost('192.0.2.7')).toEqual({ ok: true, value: { host: '192.0.2.7', kind: 'ipv4' } })
    expect(parseHost('[2001:db8::1]')).toEqual({ ok: true, value: { host: '2001:db8::1', kind: 'ipv6' } })
  })

  it.each(['host name', 'host\r\nQUIT', 'host\0', '', 'a/b', 'x'.repeat(300)])('rejects host %j', (input) => {
    expect(parseHost(input).ok).toBe(false)
  })

  it.each([
    ['25', 25],
    [587, 587],
    ['65535', 65535],
  ])('accepts port %j', (input, port) => {
    expect(parsePort(input)).toEqual({ ok: true, value: port })
  })

  it.each(['0', '65536', 'smtp', '-1', '25.5', '', '1e3'])('rejects port %j', (input) => {
    const parsed = parsePort(input)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(/port/)
  })

  it('reads DNS servers with and without ports', () => {
    expect(parseDnsServer('192.0.2.53')).toEqual({ ok: true, value: { address: '192.0.2.53', port: 53, spec: '192.0.2.53:53' } })
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({ ok: true, value: { address: '127.0.0.1', port: 5353, spec: '127.0.0.1:5353' } })
    expect(parseDnsServer('[::1]:5353')).toEqual({ ok: true, value: { address: '::1', port: 5353, spec: '[::1]:5353' } })
    expect(parseDnsServer('2001:db8::53')).toEqual({ ok: true, value: { address: '2001:db8::53', port: 53, spec: '[2001:db8::53]:53' } })
    expect(parseDnsServer('dns.example.com').ok).toBe(false)
    expect(parseDnsServer('127.0.0.1:99999').ok).toBe(false)
  })
})
