// Benchmark: the renderer's weight and start-up. (1) JS shipped to the window, gzip, of the real
// (minified) build against a baseline built in this process without minification; (2) time from
// navigation to the first interactive step (the address field focused and ready) in Debian's
// Chromium, cold (a fresh browser context per run) against warm (a reload in the same context,
// cache and compiled code kept), median of RUNS each. Prints a table and JSON
// (bench-results/renderer.json). Run after `electron-vite build`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { build } from 'vite'
import { bridgeScript } from '../e2e/support/api-bridge.ts'
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.ts'
import { resultsDir, rounds } from './mode.mts'

const RUNS = rounds(9)
const TARGET_GZIP_KB = 200
const TARGET_INTERACTIVE_MS = 300
const root = resolve(import.meta.dirname, '../..')
const builtDir = join(root, 'out', 'renderer')
const ORIGIN = 'https://clearport.test'
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'"
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits

function jsSize(dir: string): { files: number; rawKb: number; gzipKb: number } {
  const assets = join(dir, 'assets')
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'))
  let raw = 0
  let gz = 0
  for (const file of js) {
    const bytes = readFileSync(join(assets, file))
    raw += bytes.length
    gz += gzipSync(bytes, { level: 9 }).length
  }
  return { files: js.length, rawKb: round(raw / 1024), gzipKb: round(gz / 1024) }
}

/** The same renderer built again without minification: what the shipped build is measured against. */
async function buildUnminified(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(root, 'renderer'),
    resolve: { alias: { '@shared': join(root, 'shared') } },
    plugins: [react(), { name: 'csp', transformIndexHtml: (html: string) => html.replace('%CLEARPORT_CSP%', CSP) }],
    build: { outDir, emptyOutDir: true, minify: false },
  })
}

/** Serves one build folder under ORIGIN by interception; everything else is refused. */
async function serve(context: BrowserContext, dir: string): Promise<void> {
  await context.route('**/*', (route) => route.abort('blockedbyclient'))
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = resolve(dir, `.${new URL(route.request().url()).pathname}`)
    const type = TYPES[extname(path)]
    if (!path.startsWith(dir + sep) || type === undefined || !existsSync(path)) return route.fulfill({ status: 404, body: '' })
    return route.fulfill({ status: 200, headers: { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'max-age=3600' }, body: readFileSync(path) })
  })
  // The first step needs no engine; the test bridge with no methods keeps the page on its normal
  // path (api-bridge.ts, the one bridge the e2e tests use too). Then the
  // moment the address field has focus: the step is on screen and ready for typing. React focuses
  // it while committing, so a mutation observer (a microtask after that commit) sees it. A string,
  // not a function: tsx would wrap a function with helpers that do not exist in the page.
  await context.addInitScript(bridgeScript([]))
  await context.addInitScript(`
    const observer = new MutationObserver(() => {
      if (window.__interactiveAt === undefined && document.activeElement && document.activeElement.id === 'address') {
        window.__interactiveAt = performance.now()
        observer.disconnect()
      }
    })
    observer.observe(document, { childList: true, subtree: true, attributes: true })
  `)
}

async function interactiveAt(page: Page): Promise<number> {
  await page.waitForFunction('window.__interactiveAt !== undefined', null, { timeout: 10_000 })
  return (await page.evaluate('window.__interactiveAt')) as number
}

async function startup(browser: Browser, dir: string, runs = RUNS): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1120, height: 820 } })
    await serve(context, dir)
    const page = await context.newPage()
    await page.goto(`${ORIGIN}/index.html`)
    cold.push(await interactiveAt(page))
    await page.reload()
    warm.push(await interactiveAt(page))
    await context.close()
  }
  return { cold, warm }
}

async function main(): Promise<void> {
  if (!existsSync(join(builtDir, 'index.html'))) {
    process.stderr.write('bench: out/renderer is missing; run `npx electron-vite build` first\n')
    process.exitCode = 2
    return
  }
  const baselineDir = mkdtempSync(join(tmpdir(), 'clearport-renderer-unminified-'))
  const browser = await chromium.launch({ ...(chromiumPath && { executablePath: chromiumPath }), args: chromiumArgs })
  try {
    await buildUnminified(baselineDir)
    const shipped = jsSize(builtDir)
    const baseline = jsSize(baselineDir)
    // One throw-away start so the first measured run does not pay for Chromium's own warm-up.
    await startup(browser, builtDir, 1)
    const ours = await startup(browser, builtDir)
    const unminified = await startup(browser, baselineDir)

    const summary = {
      runs: RUNS,
      bundle: { shipped, unminifiedBaseline: baseline, targetGzipKb: TARGET_GZIP_KB, met: shipped.gzipKb <= TARGET_GZIP_KB },
      interactive: {
        coldMedianMs: round(median(ours.cold)),
        warmMedianMs: round(median(ours.warm)),
        coldMaxMs: round(Math.max(...ours.cold)),
        unminifiedColdMedianMs: round(median(unminified.cold)),
        unminifiedWarmMedianMs: round(median(unminified.warm)),
        targetMs: TARGET_INTERACTIVE_MS,
        met: median(ours.cold) <= TARGET_INTERACTIVE_MS,
      },
    }
    const rows = [
      ['measure', 'shipped (minified)', 'baseline', 'target', 'met'],
      ['JS gzip', `${shipped.gzipKb} KB`, `${baseline.gzipKb} KB unminified`, `≤ ${TARGET_GZIP_KB} KB`, summary.bundle.met ? 'yes' : 'NO'],
      ['JS raw', `${shipped.rawKb} KB`, `${baseline.rawKb} KB unminified`, '-', '-'],
      ['first step interactive, cold (median)', `${summary.interactive.coldMedianMs} ms`, `${summary.interactive.unminifiedColdMedianMs} ms unminified`, `≤ ${TARGET_INTERACTIVE_MS} ms`, summary.interactive.met ? 'yes' : 'NO'],
      ['first step interactive, warm reload (median)', `${summary.interactive.warmMedianMs} ms`, `${summary.interactive.unminifiedWarmMedianMs} ms unminified`, '-', '-'],
    ]
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
    process.stdout.write(`\nrenderer: bundle and start-up in Chromium (${RUNS} runs each; time from navigation start)\n`)
    process.stdout.write(`${rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n')}\n`)
    const outDir = resultsDir
    mkdirSync(outDir, { recursive: true })
    writeFileSync(join(outDir, 'renderer.json'), `${JSON.stringify(summary, null, 2)}\n`)
    process.stdout.write(`\n${JSON.stringify(summary)}\n`)
    if (!summary.bundle.met || !summary.interactive.met) process.exitCode = 1
  } finally {
    await browser.close()
    rmSync(baselineDir, { recursive: true, force: true })
  }
}

await main()
