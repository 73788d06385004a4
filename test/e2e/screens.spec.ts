// What a person sees, step by step, at the window's default size (1120×820) and at 800×600, in
// light and dark: a screenshot of every step (test-results/screens/), axe with 0 violations, no
// sideways scrolling of the page or any table, and on Settings the choice and Next on the first
// screen. Then the same walk by keyboard alone (Tab, Enter, Space, and typing into fields).
import { resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { expectAccessible } from './support/axe'
import { enterAddress, expectCleanPage, test } from './support/app-fixture'
import { expectNoSidewaysScroll, expectOnFirstScreen } from './support/layout'
import { PERSON_PASSWORD, type LoopbackNetwork } from './support/loopback-network'

const SCREENS = resolve(__dirname, '../../test-results/screens')
const sizes = [{ width: 1120, height: 820 }, { width: 800, height: 600 }] as const
const schemes = ['light', 'dark'] as const

async function heading(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeFocused()
}

for (const size of sizes) {
  for (const scheme of schemes) {
    const tag = `${size.width}x${size.height}-${scheme}`
    test(`every step at ${size.width}×${size.height} (${scheme}): screenshot, axe clean, nothing scrolls sideways`, async ({ page, openApp }) => {
      test.setTimeout(60_000)
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme: scheme })
      const { network, watch } = await openApp('open')
      const look = async (name: string): Promise<void> => {
        await page.screenshot({ path: `${SCREENS}/${name}-${tag}.png`, fullPage: true, animations: 'disabled' })
        await expectNoSidewaysScroll(page, `${name} (${tag})`)
        // The same step with every "Show details" open (expectNoSidewaysScroll opened them).
        await page.screenshot({ path: `${SCREENS}/${name}-details-${tag}.png`, fullPage: true, animations: 'disabled' })
        await expectAccessible(page, `${name} (${tag}), details open`)
      }
      await look('1-address')
      await enterAddress(page, network.personAddress)

      await page.getByRole('button', { name: 'Check this network' }).click()
      await expect(page.locator('[data-answer="works"]')).toBeVisible()
      await look('2-network')
      await page.getByRole('button', { name: 'Next' }).click()

      await heading(page, 'Server settings')
      await expect(page.locator('.settings-block .status-line')).toContainText('The recommended servers are selected')
      if (size.width === 1120) await expectOnFirstScreen(page, [page.locator('.settings-block'), page.getByRole('button', { name: 'Next' })])
      await look('3-settings')
      await page.evaluate('window.scrollTo(0, 0)')
      await page.getByRole('button', { name: 'Edit outgoing server' }).click()
      // The editor opens in the card it edits, and its Security select is not cut off by it.
      const card = page.locator('section.chosen[data-direction="outgoing"]')
      const select = card.getByRole('combobox', { name: 'Security' })
      const [cardBox, selectBox] = [await card.boundingBox(), await select.boundingBox()]
      expect(cardBox !== null && selectBox !== null && selectBox.x + selectBox.width <= cardBox.x + cardBox.width).toBe(true)
      await page.getByRole('textbox', { name: 'Port' }).fill(String(network.discover.portMap['465']))
      await page.screenshot({ path: `${SCREENS}/3-settings-editor-${tag}.png`, fullPage: true, animations: 'disabled' })
      await page.getByRole('button', { name: 'Use these settings' }).click()
      await page.getByRole('button', { name: 'Next' }).click()

      await heading(page, 'Sign in and test')
      await look('4-signin')
      await page.getByRole('checkbox', { name: /Read the test message back/ }).uncheck()
      await page.getByLabel('Password or app password').fill(PERSON_PASSWORD)
      await page.getByRole('button', { name: 'Sign in and send a test message' }).click()
      await expect(page.locator('[data-send-ok="true"]')).toBeVisible({ timeout: 15_000 })
      await look('4-signin-proof')
      await page.getByRole('button', { name: 'Next' }).click()

      await heading(page, 'Export')
      await look('5-export')
      expect(await page.content()).not.toContain(PERSON_PASSWORD)
      expectCleanPage(watch)
    })
  }
}

/** Presses Tab (Shift+Tab with back) until the focused element's accessible name matches. */
async function tabTo(page: Page, name: RegExp, back = false): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    const focused = (await page.evaluate(`(() => {
      const e = document.activeElement
      if (!e) return ''
      const label = e.labels && e.labels[0] ? e.labels[0].textContent : ''
      return [e.getAttribute('aria-label') || '', label || '', e.tagName === 'INPUT' ? '' : e.textContent || ''].join(' ').trim()
    })()`)) as string
    if (name.test(focused)) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`nothing named ${name} within 60 Tab presses`)
}

async function keyboardWalk(page: Page, network: LoopbackNetwork): Promise<void> {
  await expect(page.getByRole('textbox', { name: 'Email address' })).toBeFocused()
  await page.keyboard.type(network.personAddress)
  await page.keyboard.press('Enter')
  await heading(page, 'Can mail leave this network?')
  await tabTo(page, /^Check this network$/)
  await page.keyboard.press('Enter')
  await expect(page.locator('#verdict-title')).toBeFocused()
  await tabTo(page, /^Next$/)
  await page.keyboard.press('Enter')

  await heading(page, 'Server settings')
  await expect(page.locator('.settings-block .status-line')).toContainText('The recommended servers are selected')
  await tabTo(page, /^Edit outgoing server$/)
  await page.keyboard.press('Space')
  await tabTo(page, /^Port$/)
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('Backspace')
  await page.keyboard.type(String(network.discover.portMap['465']))
  await page.keyboard.press('Enter')
  await tabTo(page, /^Next$/)
  await page.keyboard.press('Enter')

  await heading(page, 'Sign in and test')
  await tabTo(page, /Read the test message back/)
  await page.keyboard.press('Space')
  await tabTo(page, /Password or app password/, true)
  await page.keyboard.type(PERSON_PASSWORD)
  await page.keyboard.press('Enter')
  await expect(page.locator('#send-outcome-title')).toBeFocused({ timeout: 15_000 })
  await tabTo(page, /^Next$/)
  await page.keyboard.press('Enter')
  await heading(page, 'Export')
}

test('keyboard only: address to export with Tab, Enter and Space', async ({ page, openApp }) => {
  test.setTimeout(60_000)
  const { network, watch } = await openApp('open')
  await keyboardWalk(page, network)
  expect(network.received).toHaveLength(1)
  expectCleanPage(watch)
})
