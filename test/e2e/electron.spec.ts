// The real app under Electron: the hardening that only exists there (app:// protocol and its
// headers, sandboxed preload, sender checks, refused navigation). Skips, saying why, where the
// Electron binary is not installed (its download is impossible on these machines) or no display.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { channels, type Api } from '@shared/contract'

const root = resolve(__dirname, '../..')

/** The binary the electron package would run, or why there is none. */
function electronBinary(): { path: string } | { missing: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (override) {
    const exe = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron')
    return existsSync(exe) ? { path: exe } : { missing: `${exe} (from ELECTRON_OVERRIDE_DIST_PATH) does not exist` }
  }
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return { missing: `${pathFile} is absent (the package's download step did not run)` }
  const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? { path: exe } : { missing: `${exe} does not exist` }
}

function skipReason(): string | null {
  const binary = electronBinary()
  if ('missing' in binary) return `Electron binary not installed: ${binary.missing}`
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return 'No display for Electron: run under xvfb-run'
  }
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) return 'App not built: run `npx electron-vite build` first'
  return null
}

const reason = skipReason()
if (reason !== null) console.log(`[electron.spec] skipped — ${reason}`)

// What the tests read in the page and in the main process (evaluated there, so typed here by hand).
type PageGlobals = { api: Api; require?: unknown; process?: unknown; location: { href: string }; open(url: string): unknown; marker?: string }
type MainGlobals = { navigationSeen?: Promise<string> }

test.describe('the Electron app', () => {
  test.skip(reason !== null, reason ?? '')

  let app: ElectronApplication
  let window: Page

  test.beforeAll(async () => {
    const binary = electronBinary()
    if (!('path' in binary)) throw new Error('unreachable: skipped above')
    const env = { ...process.env }
    delete env['ELECTRON_RENDERER_URL'] // the built renderer, never a dev server
    delete env['ELECTRON_RUN_AS_NODE']
    app = await electron.launch({ executablePath: binary.path, args: [root], cwd: root, env: env as Record<string, string> })
    window = await app.firstWindow()
  })

  test.afterAll(async () => {
    await app?.close()
  })

  test('loads the renderer from app://clearport with a strict CSP', async () => {
    await expect(window.getByRole('heading', { level: 1, name: 'ClearPort' })).toBeVisible()
    expect(window.url()).toBe('app://clearport/index.html')
    const csp = await window.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'))
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    // Path traversal out of out/renderer is refused, encoded or not.
    const status = await window.evaluate(async () => (await fetch('/%2e%2e/main/index.js')).status)
    expect([403, 404]).toContain(status)
  })

  test('the page sees exactly the contract and nothing of Node', async () => {
    const shape = await window.evaluate(() => {
      const g = (globalThis as unknown as PageGlobals)
      return { keys: Object.keys(g.api).sort(), require: typeof g.require, process: typeof g.process }
    })
    expect(shape).toEqual({ keys: [...Object.keys(channels), 'onProgress'].sort(), require: 'undefined', process: 'undefined' })
  })

  test('bad input comes back as a Result, not an exception', async () => {
    const result = await window.evaluate(() => (globalThis as unknown as PageGlobals).api.checkPort25({ operationId: 'not valid!' }))
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'operationId' } })
  })

  test('navigation and pop-ups are refused', async () => {
    const opened = await window.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null)
    expect(opened).toBe(true)
    // Wait on the main process's will-navigate (where the refusal happens), not on a timer.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents
      ;(globalThis as unknown as MainGlobals).navigationSeen = new Promise((done) => contents?.once('will-navigate', (event) => done(event.url)))
    })
    await window.evaluate(() => {
      const g = globalThis as unknown as PageGlobals
      g.marker = 'same document'
      g.location.href = 'https://example.com/'
    })
    expect(await app.evaluate(() => (globalThis as unknown as MainGlobals).navigationSeen)).toBe('https://example.com/')
    expect(window.url()).toBe('app://clearport/index.html')
    expect(await window.evaluate(() => (globalThis as unknown as PageGlobals).marker)).toBe('same document')
  })
})
