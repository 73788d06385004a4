// Loads the BUILT renderer (out/renderer) into plain Chromium the way the app does, minus Electron:
// files are served by request interception (file:// trips CORS on Vite's module scripts), every
// other request is refused and recorded, and `window.api` is a bridge to real handlers running in
// this test process — the same shape the preload exposes, built from the same `channels`.
import { CONTENT_SECURITY_POLICY } from '@shared/csp'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { Page } from '@playwright/test'
import { channels, type Handlers, type MethodName, type ProgressEvent } from '@shared/contract'

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

interface BridgeGlobals {
  api: unknown
  __clearportInvoke(name: string, args: unknown): Promise<unknown>
  __clearportDispatch(event: ProgressEvent): void
  __clearportDeliveries: DeliveryLog
  document: { querySelectorAll(selector: string): { length: number } }
}

/** Installs `window.api` in the page, backed by `handlers` in this process. Call before goto. */
export async function installApiBridge(page: Page, handlers: Handlers): Promise<void> {
  await page.exposeFunction('__clearportInvoke', async (name: string, args: unknown) => {
    if (!Object.hasOwn(channels, name)) {
      return { ok: false, error: { code: 'not-available', message: `no method ${name}` } }
    }
    const emit = (event: ProgressEvent): void => {
      // Fire and forget, as webContents.send is; CDP keeps these in order with the result.
      void page
        .evaluate((e) => (globalThis as unknown as BridgeGlobals).__clearportDispatch(e), event)
        .catch(() => {})
    }
    return handlers[name as MethodName](args, emit)
  })

  await page.addInitScript((methodNames: string[]) => {
    const g = globalThis as unknown as BridgeGlobals
    const listeners = new Set<(event: ProgressEvent) => void>()
    const log: DeliveryLog = { delivered: 0, rowsBeforeVerdict: [] }
    g.__clearportDeliveries = log
    g.__clearportDispatch = (event) => {
      log.delivered += 1
      if (g.document.querySelectorAll('[data-verdict]').length === 0) {
        log.rowsBeforeVerdict.push(g.document.querySelectorAll('table.probes tbody tr').length)
      }
      for (const listener of listeners) listener(event)
    }
    const api: Record<string, unknown> = {}
    for (const name of methodNames) api[name] = (args: unknown) => g.__clearportInvoke(name, args)
    api['onProgress'] = (listener: (event: ProgressEvent) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
    // contextBridge hands the page a frozen copy; so does this.
    g.api = Object.freeze(api)
  }, Object.keys(channels))
}

export async function deliveryLog(page: Page): Promise<DeliveryLog> {
  return page.evaluate(() => (globalThis as unknown as BridgeGlobals).__clearportDeliveries)
}
