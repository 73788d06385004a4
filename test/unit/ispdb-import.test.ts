// The ISPDB importer (scripts/): against real ISPDB files copied as fixtures, against hostile
// files written here, as the command a maintainer runs, and the committed ispdb.json against a
// fresh import of the team's snapshot (so nobody edits the generated file by hand).
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_FILE_BYTES, importIspdb, readSource, serializeBundle } from '../../scripts/ispdb-import'
import { parseIspdbBundle } from '@shared/providers/ispdb-data'

const root = resolve(__dirname, '../..')
const fixtures = join(root, 'test/fixtures/ispdb')
const snapshot = resolve(root, '../shared/ispdb')
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function tempCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearport-ispdb-'))
  temps.push(dir)
  cpSync(fixtures, dir, { recursive: true })
  return dir
}

const server = (type: string, host: string, port: string, socket: string, tag = 'incomingServer'): string =>
  `<${tag} type="${type}"><hostname>${host}</hostname><port>${port}</port><socketType>${socket}</socketType><authentication>password-cleartext</authentication><username>%EMAILADDRESS%</username></${tag}>`
const config = (id: string, domains: string[], servers: string[]): string =>
  `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="${id}">${domains.map((d) => `<domain>${d}</domain>`).join('')}<displayName>${id}</displayName>${servers.join('')}</emailProvider></clientConfig>`

describe('ISPDB importer on real ISPDB files', () => {
  const { bundle, report } = importIspdb(fixtures)

  it('keeps the providers with encrypted servers and counts what it left out, and why', () => {
    expect(report.files).toBe(8)
    expect(report.providersKept).toBe(6)
    expect(report.skipped.templated).toEqual(['inbox.lv.xml'])
    expect(report.skipped['plaintext-only']).toEqual(['nifty.com.xml'])
    expect(report.skipped.refused).toEqual([])
    // inbox.lv: imap, pop3, smtp all at mail.%EMAILDOMAIN%; nifty.com: plain pop3 and smtp;
    // office365.com: ews, owa, graph, exchange.
    expect(report.serversDropped).toEqual({ plaintext: 2, templated: 3, invalid: 0, 'unsupported-type': 4 })
    // cty-net.ne.jp.xml lists cty-net.ne.jp twice.
    expect(report.domainsDropped.duplicate).toEqual(['cty-net.ne.jp'])
    // 19 (aol) + 21 (yahoo) + 9 (1und1) + 3 (office365) + 2 (zoho.com.au) + 10 distinct (cty-net).
    expect(report.domains).toBe(64)
    expect(Object.keys(bundle.domains)).not.toContain('inbox.lv')
    expect(Object.keys(bundle.domains)).not.toContain('nifty.com')
  })

  it('writes the servers as the ISPDB has them, encrypted ones only, with the MPL notice and the source commit', () => {
    const parsed = parseIspdbBundle(JSON.parse(serializeBundle(bundle)))
    const aol = parsed.configs[parsed.domains['netscape.net']!]!
    expect(aol.id).toBe('aol.com')
    expect(aol.servers).toContainEqual(['smtp', 'smtp.aol.com', 465, 'SSL', ['OAuth2', 'password-cleartext'], '%EMAILADDRESS%'])
    expect(parsed.configs[parsed.domains['mail.gm0.yahoodns.net']!]!.id).toBe('aol.com')
    const oneAndOne = parsed.configs[parsed.domains['online.de']!]!
    expect(oneAndOne.name).toBe('1&1')
    expect(oneAndOne.servers.map((s) => `${s[0]} ${s[1]}:${s[2]} ${s[3]}`)).toEqual([
      'imap imap.1und1.de:993 SSL', 'imap imap.1und1.de:143 STARTTLS', 'pop3 pop.1und1.de:995 SSL', 'pop3 pop.1und1.de:110 STARTTLS',
      'smtp smtp.1und1.de:465 SSL', 'smtp smtp.1und1.de:587 STARTTLS',
    ])
    for (const c of parsed.configs) for (const s of c.servers) expect(s[3], `${c.id} ${s[1]}`).not.toBe('plain')
    expect(parsed.license).toMatch(/Mozilla Public License, v\. 2\.0/)
    expect(parsed.source).toEqual({ repository: 'https://github.com/thunderbird/autoconfig', commit: 'c6ad79659b5fc321d1593ec4c277815b83e5dec5', date: '2026-03-12' })
  })
})

describe('ISPDB importer on hostile files', () => {
  it('refuses a DOCTYPE and a huge file without reading it whole, and drops bad ports, each counted', () => {
    const dir = tempCopy()
    const folder = join(dir, 'ispdb')
    writeFileSync(join(folder, 'doctype.test.xml'),
      '<?xml version="1.0"?><!DOCTYPE clientConfig [<!ENTITY x SYSTEM "file:///etc/passwd">]><clientConfig><emailProvider id="doctype.test"><domain>doctype.test</domain></emailProvider></clientConfig>')
    writeFileSync(join(folder, 'huge.test.xml'), config('huge.test', ['huge.test'], [server('imap', 'imap.huge.test', '993', 'SSL'), `<!-- ${'x'.repeat(MAX_FILE_BYTES)} -->`]))
    writeFileSync(join(folder, 'ports.test.xml'), config('ports.test', ['ports.test'], [
      server('imap', 'imap.ports.test', '99999', 'SSL'), server('pop3', 'pop.ports.test', 'abc', 'SSL'), server('smtp', 'smtp.ports.test', '465', 'SSL', 'outgoingServer'),
    ]))
    writeFileSync(join(folder, 'halfbad.test.xml'), config('halfbad.test', ['halfbad.test', 'bad domain', 'HalfBad2.Test'], [
      server('imap', 'imap.halfbad.test', '0', 'SSL'), server('imap', 'imap.halfbad.test', '993', 'SSL'), server('smtp', 'smtp\r\nhalfbad.test', '465', 'SSL', 'outgoingServer'),
      server('smtp', 'smtp.halfbad.test', '465', 'SSL', 'outgoingServer'),
    ]))
    writeFileSync(join(folder, 'broken.test.xml'), '<clientConfig><emailProvider id="x"><domain>x.test</domain></clientConfig>')
    const { bundle, report } = importIspdb(dir)
    expect(report.files).toBe(13)
    expect(report.skipped.refused.sort()).toEqual(['broken.test.xml', 'doctype.test.xml', 'huge.test.xml'])
    expect(report.skipped.invalid).toEqual(['ports.test.xml'])
    expect(report.serversDropped.invalid).toBe(4)
    expect(report.providersKept).toBe(7)
    expect(report.messages.join('\n')).toMatch(/doctype\.test\.xml: the document declares a DOCTYPE/)
    expect(report.messages.join('\n')).toMatch(new RegExp(`huge\\.test\\.xml: larger than ${MAX_FILE_BYTES} bytes`))
    expect(report.messages.join('\n')).toMatch(/ports\.test\.xml: no usable incoming server: port "99999" .* not a number from 1 to 65535; port "abc"/)
    // The good half of halfbad.test stays; its bad domain is counted, the upper-case one lower-cased.
    expect(report.domainsDropped.invalid).toEqual(['bad domain'])
    const halfbad = bundle.configs[bundle.domains['halfbad2.test']!]!
    expect(halfbad.servers.map((s) => `${s[1]}:${s[2]}`)).toEqual(['imap.halfbad.test:993', 'smtp.halfbad.test:465'])
    for (const refused of ['doctype.test', 'huge.test', 'ports.test', 'x.test']) expect(bundle.domains[refused], refused).toBeUndefined()
  })

  it('names what is wrong with a checkout that is not one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'clearport-ispdb-empty-'))
    temps.push(empty)
    expect(() => importIspdb(empty, { commit: 'a'.repeat(40), date: '2026-01-01' })).toThrow(/holds no \.xml files/)
    expect(() => readSource(empty)).toThrow(/no SOURCE file and is not a git checkout/)
    writeFileSync(join(empty, 'SOURCE'), 'a snapshot\n')
    expect(() => readSource(empty)).toThrow(/does not name a commit/)
  })
})

describe('the importer as a command', () => {
  it('writes the file and prints the counts (kept, skipped by reason, size raw and gzip)', async () => {
    const dir = tempCopy()
    const out = join(dir, 'out.json')
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/import-ispdb.ts', dir, '--out', out], { cwd: root, timeout: 60_000 })
    expect(stdout).toMatch(/providers kept\s+6/)
    expect(stdout).toMatch(/skipped templated\s+1\s+inbox\.lv\.xml/)
    expect(stdout).toMatch(/skipped plaintext-only\s+1\s+nifty\.com\.xml/)
    expect(stdout).toMatch(/size\s+\d+ bytes raw, \d+ bytes gzip/)
    expect(() => parseIspdbBundle(JSON.parse(readFileSync(out, 'utf8')))).not.toThrow()
  })
})

describe.skipIf(!existsSync(join(snapshot, 'ispdb')))('the committed bundle', () => {
  if (!existsSync(join(snapshot, 'ispdb'))) console.log(`[ispdb-import] committed-bundle check skipped — no ISPDB snapshot at ${snapshot}`)
  it('is exactly what the importer makes of the snapshot named in its source', () => {
    const committed = readFileSync(join(root, 'shared/providers/ispdb.json'), 'utf8')
    const { bundle, report } = importIspdb(snapshot)
    expect(committed).toBe(serializeBundle(bundle))
    expect(report.files).toBe(163)
    expect(report.domains).toBeGreaterThanOrEqual(850)
  })
})
