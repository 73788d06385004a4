// End to end through the built renderer: the network-check step. A person types an address,
// presses Check, watches the evidence fill in and reads the verdict. Behind window.api are the
// real handlers and the real engine, talking DNS and SMTP to servers on loopback.
import { expect, type Page } from '@playwright/test'
import { enterAddress, expectCleanPage, openDetails, screenshot, startOn, test } from './support/app-fixture'
import { deliveryLog } from './support/renderer-page'

async function expectVerdict(page: Page, verdict: string, title: RegExp): Promise<void> {
  const card = page.locator(`[data-verdict="${verdict}"]`)
  await expect(card).toBeVisible()
  await expect(card.getByRole('heading', { level: 3 })).toHaveText(title)
  // The finished check hands focus to its answer.
  await expect(card.getByRole('heading', { level: 3 })).toBeFocused()
}

test('every provider answers on 25: the grid fills in live and the verdict says "open"', async ({ page, openApp }) => {
  const { network, watch } = await openApp('open')
  await enterAddress(page, network.personAddress)
  await page.getByRole('button', { name: 'Check this network' }).click()

  await expectVerdict(page, 'open', /^You can send mail from here: use port 465$/)
  await expect(page.locator('[data-answer="works"]')).toBeVisible()
  await expect(page.locator('[data-server-fact="open"]')).toContainText('Port 25 (mail between servers) is open')
  // The evidence is one click away.
  const rows = page.locator('table.probes tbody tr')
  await expect(rows.first()).toBeHidden()
  await openDetails(page, /^Show details/)
  // 3 reference MX + own MX on 25, and 6 controls (587 ×2, 465, 443 ×2, 2525).
  await expect(rows).toHaveCount(10)
  await expect(rows.filter({ hasText: 'mx.provider-b.test ESMTP' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Your provider' })).toContainText('mx.person-domain.test')
  await expect(page.locator('[data-outcome="open"]')).toHaveCount(10)

  const ports = page.getByRole('region', { name: 'Ports for sending from a mail program' })
  for (const port of ['587', '465', '2525']) {
    await expect(ports.locator(`[data-port="${port}"]`)).toHaveAttribute('data-port-state', 'works')
  }
  // Sorted by port: every port-25 row before the first submission row.
  const services = (await rows.locator('td.num').allTextContents()).map((t) => Number.parseInt(t, 10))
  expect(services).toEqual([...services].sort((a, b) => a - b))

  // Rows were on screen before the verdict: progress events, not the final report, drew them.
  const log = await deliveryLog(page)
  expect(log.delivered).toBeGreaterThanOrEqual(10)
  expect(Math.max(...log.rowsBeforeVerdict)).toBeGreaterThan(0)

  await screenshot(page, 'port25-open')
  expectCleanPage(watch)
})

test('port 25 refused everywhere while controls answer: the verdict says "blocked" (keyboard only, dark)', async ({ page, openApp }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  const { network, watch } = await openApp('refused')
  // Keyboard only: the address field has focus on arrival; Enter submits each step.
  await expect(page.getByRole('textbox', { name: 'Email address' })).toBeFocused()
  await page.keyboard.type(network.personAddress)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Can mail leave this network?' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Check this network' })).toBeFocused()
  await page.keyboard.press('Enter')

  // The answer is what to do; the blocked port 25 is a fact for mail-server people, not an alarm.
  await expectVerdict(page, 'blocked', /^You can send mail from here: use port 465$/)
  await expect(page.locator('[data-server-fact="blocked"]')).toContainText('normal for home and mobile connections')
  expect((await page.locator('.verdict > :not(details)').allTextContents()).join(' ')).not.toMatch(/smarthost|ECONNREFUSED|first byte/)
  await expect(page.locator('.verdict-how')).toHaveText('Connections to port 25 are refused.')
  await expect(page.locator('[data-outcome="refused"]')).toHaveCount(4)
  await expect(page.locator('[data-outcome="open"]')).toHaveCount(6)

  await screenshot(page, 'port25-blocked-dark')
  expectCleanPage(watch)
})

test('a bad address is named next to the field, and the wizard stays on step 1', async ({ page, openApp }) => {
  const { watch } = await openApp('open')
  const field = page.getByRole('textbox', { name: 'Email address' })
  await field.fill('not-an-address')
  await page.getByRole('button', { name: 'Next' }).click()

  await expect(page.locator('#address-error')).toHaveText(/^The address "not-an-address" has no "@"/)
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('main')).toHaveAttribute('data-step', 'address')
  await expect(page.getByRole('button', { name: 'Network' })).toBeDisabled()

  // Fixed as typed: the error goes as soon as the address parses; an IDN shows its ASCII form.
  await field.fill('person@bücher.test')
  await expect(page.locator('#address-error')).toHaveCount(0)
  await expect(page.locator('#address-idn')).toContainText('xn--bcher-kva.test')
  await expect(field).toHaveAttribute('aria-invalid', 'false')
  expectCleanPage(watch)
})

test('every port-25 server takes the connection and none greets: "no greeting", rows not green', async ({ page, openApp }) => {
  const { network, watch } = await openApp('silent')
  await enterAddress(page, network.personAddress)
  await page.getByRole('button', { name: 'Check this network' }).click()

  await expectVerdict(page, 'inconclusive', /^You can send mail from here: use port 465$/)
  await expect(page.locator('[data-server-fact="inconclusive"]')).toContainText('no mail server greets')
  await openDetails(page, /^Show details/)
  await expect(page.locator('.verdict-how')).toHaveText('Port 25 connects, but no mail server greets.')
  await expect(page.locator('.verdict-details')).toContainText('accepted and then held silent')
  await expect(page.locator('.verdict-details')).not.toContainText('disagrees')
  // Each MX (three providers and the person's own) connected without a greeting; none is shown as plain "connected".
  await expect(page.locator('[data-outcome="no-greeting"]')).toHaveCount(4)
  await expect(page.locator('[data-outcome="no-greeting"] .outcome').first()).toHaveText('connected, no greeting')
  await screenshot(page, 'port25-no-greeting')
  expectCleanPage(watch)
})

test('Cancel stops a check that is waiting on silent servers', async ({ page, openApp }) => {
  const { watch } = await startOn(page, openApp, 'silent', 'Check this network')
  const cancel = page.getByRole('button', { name: 'Cancel check' })
  await expect(cancel).toBeVisible()
  await expect(page.getByRole('progressbar')).toBeVisible()
  // The controls answer at once; the silent port-25 servers keep the check running.
  await expect(page.locator('[data-outcome="open"]').first()).toBeVisible()
  await expect(page.getByRole('status')).toContainText('answered so far')
  await screenshot(page, 'port25-running')
  await cancel.click()

  await expect(page.getByRole('status')).toHaveText('The check was cancelled.')
  await expect(cancel).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Check again' })).toBeEnabled()
  await expect(page.locator('[data-verdict]')).toHaveCount(0)
  expectCleanPage(watch)
})
