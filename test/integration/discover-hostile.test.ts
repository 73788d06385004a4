// Hostile discovery data on loopback: each bad document or value is rejected with a reason,
// and the rest of discovery (working SRV records for the same domain) is unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DiscoveryReport } from '@shared/discovery'
import { discover } from '../../electron/engine/discover/index'
import { fetchDocument } from '../../electron/engine/discover/http'
import { DnsClient } from '../../electron/engine/net/dns'
import { Patience } from '../../electron/engine/net/patience'
import { startDiscoveryLab, type DiscoveryLab } from '../helpers/discovery-lab'

let lab: DiscoveryLab
beforeAll(async () => {
  lab = await startDiscoveryLab()
})
afterAll(() => lab?.close())

function run(address: string): Promise<DiscoveryReport> {
  return discover(address, {
    dnsServer: lab.dnsServer, ca: [lab.ca], portMap: lab.portMap, ispdbBaseUrl: null, catalog: lab.catalog,
    sources: ['autoconfig', 'srv'], http: { timeoutMs: 1500 },
  })
}

function autoconfigReason(r: DiscoveryReport, domain: string): string {
  const attempt = r.sources.find((s) => s.source === 'autoconfig')?.attempts.find((a) => a.target === `https://autoconfig.${domain}/mail/config-v1.1.xml`)
  return attempt?.detail ?? '(no attempt)'
}

function unaffected(r: DiscoveryReport): void {
  expect(r.recommended?.incoming[0]).toMatchObject({ host: 'mail.good.test', port: 993, socket: 'SSL' })
  expect(r.recommended?.outgoing[0]).toMatchObject({ host: 'mail.good.test', port: 465, socket: 'SSL' })
}

describe('hostile discovery data', () => {
  it.each([
    ['xxe.test', /DOCTYPE or entities; refused/],
    ['laughs.test', /DOCTYPE or entities; refused/],
    ['ctype.test', /wrong content type "text\/html"/],
    ['loop.test', /redirect loop/],
    ['silent.test', /no complete answer within 1500 ms/],
  ])('%s: rejected with a reason, the rest unaffected', async (domain, reason) => {
    const r = await run(`a@${domain}`)
    expect(autoconfigReason(r, domain)).toMatch(reason)
    expect(r.incoming.every((s) => s.sources.every((x) => x.source === 'srv'))).toBe(true)
    unaffected(r)
  })

  it('a 50 MB document: refused at the 1 MB limit, reading stops early', async () => {
    const r = await run('a@huge.test')
    expect(autoconfigReason(r, 'huge.test')).toMatch(/exceeds the 1048576-byte limit \(stopped reading\)/)
    // The server could push at most what the socket buffers took before we hung up.
    expect(lab.hugeBytesWritten()).toBeLessThan(20 * 1024 * 1024)
    unaffected(r)
  })

  it('host names with spaces or CR/LF, ports out of range, unknown socket types: each value rejected by name', async () => {
    const r = await run('a@badvalues.test')
    const rejected = r.sources.find((s) => s.source === 'autoconfig')!.rejected.join('\n')
    expect(rejected).toMatch(/host "mail host.test" contains a character a host name cannot hold/)
    // XML turns CRLF into LF; the message shows it escaped.
    expect(rejected).toMatch(/host "evil\\nhost\.test" contains a line break/)
    expect(rejected).toMatch(/port "70000"/)
    expect(rejected).toMatch(/port "0"/)
    expect(rejected).toMatch(/socket type "TLS"/)
    unaffected(r)
  })

  it('redirect limit, https→http downgrade and credentials in URLs are refused by the fetcher', async () => {
    const common = {
      dns: new DnsClient({ server: lab.dnsServer }), patience: new Patience(), signal: new AbortController().signal, ca: [lab.ca],
      portMap: lab.portMap, timeoutMs: 2000, maxBytes: 1_048_576, allowHttp: false,
    }
    const loop = await fetchDocument('https://autoconfig.loop.test/mail/config-v1.1.xml', { ...common, maxRedirects: 1 })
    expect(loop).toMatchObject({ ok: false, reason: 'more than 1 redirects' })
    const http = await fetchDocument('http://autoconfig.httponly.test/mail/config-v1.1.xml', { ...common, maxRedirects: 3 })
    expect(http).toMatchObject({ ok: false, reason: expect.stringMatching(/only https is allowed/) })
    const creds = await fetchDocument('https://user:pw@autoconfig.srv-auto.test/mail/config-v1.1.xml', { ...common, maxRedirects: 3 })
    expect(creds).toMatchObject({ ok: false, reason: expect.stringMatching(/credentials/) })
    // Without the test CA the certificate is not trusted: validation stays on.
    const untrusted = await fetchDocument('https://autoconfig.srv-auto.test/mail/config-v1.1.xml', { ...common, ca: undefined, maxRedirects: 3 })
    expect(untrusted).toMatchObject({ ok: false, reason: expect.stringMatching(/certificate of autoconfig\.srv-auto\.test is not valid/) })
  })
})
