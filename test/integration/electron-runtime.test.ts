// Electron itself (issue 14, item 11): a supported major, pinned exactly in package.json and the
// lock, installed without its binary; and — because Electron 42 and later download the binary at
// `require('electron')` time — nothing the CLI or the tests run may require it, while `npm start`'s
// bin/ensure-electron.js still fetches it through the package's own installer. Downloads here go to
// a closed loopback port (ELECTRON_MIRROR), never to the network.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>
const cache = mkdtempSync(join(tmpdir(), 'clearport-electron-cache-'))
/** Any download attempt fails at once on loopback: port 9 (discard) has no listener here. */
const offline = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache, ELECTRON_GET_USE_PROXY: '' }
afterAll(() => rmSync(cache, { recursive: true, force: true }))

/**
 * Electron supports its three newest majors; 41 left support in August 2026 (41.10.7). The
 * newest published major when this was pinned was 45 (45.5.0).
 */
const OLDEST_SUPPORTED_MAJOR = 43

describe('the Electron ClearPort builds with', () => {
  const pinned = (json('package.json').devDependencies as Record<string, string>).electron ?? ''
  const installed = json('node_modules/electron/package.json') as { version: string; scripts?: Record<string, string> }

  it('is a supported major, pinned exactly, and the lock and node_modules agree', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
    expect(Number(pinned.split('.')[0])).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR)
    const lock = json('package-lock.json') as { packages: Record<string, { version?: string }> }
    expect(lock.packages['node_modules/electron']?.version).toBe(pinned)
    expect(installed.version).toBe(pinned)
  })

  it('installs without a download: no install script, no binary', () => {
    expect(installed.scripts?.postinstall).toBeUndefined()
    expect(existsSync(join(root, 'node_modules', 'electron', 'path.txt'))).toBe(false)
  })

  it("requiring it from Node would try to download: so the CLI's bundle never does", () => {
    const tried = spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: root, env: offline, encoding: 'utf8', timeout: 60_000 })
    expect(tried.status).not.toBe(0)
    expect(tried.stderr).toMatch(/Electron failed to install correctly/)
    const chunks = readdirSync(join(root, 'out', 'main', 'chunks')).map((f) => join('out', 'main', 'chunks', f))
    for (const file of ['out/main/cli.js', ...chunks]) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/require\(["']electron["']\)|from ["']electron["']/)
    }
    // The window's main process is the one bundle that does.
    expect(readFileSync(join(root, 'out', 'main', 'index.js'), 'utf8')).toMatch(/require\("electron"\)/)
  })

  it('bin/ensure-electron.js (npm start) runs the package installer and says so when it cannot download', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'ensure-electron.js')], { cwd: root, env: offline, encoding: 'utf8', timeout: 120_000 })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/downloading the Electron binary/)
    expect(run.stderr).toMatch(/fetch failed|ECONNREFUSED/)
    expect(run.stderr).toMatch(/could not be downloaded[\s\S]*npx clearport --help/)
  })
})
