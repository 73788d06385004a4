// discover() end to end on loopback: a real DNS server, HTTPS with a test CA, real SMTP servers
// and IMAP/POP3 servers, every standard port remapped. The cases the issue names: SRV +
// autoconfig, MX only (guessed), hosted at a catalog provider via MX, an autoconfig that lies,
// sources that disagree; plus ISPDB, Autodiscover, plaintext-only, IDN and progress events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DiscoveryProgress, DiscoveryReport } from '@shared/discovery'
import { discover, type DiscoverOptions } from '../../electron/engine/discover/index'
import { startDiscoveryLab, type DiscoveryLab } from '../helpers/discovery-lab'

let lab: DiscoveryLab
beforeAll(async () => {
  lab = await startDiscoveryLab()
})
afterAll(() => lab?.close())

function run(address: string, extra: Partial<DiscoverOptions> = {}): Promise<DiscoveryReport> {
  return discover(address, { dnsServer: lab.dnsServer, ca: [lab.ca], portMap: lab.portMap, ispdbBaseUrl: lab.ispdbBaseUrl, catalog: lab.catalog, http: { timeoutMs: 2000 }, ...extra })
}

const first = (r: DiscoveryReport, dir: 'incoming' | 'outgoing'): string | null => {
  const s = r.recommended?.[dir][0]
  return s ? `${s.protocol} ${s.host}:${s.port} ${s.socket}` : null
}
const server = (r: DiscoveryReport, key: string) => [...r.incoming, ...r.outgoing].find((s) => `${s.protocol} ${s.host}:${s.port} ${s.socket}` === key)

describe('discover on loopback', () => {
  it('SRV + autoconfig: both sources are credited, 465 is preferred, "." means not offered', async () => {
    const r = await run('me@srv-auto.test')
    expect(first(r, 'incoming')).toBe('imap mail.srv-auto.test:993 SSL')
    expect(first(r, 'outgoing')).toBe('smtp mail.srv-auto.test:465 SSL')
    expect(r.recommended?.outgoing.map((s) => s.port)).toEqual([465, 587])
    const imap = server(r, 'imap mail.srv-auto.test:993 SSL')!
    expect(imap.sources.map((s) => s.source)).toEqual(expect.arrayContaining(['autoconfig', 'srv']))
    expect(imap.sources.find((s) => s.source === 'srv')?.detail).toMatch(/unauthenticated DNS/)
    expect(imap.verified).toMatchObject({ status: 'ok', certificateValid: true })
    // AUTH read after TLS: the server hides it before (LOGINDISABLED only).
    expect(imap.verified.authMechanisms).toEqual(['PLAIN', 'XOAUTH2'])
    const srv = r.sources.find((s) => s.source === 'srv')!
    expect(srv.attempts.find((a) => a.target === '_pop3s._tcp.srv-auto.test')?.detail).toMatch(/not offered/)
    expect(r.notes.join(' ')).toMatch(/unauthenticated/)
  })

  it('MX only: guessing finds the servers, STARTTLS verified after the upgrade', async () => {
    const r = await run('someone@mxonly.test')
    expect(first(r, 'incoming')).toBe('imap mail.mxonly.test:143 STARTTLS')
    expect(first(r, 'outgoing')).toBe('smtp mail.mxonly.test:587 STARTTLS')
    expect(r.recommended?.incoming.map((s) => s.protocol)).toEqual(['imap', 'pop3'])
    for (const s of [...r.incoming, ...r.outgoing]) expect(s.sources.map((x) => x.source)).toEqual(['guess'])
    expect(server(r, 'smtp mail.mxonly.test:465 SSL')?.verified.status).toBe('unreachable')
    expect(server(r, 'pop3 mail.mxonly.test:110 STARTTLS')?.verified.authMechanisms).toEqual(['PLAIN', 'XOAUTH2'])
  })

  it('a custom domain hosted at a catalog provider is recognised by its MX', async () => {
    const r = await run('boss@custom.test')
    expect(r.recommended).toMatchObject({ providerName: 'Hoster', providerId: 'hoster.test' })
    expect(first(r, 'incoming')).toBe('imap imap.hoster.test:993 SSL')
    expect(first(r, 'outgoing')).toBe('smtp smtp.hoster.test:465 SSL')
    expect(server(r, 'imap imap.hoster.test:993 SSL')?.sources[0]?.detail).toMatch(/MX mx1\.hoster\.test → catalog hoster\.test/)
  })

  it('an autoconfig that lies (a dead host) is caught by verification and never recommended', async () => {
    const r = await run('x@lies.test')
    expect(r.recommended).toBeNull()
    const dead = server(r, 'imap dead.lies.test:993 SSL')!
    expect(dead.sources.map((s) => s.source)).toEqual(['autoconfig'])
    expect(dead.verified.status).toBe('unreachable')
    expect(dead.verified.summary).toMatch(/ECONNREFUSED/)
  })

  it('sources that disagree: different hosts, a wrong socket type, a different user name', async () => {
    const r = await run('y@disagree.test')
    const about = r.disagreements.map((d) => `${d.protocol}:${d.about}`)
    expect(about).toEqual(expect.arrayContaining(['imap:server', 'smtp:socket']))
    // autoconfig says 587 is implicit TLS: the probe proves it is not.
    expect(server(r, 'smtp mail.disagree.test:587 SSL')?.verified.status).toBe('tls-failed')
    expect(server(r, 'smtp mail.disagree.test:587 SSL')?.verified.summary).toMatch(/wrong version number/)
    expect(first(r, 'outgoing')).toBe('smtp mail.disagree.test:587 STARTTLS')
    // Both IMAP hosts work; the https-served document outranks unauthenticated DNS.
    expect(first(r, 'incoming')).toBe('imap imap.disagree.test:993 SSL')
    expect(r.recommended?.incoming[0]?.username).toBe('%EMAILLOCALPART%')
  })

  it('ISPDB (injectable URL) and Autodiscover POX supply settings; Autodiscover gets the address only', async () => {
    const fromIspdb = await run('k@ispdb-only.test')
    expect(server(fromIspdb, 'imap mail.good.test:993 SSL')?.sources.map((s) => s.source)).toContain('ispdb')
    const before = lab.https.requests.length
    const fromExchange = await run('Boss@exch.test')
    expect(first(fromExchange, 'incoming')).toBe('imap mail.exch.test:993 SSL')
    expect(first(fromExchange, 'outgoing')).toBe('smtp mail.exch.test:587 STARTTLS')
    const posts = lab.https.requests.slice(before).filter((q) => q.method === 'POST')
    expect(posts.length).toBeGreaterThan(0)
    for (const post of posts) {
      expect(post.body).toContain('<EMailAddress>Boss@exch.test</EMailAddress>')
      expect(post.body).not.toMatch(/password/i)
    }
  })

  it('Autodiscover found through _autodiscover._tcp SRV is asked at the SRV target and marked as such', async () => {
    const before = lab.https.requests.length
    const r = await run('Eve@adsrv.test', { sources: ['autodiscover'] })
    expect(first(r, 'incoming')).toBe('imap mail.exch.test:993 SSL')
    const via = server(r, 'imap mail.exch.test:993 SSL')?.sources.map((s) => s.detail).join(' ')
    expect(via).toMatch(/_autodiscover\._tcp SRV \(unauthenticated DNS\)/)
    const posts = lab.https.requests.slice(before).filter((q) => q.method === 'POST' && q.host.startsWith('ad.hosting.test'))
    expect(posts).toHaveLength(1)
    expect(posts[0]!.body).toContain('<EMailAddress>Eve@adsrv.test</EMailAddress>')
  })

  it('Autodiscover redirects are followed (by address and by URL) at most twice, https only', async () => {
    const byAddr = await run('a@redir-addr.test', { sources: ['autodiscover'] })
    expect(first(byAddr, 'incoming')).toBe('imap mail.exch.test:993 SSL')
    const posts = lab.https.requests.filter((q) => q.method === 'POST' && q.host.startsWith('autodiscover.exch.test') && q.body.includes('moved@exch.test'))
    expect(posts.length).toBeGreaterThan(0)
    const byUrl = await run('b@redir-url.test', { sources: ['autodiscover'] })
    expect(first(byUrl, 'outgoing')).toBe('smtp mail.exch.test:587 STARTTLS')
    const before = lab.https.requests.length
    const loop = await run('c@redir-loop.test', { sources: ['autodiscover'] })
    expect(loop.recommended).toBeNull()
    expect(loop.sources.find((s) => s.source === 'autodiscover')?.rejected.join(' ')).toMatch(/more than 2 Autodiscover redirects/)
    expect(lab.https.requests.slice(before).filter((q) => q.host.startsWith('autodiscover.redir-loop.test'))).toHaveLength(3)
  })

  it('Autodiscover answering 401 is recorded as "exists, wants credentials" — none sent', async () => {
    const before = lab.https.requests.length
    const r = await run('j@auth401.test')
    const ad = r.sources.find((s) => s.source === 'autodiscover')!
    expect(ad.attempts.some((a) => /wants credentials \(HTTP 401\); none were sent/.test(a.detail))).toBe(true)
    const seen = lab.https.requests.slice(before).filter((q) => q.host.startsWith('autodiscover.auth401.test'))
    expect(seen).toHaveLength(1)
    expect(first(r, 'outgoing')).toBe('smtp mail.good.test:465 SSL')
  })

  it('SRV naming a host outside the domain and every known provider is shown with a caution, never recommended', async () => {
    const r = await run('x@foreign.test', { sources: ['srv'] })
    const foreign = server(r, 'smtp mail.elsewhere.test:465 SSL')
    expect(foreign?.verified.status).toBe('ok')
    expect(foreign?.caution).toBe('foreign-dns')
    expect(r.recommended).toBeNull()
    // The same kind of record naming a known provider's server (as for Fastmail-hosted domains) is fine.
    const hosted = await run('x@xxe.test', { sources: ['srv'] })
    expect(server(hosted, 'smtp mail.good.test:465 SSL')?.caution).toBeNull()
    expect(first(hosted, 'outgoing')).toBe('smtp mail.good.test:465 SSL')
  })

  it('a plaintext-only server is shown but never recommended', async () => {
    const r = await run('p@plain.test')
    const plain = server(r, 'imap imap.plain.test:143 STARTTLS')!
    expect(plain.verified.status).toBe('plaintext-only')
    expect(r.recommended?.incoming).toEqual([])
  })

  it('the plain-http autoconfig fallback is used only when https found nothing, and marked', async () => {
    const r = await run('h@httponly.test')
    const fromHttp = server(r, 'imap mail.good.test:993 SSL')
    expect(fromHttp?.sources.map((s) => s.source)).toEqual(['autoconfig-http'])
    // Anyone on the network can answer plain http: verified, yet never recommended on that word alone.
    expect(fromHttp?.verified.status).toBe('ok')
    expect(fromHttp?.caution).toBe('plain-http')
    expect(r.recommended).toBeNull()
    expect(r.notes.join(' ')).toMatch(/plain HTTP/)
    const srvAuto = await run('me@srv-auto.test', { sources: ['autoconfig'] })
    expect(srvAuto.incoming.every((s) => s.sources.every((x) => x.source === 'autoconfig'))).toBe(true)
  })

  it('IDN, plus tags, upper case and a trailing dot: the punycode domain is asked, the address kept', async () => {
    const r = await run('Ünï+Tag@BÜCHER.test.')
    expect(r.asciiDomain).toBe('xn--bcher-kva.test')
    expect(r.domain).toBe('bücher.test')
    expect(r.address).toBe('Ünï+Tag@xn--bcher-kva.test')
    expect(first(r, 'outgoing')).toBe('smtp mail.good.test:465 SSL')
    expect(r.recommended?.address).toBe('Ünï+Tag@xn--bcher-kva.test')
  })

  it('streams progress per source and per probe', async () => {
    const events: DiscoveryProgress[] = []
    const r = await run('me@srv-auto.test', { onProgress: (e) => events.push(e) })
    const sourcesDone = events.filter((e) => e.type === 'source' && e.state === 'done').map((e) => (e as { source: string }).source)
    expect(sourcesDone.sort()).toEqual(['autoconfig', 'autodiscover', 'catalog', 'guess', 'ispdb', 'mx', 'srv'])
    const probes = events.filter((e) => e.type === 'endpoint')
    expect(probes.filter((e) => e.state === 'probing')).toHaveLength(r.incoming.length + r.outgoing.length)
    expect(probes.find((e) => e.state === 'done' && e.host === 'mail.srv-auto.test' && e.port === 993)).toMatchObject({ status: 'ok' })
    // Every event is a plain record (survives IPC and JSON).
    expect(JSON.parse(JSON.stringify(events))).toEqual(events)
  })

  it('offline ISPDB is harmless: Mozilla’s name does not resolve here, the rest is unaffected', async () => {
    const r = await run('me@srv-auto.test', { ispdbBaseUrl: undefined })
    const ispdb = r.sources.find((s) => s.source === 'ispdb')!
    expect(ispdb.status).toBe('nothing')
    // Thunderbird 153's URL; the bundled copy was asked first and does not know a .test domain.
    expect(ispdb.detail).toMatch(/live\.thunderbird\.net\/autoconfig\/v1\.1\/srv-auto\.test/)
    expect(ispdb.detail).toMatch(/not in Thunderbird's provider database \(bundled\)/)
    expect(first(r, 'incoming')).toBe('imap mail.srv-auto.test:993 SSL')
  })

  it('never recommends a port this network blocks when another works (port-25 verdict)', async () => {
    const r = await run('me@srv-auto.test', { port25: { verdict: 'blocked', submission: [{ port: 465, usable: false }, { port: 587, usable: true }] } })
    expect(first(r, 'outgoing')).toBe('smtp mail.srv-auto.test:587 STARTTLS')
    expect(r.notes.join(' ')).toMatch(/port 25 is blocked/)
  })

  it('stops at once when cancelled, leaving nothing running', async () => {
    const controller = new AbortController()
    const asked = lab.https.nextRequest((q) => q.host.startsWith('autoconfig.silent.test'))
    const pending = run('g@silent.test', { signal: controller.signal, http: { timeoutMs: 10_000 } })
    // Cancel once the silent server holds the request, not after a guessed sleep.
    await asked
    const t0 = performance.now()
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    // "At once": far inside the 10 s fetch deadline it would otherwise wait out.
    expect(performance.now() - t0).toBeLessThan(5_000)
  })
})
