// The wizard on a shared-hosting domain: wildcard DNS, one machine answering every name on every
// mail port, so discovery verifies 14 incoming and 6 outgoing endpoints (the discovery lab's
// wild.test, with guessing on). Every one of the nine export choices must then be made, saved and
// read back by an independent parser — the step that once refused them all.
import { expect, test } from '@playwright/test'
import { createHandlers } from '../../electron/main/handlers'
import { checkPort25 } from '../../electron/engine/port25/check'
import { exporterOf, exportChoices } from '../../renderer/src/store/export-slice'
import { startDiscoveryLab, type DiscoveryLab } from '../helpers/discovery-lab'
import { parseExport } from '../helpers/export-parsers'
import { expectAccessible } from './support/axe'
import { SCREENSHOTS, enterAddress, expectCleanPage, openDetails } from './support/app-fixture'
import { expectOnFirstScreen } from './support/layout'
import { harnessDesktop } from './support/desktop'
import { saveFormat } from './support/export-steps'
import { APP_ORIGIN, installApiBridge, serveBuiltRenderer } from './support/renderer-page'

let lab: DiscoveryLab
test.beforeAll(async () => {
  lab = await startDiscoveryLab()
})
test.afterAll(async () => {
  await lab?.close()
})

test('a wildcard-DNS hosting domain: discovery verifies every name, and all nine exports are saved and parse', async ({ page }) => {
  test.setTimeout(60_000)
  const desktop = harnessDesktop(page)
  try {
    const handlers = createHandlers({
      checkPort25,
      dnsServer: lab.dnsServer,
      ca: [lab.ca],
      desktop: desktop.deps,
      discoverOptions: { portMap: lab.portMap, ispdbBaseUrl: null, catalog: lab.catalog },
    })
    const watch = await serveBuiltRenderer(page)
    await installApiBridge(page, handlers)
    await page.goto(`${APP_ORIGIN}/index.html`)
    await enterAddress(page, 'me@wild.test')
    await page.getByRole('button', { name: 'Skip to settings' }).click()

    await expect(page.getByRole('heading', { level: 2, name: 'Server settings' })).toBeFocused()
    await expect(page.locator('.discovery .status-line')).toContainText('The recommended servers are selected', { timeout: 20_000 })
    // 23 servers (20 verified), yet the choice and Next are on the first screen; the rest is one click away.
    await expectOnFirstScreen(page, [page.locator('.settings-block'), page.getByRole('button', { name: 'Next' })])
    await expect(page.locator('summary', { hasText: /^Other servers/ })).toHaveText('Other servers (21)')
    await openDetails(page, /^Other servers/)
    const incoming = page.locator('fieldset[data-direction="incoming"]')
    await expect(incoming.locator('li[data-status="ok"]')).toHaveCount(14)
    await expect(page.locator('fieldset[data-direction="outgoing"] li[data-status="ok"]')).toHaveCount(6)
    await expect(incoming.getByRole('radio', { name: /imap\.wild\.test:993/ })).toBeChecked()
    await expectAccessible(page, 'the settings step of a hosting domain')
    await page.screenshot({ path: `${SCREENSHOTS}/hosting-3-settings.png`, fullPage: true, animations: 'disabled' })
    await page.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Sign in and test' })).toBeFocused()
    await page.getByRole('button', { name: 'Next' }).click()

    await expect(page.getByRole('heading', { level: 2, name: 'Export' })).toBeFocused()
    for (const choice of exportChoices) {
      const saved = await saveFormat(page, choice)
      const parsed = await parseExport(exporterOf(choice).format, saved.bytes)
      expect(parsed, choice).toMatchObject({ incoming: 'imap.wild.test:993', outgoing: 'smtp.wild.test:465' })
      expect(parsed.counts.incoming, choice).toBeLessThanOrEqual(4)
    }
    await expectAccessible(page, 'the export step of a hosting domain')
    await page.screenshot({ path: `${SCREENSHOTS}/hosting-5-export.png`, fullPage: true, animations: 'disabled' })
    expectCleanPage(watch)
  } finally {
    desktop.close()
  }
})
