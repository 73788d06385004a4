// End to end through the built renderer: a person types an address, presses Check, watches the
// evidence fill in and reads the verdict. Behind window.api are the real handlers and the real
// engine, talking DNS and SMTP to servers on loopback (support/loopback-network.ts).
import { resolve } from 'node:path'
import { expect, test as base, type Page } from '@playwright/test'
import { createHandlers } from '../../electron/main/handlers'
import { checkPort25 } from '../../electron/engine/port25/check'
import { startLoopbackNetwork, type LoopbackNetwork, type Port25Mode } from './support/loopback-network'
import { APP_ORIGIN, deliveryLog, installApiBridge, serveBuiltRenderer, type PageWatch } from './support/renderer-page'

const SCREENSHOTS = resolve(__dirname, '../../test-results/screenshots')

interface OpenedApp {
  network: LoopbackNetwork
  watch: PageWatch
}

// One loopback network per test, closed after it whatever the outcome.
const test = base.extend<{ openApp: (mode: Port25Mode) => Promise<OpenedApp> }>({
  openApp: async ({ page }, use) => {
    const networks: LoopbackNetwork[] = []
    await use(async (mode) => {
      const network = await startLoopbackNetwork(mode)
      networks.push(network)
      const handlers = createHandlers({ checkPort25, dnsServer: network.dnsServer, targets: network.targets, ca: network.ca })
      const watch = await serveBuiltRenderer(page)
      await installApiBridge(page, handlers)
      await page.goto(`${APP_ORIGIN}/index.html`)
      await expect(page.getByRole('heading', { level: 1, name: 'ClearPort' })).toBeVisible()
      return { network, watch }
    })
    await Promise.all(networks.map((n) => n.close()))
  },
})

/** The page kept to itself: nothing fetched from outside, no console error (CSP included). */
function expectCleanPage(watch: PageWatch): void {
  expect(watch.outsideRequests.filter((url) => !url.endsWith('/favicon.ico'))).toEqual([])
  expect(watch.errors).toEqual([])
}

async function expectVerdict(page: Page, verdict: string, title: RegExp): Promise<void> {
  const card = page.locator(`[data-verdict="${verdict}"]`)
  await expect(card).toBeVisible()
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(title)
  // The finished check hands focus to its answer.
  await expect(card.getByRole('heading', { level: 2 })).toBeFocused()
}

test('every provider answers on 25: the grid fills in live and the verdict says "open"', async ({ page, openApp }) => {
  const { network, watch } = await openApp('open')
  await page.getByLabel('Your email address').fill(network.personAddress)
  await page.getByRole('button', { name: 'Check port 25' }).click()

  await expectVerdict(page, 'open', /^Port 25 is open$/)
  const rows = page.locator('table.probes tbody tr')
  // 3 reference MX + own MX on 25, and 6 controls (587 ×2, 465, 443 ×2, 2525).
  await expect(rows).toHaveCount(10)
  await expect(rows.filter({ hasText: 'mx.provider-b.test ESMTP' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Your provider' })).toContainText('mx.person-domain.test')
  await expect(page.locator('[data-outcome="open"]')).toHaveCount(10)

  const ports = page.getByRole('region', { name: 'Ports for sending from a mail program' })
  for (const port of ['587', '465', '2525']) {
    await expect(ports.getByRole('listitem').filter({ hasText: port }).first()).toContainText('usable')
  }

  // Rows were on screen before the verdict: progress events, not the final report, drew them.
  const log = await deliveryLog(page)
  expect(log.delivered).toBeGreaterThanOrEqual(10)
  expect(Math.max(...log.rowsBeforeVerdict)).toBeGreaterThan(0)

  await page.screenshot({ path: `${SCREENSHOTS}/port25-open.png`, fullPage: true, animations: 'disabled' })
  expectCleanPage(watch)
})

test('port 25 refused everywhere while controls answer: the verdict says "blocked" (keyboard only, dark)', async ({ page, openApp }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  const { network, watch } = await openApp('refused')
  // Keyboard only: Tab to the field, type, Enter submits.
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Your email address')).toBeFocused()
  await page.keyboard.type(network.personAddress)
  await page.keyboard.press('Enter')

  await expectVerdict(page, 'blocked', /^Port 25 is blocked$/)
  await expect(page.locator('.verdict-how')).toHaveText('Connections to port 25 are refused.')
  await expect(page.locator('[data-outcome="refused"]')).toHaveCount(4)
  await expect(page.locator('[data-outcome="open"]')).toHaveCount(6)

  await page.screenshot({ path: `${SCREENSHOTS}/port25-blocked-dark.png`, fullPage: true, animations: 'disabled' })
  expectCleanPage(watch)
})

test('a bad address is refused at the boundary and named next to the field', async ({ page, openApp }) => {
  const { watch } = await openApp('open')
  const field = page.getByLabel('Your email address')
  await field.fill('not-an-address')
  await page.getByRole('button', { name: 'Check port 25' }).click()

  await expect(page.locator('#address-error')).toHaveText(/^The address "not-an-address" has no "@"/)
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('[data-verdict]')).toHaveCount(0)
  expectCleanPage(watch)
})

test('Cancel stops a check that is waiting on silent servers', async ({ page, openApp }) => {
  const { watch } = await openApp('silent')
  await page.getByRole('button', { name: 'Check port 25' }).click()
  const cancel = page.getByRole('button', { name: 'Cancel' })
  await expect(cancel).toBeVisible()
  // The controls answer at once; the silent port-25 servers keep the check running.
  await expect(page.locator('[data-outcome="open"]').first()).toBeVisible()
  await expect(page.getByRole('status')).toContainText('answered so far')
  await page.screenshot({ path: `${SCREENSHOTS}/port25-running.png`, fullPage: true, animations: 'disabled' })
  await cancel.click()

  await expect(page.getByRole('status')).toHaveText('The check was cancelled.')
  await expect(cancel).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Check port 25' })).toBeEnabled()
  await expect(page.locator('[data-verdict]')).toHaveCount(0)
  expectCleanPage(watch)
})
