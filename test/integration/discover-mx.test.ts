// MX inference through the Public Suffix List and the one provider look-up, against a real DNS
// server on loopback: the MX host's parent domain and its registrable domain (co.uk, com.au,
// or.jp …), and the curated MX domains where one provider's MX hosts sit inside another's
// (AOL inside Yahoo's yahoodns.net, Tencent Exmail inside qq.com). Nothing is probed or fetched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discover } from '../../electron/engine/discover/index'
import { baseDomain, mxLookupDomains, mxSource } from '../../electron/engine/discover/mx'
import { DnsClient } from '../../electron/engine/net/dns'
import { startDns, type RunningDns } from '../helpers/dns-server'
import { offlineContext } from '../helpers/offline-context'

const MX: Record<string, string> = {
  'shop-uk.test': 'mx.blueyonder.co.uk',
  'deep-uk.test': 'in.a.mx.blueyonder.co.uk',
  'shop-au.test': 'mx.zoho.com.au',
  'shop-jp.test': 'mx1.dd.iij4u.or.jp',
  'aol-hosted.test': 'mx-aol.mail.gm0.yahoodns.net',
  'yahoo-hosted.test': 'mta6.am0.yahoodns.net',
  'exmail-hosted.test': 'mxbiz1.qq.com',
  'qq-hosted.test': 'mx3.qq.com',
  'tenant.test': 'tenant-test.mail.protection.outlook.com',
  'own.test': 'mx.own.test',
}

let dns: RunningDns
let server: string

beforeAll(async () => {
  const mx = Object.fromEntries(Object.entries(MX).map(([d, exchange]) => [d, [{ exchange, priority: 10 }]]))
  dns = await startDns({ mx })
  server = dns.server
})
afterAll(async () => {
  await dns?.close()
})

async function inferred(domain: string): Promise<{ provider: string | undefined; detail: string | undefined; hosts: string[] }> {
  const out = await mxSource(offlineContext(`someone@${domain}`, { dns: new DnsClient({ server, timeoutMs: 1000, tries: 2 }) }))
  return { provider: out.provider?.id, detail: out.candidates[0]?.ref.detail, hosts: [...new Set(out.candidates.map((c) => c.host))].sort() }
}

describe('the MX host base domain from the Public Suffix List', () => {
  it.each([
    ['mx1.mail.example.co.uk', 'example.co.uk'],
    ['mx.example.com.au', 'example.com.au'],
    // The old two-letter-TLD heuristic got these wrong: me.uk and ltd.uk are public suffixes, and
    // the list's exception rule makes city.kawasaki.jp registrable under its *.kawasaki.jp wildcard.
    ['mx.example.me.uk', 'example.me.uk'],
    ['mx.example.ltd.uk', 'example.ltd.uk'],
    ['mx.city.kawasaki.jp', 'city.kawasaki.jp'],
    ['mx.example.news.kawasaki.jp', 'example.news.kawasaki.jp'],
    ['aspmx.l.google.com.', 'google.com'],
    ['mx.example.test', 'example.test'],
  ])('%s → %s', (host, base) => {
    expect(baseDomain(host)).toBe(base)
  })

  it("also tries the MX host's parent, as Thunderbird does (Microsoft 365 tenants vs outlook.com)", () => {
    expect(mxLookupDomains('tenant-test.mail.protection.outlook.com')).toEqual(['mail.protection.outlook.com', 'outlook.com'])
    expect(mxLookupDomains('hotmail-com.olc.protection.outlook.com')).toEqual(['olc.protection.outlook.com', 'outlook.com'])
    expect(mxLookupDomains('mx1.example.co.uk')).toEqual(['example.co.uk'])
  })
})

describe('MX inference offline, through the one look-up', () => {
  it('*.co.uk and *.com.au: the registrable domain under the two-label suffix is found in the bundled ISPDB', async () => {
    for (const domain of ['shop-uk.test', 'deep-uk.test']) {
      const r = await inferred(domain)
      expect(r.provider, domain).toBe('blueyonder.co.uk')
      expect(r.detail).toBe(`MX ${MX[domain]} → Thunderbird's provider database (bundled, 2026-03-12): blueyonder.co.uk`)
    }
    const au = await inferred('shop-au.test')
    // zoho.com.au.xml is Zoho's Australian data centre (provider id zoho.com), not the curated zoho.com.
    expect(au.detail).toBe("MX mx.zoho.com.au → Thunderbird's provider database (bundled, 2026-03-12): zoho.com")
    expect(au.hosts).toEqual(['imap.zoho.com.au', 'pop.zoho.com.au', 'smtp.zoho.com.au'])
  })

  it("the MX host's parent is looked up before the base domain (dd.iij4u.or.jp, not iij4u.or.jp)", async () => {
    const r = await inferred('shop-jp.test')
    expect(r.provider).toBe('dd.iij4u.or.jp')
    expect(r.hosts.every((h) => h.endsWith('.iij4u.or.jp'))).toBe(true)
  })

  // AOL-hosted domains go to AOL (gm0.yahoodns.net), Yahoo-hosted ones to Yahoo (yahoodns.net);
  // Tencent Exmail business domains get Exmail's servers, QQ-hosted ones QQ Mail's.
  it.each([
    ['aol-hosted.test', 'aol.com', 'MX mx-aol.mail.gm0.yahoodns.net → catalog aol.com (MX domain gm0.yahoodns.net)', ['imap.aol.com', 'pop.aol.com', 'smtp.aol.com']],
    ['yahoo-hosted.test', 'yahoo.com', 'MX mta6.am0.yahoodns.net → catalog yahoo.com (MX domain yahoodns.net)', ['imap.mail.yahoo.com', 'pop.mail.yahoo.com', 'smtp.mail.yahoo.com']],
    ['exmail-hosted.test', 'exmail.qq.com', 'MX mxbiz1.qq.com → catalog exmail.qq.com (MX domain mxbiz1.qq.com)', ['imap.exmail.qq.com', 'pop.exmail.qq.com', 'smtp.exmail.qq.com']],
    ['qq-hosted.test', 'qq.com', 'MX mx3.qq.com → catalog qq.com (MX domain mx3.qq.com)', ['imap.qq.com', 'pop.qq.com', 'smtp.qq.com']],
  ])('%s is hosted at %s', async (domain, provider, detail, hosts) => {
    const r = await inferred(domain)
    expect(r.provider).toBe(provider)
    expect(r.detail).toBe(detail)
    expect(r.hosts).toEqual(hosts)
  })

  it('a Microsoft 365 tenant is Microsoft 365, with OAuth2 only for IMAP and POP3 (correction 1)', async () => {
    const out = await mxSource(offlineContext('someone@tenant.test', { dns: new DnsClient({ server, timeoutMs: 1000, tries: 2 }) }))
    expect(out.provider?.id).toBe('microsoft365')
    for (const c of out.candidates.filter((s) => s.protocol !== 'smtp')) expect(c.auth).toEqual(['OAuth2'])
  })

  it('an MX inside the domain itself infers nothing', async () => {
    const out = await mxSource(offlineContext('someone@own.test', { dns: new DnsClient({ server, timeoutMs: 1000, tries: 2 }) }))
    expect(out.candidates).toEqual([])
    expect(out.attempts.at(-1)?.detail).toMatch(/the MX is in the domain itself/)
  })
})

describe('discover() with no network at all', () => {
  it("names the bundled ISPDB provider's servers for an ISPDB-only domain (cox.net), with provenance", async () => {
    // The loopback DNS refuses every name outside .test, so no probe leaves this machine.
    const r = await discover('someone@cox.net', { dnsServer: server, ispdbBaseUrl: null, sources: ['catalog', 'ispdb'], overallMs: 10_000 })
    const named = [...r.incoming, ...r.outgoing].map((x) => `${x.protocol} ${x.host}:${x.port}`)
    expect(named).toEqual(expect.arrayContaining(['imap imap.mail.yahoo.com:993', 'smtp smtp.mail.yahoo.com:465']))
    for (const x of [...r.incoming, ...r.outgoing]) {
      expect(x.sources.map((s) => `${s.source} ${s.detail}`)).toEqual(['ispdb bundled, 2026-03-12: yahoo.com'])
      expect(x.verified.status).not.toBe('ok')
    }
    expect(r.sources.find((s) => s.source === 'catalog')?.status).toBe('nothing')
  })
})
