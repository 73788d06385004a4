// One fixture for the e2e specs: a loopback "internet" (closed after the test whatever happens),
// the real handlers and engine behind window.api, the built renderer in Chromium.
import { resolve } from 'node:path'
import { expect, test as base, type Locator, type Page } from '@playwright/test'
import { createHandlers } from '../../../electron/main/handlers'
import { checkPort25 } from '../../../electron/engine/port25/check'
import { harnessDesktop, type HarnessDesktop } from './desktop'
import { PERSON_PASSWORD, startLoopbackNetwork, type LoopbackNetwork, type Port25Mode } from './loopback-network'
import { APP_ORIGIN, installApiBridge, serveBuiltRenderer, type PageWatch } from './renderer-page'

export const SCREENSHOTS = resolve(__dirname, '../../../test-results/screenshots')

export interface OpenedApp {
  network: LoopbackNetwork
  watch: PageWatch
  desktop: HarnessDesktop
}

export const test = base.extend<{ openApp: (mode: Port25Mode) => Promise<OpenedApp> }>({
  openApp: async ({ page }, use) => {
    const opened: OpenedApp[] = []
    await use(async (mode) => {
      const network = await startLoopbackNetwork(mode)
      const desktop = harnessDesktop(page)
      opened.push({ network, watch: { outsideRequests: [], errors: [] }, desktop })
      const handlers = createHandlers({
        checkPort25,
        dnsServer: network.dnsServer,
        targets: network.targets,
        ca: network.ca,
        desktop: desktop.deps,
        discoverOptions: network.discover,
      })
      const watch = await serveBuiltRenderer(page)
      await installApiBridge(page, handlers)
      await page.goto(`${APP_ORIGIN}/index.html`)
      await expect(page.getByRole('heading', { level: 1, name: 'ClearPort' })).toBeVisible()
      return { network, watch, desktop }
    })
    await Promise.all(opened.map((o) => o.network.close()))
    for (const o of opened) o.desktop.close()
  },
})

/** The page kept to itself: nothing fetched from outside, no console error (CSP included). */
export function expectCleanPage(watch: PageWatch): void {
  expect(watch.outsideRequests.filter((url) => !url.endsWith('/favicon.ico'))).toEqual([])
  expect(watch.errors).toEqual([])
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true, animations: 'disabled' })
}

/** Types the address on step 1 and moves on to the network check. */
export async function enterAddress(page: Page, address: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Email address' }).fill(address)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Can mail leave this network?' })).toBeFocused()
}

/** Opens the app on a network, types the person's address and presses `button` on the network step. */
export async function startOn(page: Page, openApp: (mode: Port25Mode) => Promise<OpenedApp>, mode: Port25Mode, button: string): Promise<OpenedApp> {
  const app = await openApp(mode)
  await enterAddress(page, app.network.personAddress)
  await page.getByRole('button', { name: button }).click()
  return app
}

/** On the sign-in step: the person's password, no read-back, send; returns the outcome's section. */
export async function sendTestMessage(page: Page): Promise<Locator> {
  await page.getByRole('checkbox', { name: /Read the test message back/ }).uncheck()
  await page.getByLabel('Password or app password').fill(PERSON_PASSWORD)
  await page.getByRole('button', { name: 'Sign in and send a test message' }).click()
  return page.locator('[data-send-ok]')
}

/** Opens a "Show details" (or "Other servers") disclosure whose summary matches. */
export async function openDetails(page: Page, summary: RegExp | string): Promise<void> {
  const details = page.locator('details', { has: page.locator('summary', { hasText: summary }) }).first()
  if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click()
  await expect(details).toHaveAttribute('open', '')
}
