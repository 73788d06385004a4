// The one provider look-up, offline: every ISPDB domain with encrypted servers gets that
// provider's servers with no network at all, ClearPort's catalog wins where both know a domain,
// and the bundled data is loaded on demand — not by importing the engine, not in the renderer.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeUnless } from '../helpers/skip'
import { endpointKey } from '@shared/discovery'
import { bundledCatalog, findByDomain } from '@shared/providers/catalog'
import { parseIspdbBundle } from '@shared/providers/ispdb-data'
import { bundledIspdbRequested, loadBundledIspdb } from '../../electron/engine/discover/bundled-ispdb'
import { catalogSource } from '../../electron/engine/discover/catalog'
import { parseClientConfig } from '../../electron/engine/discover/clientconfig'
import { discover } from '../../electron/engine/discover/index'
import { ispdbSource } from '../../electron/engine/discover/ispdb'
import { lookupProvider } from '../../electron/engine/discover/provider-lookup'
import { offlineContext } from '../helpers/offline-context'

const root = resolve(__dirname, '../..')
const snapshot = resolve(root, '../shared/ispdb/ispdb')

const keys = (servers: { protocol: unknown; host: unknown; port: unknown; socket: unknown }[]): string[] =>
  servers.map((s) => endpointKey({ protocol: s.protocol as 'imap', host: String(s.host), port: Number(s.port), socket: s.socket as 'SSL' })).sort()

describe('the bundled ISPDB is loaded on demand', () => {
  it('is not loaded by importing the engine (so neither at start-up)', () => {
    expect(typeof discover).toBe('function')
    expect(bundledIspdbRequested()).toBe(false)
  })

  it('refuses a bundle with a plaintext server, a dangling index or no outgoing server, naming the place', () => {
    const good = JSON.parse(readFileSync(join(root, 'shared/providers/ispdb.json'), 'utf8')) as { configs: { servers: unknown[][] }[]; domains: Record<string, number> }
    const plain = structuredClone(good)
    plain.configs[0]!.servers[0]![3] = 'plain'
    expect(() => parseIspdbBundle(plain)).toThrow(/bundled ISPDB invalid at configs\.0\.servers\.0\.3/)
    const dangling = structuredClone(good)
    dangling.domains['dangling.test'] = good.configs.length
    expect(() => parseIspdbBundle(dangling)).toThrow(/dangling\.test points at config \d+, which does not exist/)
    const noSmtp = structuredClone(good)
    noSmtp.configs[0]!.servers = noSmtp.configs[0]!.servers.filter((x) => x[0] !== 'smtp').concat(noSmtp.configs[0]!.servers.filter((x) => x[0] !== 'smtp'))
    expect(() => parseIspdbBundle(noSmtp)).toThrow(/needs an incoming and an outgoing server/)
  })

  it('loads on the first look-up, once, and passes its schema', async () => {
    const first = loadBundledIspdb()
    expect(bundledIspdbRequested()).toBe(true)
    expect(loadBundledIspdb()).toBe(first)
    expect((await first).domains).toBeGreaterThanOrEqual(850)
    expect(() => parseIspdbBundle(JSON.parse(readFileSync(join(root, 'shared/providers/ispdb.json'), 'utf8')))).not.toThrow()
  })
})

/** Every domain of the snapshot whose file has an encrypted incoming and outgoing server, read straight from the XML. */
function encryptedIspdbDomains(): Map<string, { file: string; servers: string[] }> {
  const out = new Map<string, { file: string; servers: string[] }>()
  for (const file of readdirSync(snapshot).filter((f) => f.endsWith('.xml')).sort()) {
    const parsed = parseClientConfig(readFileSync(join(snapshot, file), 'utf8'), '%EMAILDOMAIN%')
    if (!parsed.ok) continue
    const servers = parsed.value.candidates.filter((c) => c.socket !== 'plain' && !String(c.host).includes('%'))
    if (!servers.some((s) => s.protocol === 'smtp') || !servers.some((s) => s.protocol !== 'smtp')) continue
    for (const domain of parsed.value.domains.map((d) => d.toLowerCase())) if (!out.has(domain)) out.set(domain, { file, servers: keys(servers) })
  }
  return out
}

describeUnless(existsSync(snapshot) ? null : `no ISPDB snapshot at ${snapshot}`, 'every ISPDB domain with encrypted servers, offline', () => {

  it("gets that provider's servers from the bundled copy, or ClearPort's curated entry where the catalog has the domain", async () => {
    const domains = encryptedIspdbDomains()
    expect(domains.size).toBeGreaterThanOrEqual(850)
    let bundled = 0
    let curated = 0
    for (const [domain, expected] of domains) {
      const ctx = offlineContext(`someone@${domain}`)
      const [fromCatalog, fromIspdb] = await Promise.all([catalogSource(ctx), ispdbSource(ctx)])
      const listed = findByDomain(bundledCatalog, domain)
      if (listed) {
        curated += 1
        // Curated wins: the ISPDB is not consulted, the catalog's own servers are the answer.
        expect(fromIspdb.candidates, domain).toEqual([])
        expect(fromIspdb.attempts[0]?.detail, domain).toMatch(/ClearPort's catalog lists .* and wins/)
        expect(keys(fromCatalog.candidates), domain).toEqual(keys([...listed.incoming, ...listed.outgoing]))
        continue
      }
      bundled += 1
      expect(fromCatalog.candidates, domain).toEqual([])
      expect(keys(fromIspdb.candidates), `${domain} (${expected.file})`).toEqual(expected.servers)
      expect(fromIspdb.candidates[0]?.ref.detail, domain).toMatch(/^bundled, 2026-03-12: /)
      expect(fromIspdb.attempts[0]?.detail, domain).toMatch(/^Thunderbird's provider database \(bundled, 2026-03-12\)/)
    }
    console.log(`[discovery-bundled] ${domains.size} ISPDB domains with encrypted servers: ${bundled} answered by the bundled copy, ${curated} by ClearPort's catalog`)
    expect(curated).toBeGreaterThan(100)
    expect(bundled).toBeGreaterThan(600)
  })
})

describe('the one look-up', () => {
  it('brings the domains the catalog lacked (correction 7) and keeps the curated entry where both know the domain', async () => {
    const from = async (domain: string): Promise<string> => {
      const found = await lookupProvider(offlineContext(`a@${domain}`), domain)
      return found ? `${found.origin} ${found.hint.id}` : 'none'
    }
    expect(await from('hotmail.ca')).toBe('ispdb-bundled hotmail.com')
    expect(await from('outlook.com.au')).toBe('ispdb-bundled hotmail.com')
    expect(await from('cox.net')).toBe('ispdb-bundled yahoo.com')
    expect(await from('netscape.net')).toBe('ispdb-bundled aol.com')
    expect(await from('compuserve.com')).toBe('ispdb-bundled aol.com')
    expect(await from('aol.it')).toBe('ispdb-bundled aol.com')
    expect(await from('gmx.ch')).toBe('catalog gmx.net')
    expect(await from('outlook.com')).toBe('catalog outlook.com')
    expect(await from('online.de')).toBe('catalog 1und1.de')
    expect(await from('example.test')).toBe('none')
  })

  it('names its provenance: "ClearPort\'s catalog" or "Thunderbird\'s provider database (bundled, <date>)"', async () => {
    expect((await lookupProvider(offlineContext('a@gmail.com'), 'gmail.com'))?.words).toBe("ClearPort's catalog")
    expect((await lookupProvider(offlineContext('a@cox.net'), 'cox.net'))?.words).toBe("Thunderbird's provider database (bundled, 2026-03-12)")
  })

  it('without the bundle (switched off) falls through to the online ISPDB, which says it was not asked', async () => {
    const out = await ispdbSource(offlineContext('a@cox.net', { bundledIspdb: null }))
    expect(out.candidates).toEqual([])
    expect(out.attempts.map((a) => a.detail)).toEqual(["Thunderbird's provider database (online) not asked (switched off)"])
  })
})

describeUnless(existsSync(join(root, 'out/main/index.js')) ? null : 'the app is not built (run `npx electron-vite build`)', 'the build', () => {
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
  // A domain only the bundled ISPDB lists (not the catalog), and the snapshot's commit.
  const markers = ['zohomail.com.au', 'c6ad79659b5fc321d1593ec4c277815b83e5dec5']

  it('keeps the ISPDB in one chunk of its own, required only on demand, never in the start-up files or the renderer', () => {
    const main = files(join(root, 'out/main'))
    const holders = main.filter((f) => markers.every((m) => readFileSync(f, 'utf8').includes(m)))
    expect(holders).toHaveLength(1)
    const chunk = holders[0]!.slice(holders[0]!.lastIndexOf('/') + 1)
    for (const f of [join(root, 'out/main/index.js'), join(root, 'out/main/cli.js'), ...files(join(root, 'out/renderer'))]) {
      const text = readFileSync(f, 'utf8')
      for (const m of markers) expect(text.includes(m), `${f} holds ${m}`).toBe(false)
    }
    for (const f of main.filter((x) => x !== holders[0])) {
      const text = readFileSync(f, 'utf8')
      const all = text.split(chunk).length - 1
      const lazy = text.split(`Promise.resolve().then(() => require("./${chunk}"))`).length - 1
      expect(all, `${f} loads ${chunk} eagerly`).toBe(lazy)
    }
  })
})
