// Loads the BUILT renderer (out/renderer) into plain Chromium the way the app does, minus Electron:
// files are served by request interception (file:// trips CORS on Vite's module scripts), every
// other request is refused and recorded, and `window.api` is the one test bridge (api-bridge.ts)
// to real handlers running in this test process, built from the same `channels` as the preload.
import { CONTENT_SECURITY_POLICY } from '@shared/csp'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { Page } from '@playwright/test'
import { channels, type Handlers, type MethodName, type ProgressEvent } from '@shared/contract'
import { bridgeScript, type BridgeGlobals } from './api-bridge'

/** https so the page is a secure context, as app://clearport (registered secure) is in the app. */
export const APP_ORIGIN = 'https://clearport.test'
export const RENDERER_DIR = resolve(__dirname, '../../../out/renderer')


const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

export interface PageWatch {
  /** Requests to anywhere but the app origin: the renderer must make none. */
  outsideRequests: string[]
  /** Console errors and uncaught exceptions (a CSP violation shows up here). */
  errors: string[]
}

export async function serveBuiltRenderer(page: Page): Promise<PageWatch> {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run \`npx electron-vite build\` before the e2e tests`)
  }
  const watch: PageWatch = { outsideRequests: [], errors: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text())
  })
  page.on('pageerror', (error) => watch.errors.push(error.message))

  // Later routes win: the catch-all refuses what the app route does not serve.
  await page.route('**/*', (route) => {
    watch.outsideRequests.push(route.request().url())
    return route.abort('blockedbyclient')
  })
  await page.route(`${APP_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url())
    const path = resolve(RENDERER_DIR, url.pathname === '/' ? 'index.html' : `.${decodeURIComponent(url.pathname)}`)
    const type = MIME_TYPES[extname(path)]
    if (!path.startsWith(RENDERER_DIR + sep) || type === undefined || !existsSync(path)) {
      return route.fulfill({ status: 404, body: 'Not found' })
    }
    return route.fulfill({
      status: 200,
      headers: { 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      body: await readFile(path),
    })
  })
  return watch
}

/** What the init script keeps about the events it delivered, to prove the grid filled in live. */
export interface DeliveryLog {
  delivered: number
  /** Probe rows on screen when each event arrived, while no verdict was shown yet. */
  rowsBeforeVerdict: number[]
}

interface PageGlobals extends BridgeGlobals {
  __clearportDeliveries: DeliveryLog
  document: { querySelectorAll(selector: string): { length: number } }
}

/** Installs `window.api` in the page (api-bridge.ts), backed by `handlers` in this process. Call before goto. */
export async function installApiBridge(page: Page, handlers: Handlers): Promise<void> {
  await page.exposeFunction('__clearportInvoke', async (name: string, args: unknown) => {
    if (!Object.hasOwn(channels, name)) {
      return { ok: false, error: { code: 'not-available', message: `no method ${name}` } }
    }
    const emit = (event: ProgressEvent): void => {
      // Fire and forget, as webContents.send is; CDP keeps these in order with the result.
      void page
        .evaluate((e) => (globalThis as unknown as PageGlobals).__clearportDispatch?.(e), event)
        .catch(() => {})
    }
    return handlers[name as MethodName](args, emit)
  })
  await page.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals
    const log: DeliveryLog = { delivered: 0, rowsBeforeVerdict: [] }
    g.__clearportDeliveries = log
    g.__clearportOnDispatch = () => {
      log.delivered += 1
      if (g.document.querySelectorAll('[data-verdict]').length === 0) {
        log.rowsBeforeVerdict.push(g.document.querySelectorAll('table.probes tbody tr').length)
      }
    }
  })
  await page.addInitScript(bridgeScript(Object.keys(channels)))
}

export async function deliveryLog(page: Page): Promise<DeliveryLog> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__clearportDeliveries)
}
