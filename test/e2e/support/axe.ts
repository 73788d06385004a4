// Accessibility with axe-core, injected through CDP (page.evaluate is not subject to the page's
// CSP, which rightly refuses an added <script>). @axe-core/playwright needs a newer Node.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'

const AXE_SOURCE = readFileSync(resolve(__dirname, '../../../node_modules/axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

interface AxeGlobals {
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[]; passes: unknown[] }> }
}

/** Runs axe on the whole page (WCAG 2.x A/AA and best practices) and expects no violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // Rows fade in; a colour measured mid-fade is not the colour a person reads.
  // Rows in a closed "Show details" are not rendered: their animations never finish, so skip them.
  await page.evaluate('Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity && a.effect.target && a.effect.target.checkVisibility()).map((a) => a.finished))')
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as AxeGlobals).axe === 'object')
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as AxeGlobals).axe
    if (!axe) throw new Error('axe-core did not load')
    const run = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    })
    return { violations: run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })), passes: run.passes.length }
  })
  const described = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
  expect(described, `axe violations on ${where}`).toEqual([])
}
