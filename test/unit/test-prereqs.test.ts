// scripts/test-prereqs.ts: what `npm test` does about a machine that lacks what its suites need.
// The decision is pure and tested for every kind of machine; the script itself is run with an
// override that points at a path that does not exist (nothing is uninstalled to test this).
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decide, survey, type Machine, type Need } from '../../scripts/test-prereqs.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function need(pkg: string, over: Partial<Need> = {}): Need {
  return { pkg, usedBy: `the ${pkg} tests`, required: false, rootOnly: false, found: `/usr/bin/${pkg}`, ...over }
}
const chromium = (found: string | null, over: Partial<Need> = {}): Need => need('chromium', { usedBy: 'the Playwright tests', required: true, found, ...over })
const dovecot = (found: string | null): Need => need('dovecot-imapd', { found })
const nft = (found: string | null): Need => need('nftables', { rootOnly: true, found })

const machine = (needs: Need[], over: Partial<Machine> = {}): Machine => ({ needs, root: true, apt: true, mayInstall: true, ...over })

describe('decide', () => {
  it('does nothing and says nothing when everything is there', () => {
    expect(decide(machine([chromium('/usr/bin/chromium'), dovecot('/usr/sbin/dovecot'), nft('/usr/sbin/nft')]))).toEqual({ kind: 'ready', notes: [] })
  })

  it('as root with apt-get, installs everything missing at once', () => {
    expect(decide(machine([chromium(null), dovecot(null), nft(null)]))).toEqual({ kind: 'install', packages: ['chromium', 'dovecot-imapd', 'nftables'] })
  })

  it('without root, stops on a missing Chromium with one sudo apt-get line naming every missing package', () => {
    const plan = decide(machine([chromium(null), dovecot(null), nft(null)], { root: false }))
    expect(plan.kind).toBe('stop')
    const line = plan.kind === 'stop' ? plan.line : ''
    expect(line).not.toContain('\n')
    // The lab's tools are no use without root: not asked for.
    expect(line).toContain('`sudo apt-get install -y chromium dovecot-imapd`')
    expect(line).not.toContain('nftables')
  })

  it('without root, a missing optional tool is one note per suite that will skip', () => {
    expect(decide(machine([chromium('/x'), dovecot(null), nft(null)], { root: false }))).toEqual({
      kind: 'ready',
      notes: ['test-prereqs: the dovecot-imapd tests will skip: dovecot-imapd is missing (sudo apt-get install dovecot-imapd)'],
    })
  })

  it('without a package manager, says what to install in general terms', () => {
    const plan = decide(machine([chromium(null)], { apt: false }))
    expect(plan).toMatchObject({ kind: 'stop' })
    expect(plan.kind === 'stop' && plan.line).toMatch(/install chromium with this system's package manager .*npx playwright install --with-deps chromium/)
  })

  it('after an install that did not bring Chromium, stops instead of installing again', () => {
    expect(decide(machine([chromium(null)], { mayInstall: false }))).toMatchObject({ kind: 'stop' })
  })

  it('a path chosen by environment variable is never "fixed" by installing', () => {
    const chosen = { variable: 'CLEARPORT_CHROMIUM', path: '/nonexistent/chrome' }
    const plan = decide(machine([chromium(null, { chosen }), dovecot('/usr/sbin/dovecot')]))
    expect(plan).toEqual({ kind: 'stop', line: 'test-prereqs: the Playwright tests need chromium, but CLEARPORT_CHROMIUM=/nonexistent/chrome does not exist (unset it, or point it at the binary)' })
  })
})

describe('the script', () => {
  const script = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'test-prereqs.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'],
    })

  it('looks Chromium and Dovecot up where the tests do (the env overrides are honoured)', () => {
    const needs = survey()
    expect(needs.map((n) => n.pkg)).toEqual(['chromium', 'dovecot-imapd', 'nftables', 'iproute2', 'openssl', 'time'])
    process.env['CLEARPORT_CHROMIUM'] = '/nonexistent/chrome'
    try {
      expect(survey()[0]).toMatchObject({ found: null, chosen: { variable: 'CLEARPORT_CHROMIUM', path: '/nonexistent/chrome' } })
    } finally {
      delete process.env['CLEARPORT_CHROMIUM']
    }
  })

  it("prefers Playwright's own browser when it is installed, else Debian's", () => {
    // Playwright reads PLAYWRIGHT_BROWSERS_PATH when it loads, so each answer comes from a fresh process.
    const dir = mkdtempSync(join(tmpdir(), 'clearport-pw-browsers-'))
    const probe = join(dir, 'probe.mts')
    writeFileSync(probe, `import { findChromium, playwrightChromium } from '${join(ROOT, 'test', 'e2e', 'support', 'chromium.ts')}'\nconsole.log(JSON.stringify({ own: playwrightChromium(), found: findChromium() ?? null }))\n`)
    const ask = (): { own: string; found: string | null } => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', probe], { cwd: ROOT, env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: join(dir, 'browsers') }, encoding: 'utf8', timeout: 20_000 })
      expect(r.status, r.stderr).toBe(0)
      return JSON.parse(r.stdout) as { own: string; found: string | null }
    }
    try {
      const before = ask()
      expect(before.found).not.toBe(before.own)
      // A stand-in file where Playwright's browser goes (nothing launches it): the lookup is under test.
      mkdirSync(dirname(before.own), { recursive: true })
      writeFileSync(before.own, '#!/bin/sh\n')
      chmodSync(before.own, 0o755)
      expect(ask().found).toBe(before.own)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('stops with exactly one line when the Chromium it is pointed at does not exist', () => {
    const r = script(['--no-install'], { CLEARPORT_CHROMIUM: '/nonexistent/chrome' })
    expect(r.status, r.stderr).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('CLEARPORT_CHROMIUM=/nonexistent/chrome does not exist')])
  })

  it('refuses an unknown option by name', () => {
    const r = script(['--instal'], {})
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('unknown option --instal')
  })
})
