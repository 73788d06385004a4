// The parts of discovery planned before any I/O: guessing's host × port plan, the MX base domain,
// the autoconfig and ISPDB URLs, and the CLI's discover command.
import { describe, expect, it } from 'vitest'
import { UsageError, parseCommand } from '../../electron/cli/args'
import { autoconfigUrls } from '../../electron/engine/discover/autoconfig'
import { guessCandidates } from '../../electron/engine/discover/guess'
import { DEFAULT_ISPDB_URL, ispdbUrl } from '../../electron/engine/discover/ispdb'
import { baseDomain } from '../../electron/engine/discover/mx'
import { isXmlContentType } from '../../electron/engine/discover/http'

describe('discovery plan', () => {
  it('guesses smtp./mail./imap./pop. and the bare domain on the standard ports, never 25', () => {
    const plan = guessCandidates('example.test')
    const keys = plan.map((c) => `${String(c.protocol)} ${String(c.host)}:${String(c.port)} ${String(c.socket)}`)
    expect(keys).toContain('smtp smtp.example.test:465 SSL')
    expect(keys).toContain('smtp mail.example.test:587 STARTTLS')
    expect(keys).toContain('smtp example.test:2525 STARTTLS')
    expect(keys).toContain('imap imap.example.test:993 SSL')
    expect(keys).toContain('pop3 pop.example.test:110 STARTTLS')
    expect(plan.some((c) => c.port === 25)).toBe(false)
  })

  it('finds the base domain of an MX host', () => {
    expect(baseDomain('aspmx.l.google.com.')).toBe('google.com')
    expect(baseDomain('mx1.mail.example.co.uk')).toBe('example.co.uk')
    expect(baseDomain('example.test')).toBe('example.test')
  })

  it('builds the autoconfig and ISPDB URLs (https first, http only as the fallback)', () => {
    expect(autoconfigUrls('xn--bcher-kva.test')).toEqual({
      https: ['https://autoconfig.xn--bcher-kva.test/mail/config-v1.1.xml', 'https://xn--bcher-kva.test/.well-known/autoconfig/mail/config-v1.1.xml'],
      http: ['http://autoconfig.xn--bcher-kva.test/mail/config-v1.1.xml'],
    })
    expect(ispdbUrl('https://ispdb.test/v1.1', 'example.test')).toBe('https://ispdb.test/v1.1/example.test')
    // Where Thunderbird 153 asks.
    expect(ispdbUrl(DEFAULT_ISPDB_URL, 'xn--bcher-kva.test')).toBe('https://live.thunderbird.net/autoconfig/v1.1/xn--bcher-kva.test')
  })

  it('accepts XML content types only', () => {
    expect(isXmlContentType('text/xml; charset=utf-8')).toBe(true)
    expect(isXmlContentType('application/xml')).toBe(true)
    expect(isXmlContentType('application/vnd.ms-sync.wbxml+xml')).toBe(true)
    expect(isXmlContentType('text/html')).toBe(false)
    expect(isXmlContentType('')).toBe(false)
  })
})

describe('clearport discover arguments', () => {
  it('reads the address (IDN, plus tag, upper case, trailing dot) and the test options', () => {
    expect(parseCommand(['discover', 'Me+tag@BÜCHER.Test.', '--json', '--dns-server', '127.0.0.1:5353', '--port-map', '443=8443,993=10993', '--ispdb', 'off'])).toEqual({
      name: 'discover', json: true, quiet: false, address: 'Me+tag@xn--bcher-kva.test', dnsServer: '127.0.0.1:5353', portMap: { '443': 8443, '993': 10993 }, ispdbBaseUrl: null,
    })
  })

  it.each([
    [['discover'], /one address/],
    [['discover', 'a@b.test', 'c@d.test'], /one address/],
    [['discover', 'nobody'], /no "@"/],
    [['discover', 'a@b.test', '--port-map', '443'], /PORT=PORT/],
    [['discover', 'a@b.test', '--port-map', '443=70000'], /out of range/],
    [['discover', 'a@b.test', '--ispdb', 'http://ispdb.test/'], /https URL/],
    [['discover', 'a@b.test', '--tls'], /does not apply/],
    [['port25', '--port-map', '1=2'], /does not apply/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
    expect(() => parseCommand(argv)).toThrow(message)
  })
})
