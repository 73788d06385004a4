// The whole wizard through the built renderer, against the real handlers and engine on loopback:
// address → network check → settings found by discovery (catalog + SRV, each server probed) →
// sign in and test → export with preview, save and PDF. Every step is screenshotted and checked
// with axe (0 violations) in light and dark.
import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { expectAccessible } from './support/axe'
import { enterAddress, expectCleanPage, screenshot, test } from './support/app-fixture'
import { previewFormat, saveFormat } from './support/export-steps'
import { PERSON_PASSWORD } from './support/loopback-network'

async function step(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeFocused()
}

test('the full wizard: port 25 blocked, settings discovered, export saved (light)', async ({ page, openApp }) => {
  const { network, watch, desktop } = await openApp('refused')
  await expectAccessible(page, 'the address step')
  await screenshot(page, 'wizard-1-address')
  await enterAddress(page, network.personAddress)

  // 2. Network check: blocked 25, submission ports fine.
  await page.getByRole('button', { name: 'Check port 25' }).click()
  await expect(page.locator('[data-verdict="blocked"]')).toBeVisible()
  await expectAccessible(page, 'the network step with a verdict')
  await screenshot(page, 'wizard-2-network-blocked')
  await page.getByRole('button', { name: 'Next' }).click()

  // 3. Settings: discovery runs by itself; the recommendation is pre-selected.
  await step(page, 'Server settings')
  const outgoing = page.locator('fieldset[data-direction="outgoing"]')
  await expect(outgoing.getByRole('radio', { name: /smtp\.person-domain\.test:465/ })).toBeChecked()
  await expect(outgoing.getByRole('radio', { name: /smtp\.person-domain\.test:465/ })).toHaveAccessibleName(/Recommended/)
  // The SRV alternative is there, verified, with its provenance.
  const alternative = outgoing.locator('li').filter({ hasText: 'submit.person-domain.test:587' })
  await expect(alternative).toHaveAttribute('data-status', 'ok')
  await expect(alternative).toContainText('DNS SRV')
  await expect(page.locator('fieldset[data-direction="incoming"]').getByRole('radio', { name: /imap\.person-domain\.test:993/ })).toBeChecked()
  await expect(page.getByRole('region', { name: 'The sources disagree' })).toContainText(/different SMTP servers/)
  await expectAccessible(page, 'the settings step with discovery results')
  await screenshot(page, 'wizard-3-settings')

  // Choosing the alternative moves the choice; a manual edit is validated.
  await alternative.getByRole('radio').check()
  await expect(page.locator('section[data-direction="outgoing"]')).toContainText('587')
  await page.getByRole('button', { name: 'Edit outgoing server' }).click()
  await page.getByRole('textbox', { name: 'Port' }).fill('99999')
  await page.getByRole('button', { name: 'Use these settings' }).click()
  await expect(page.getByText('Port 99999 is out of range (1–65535)')).toBeVisible()
  await expectAccessible(page, 'the manual editor with an error')
  await screenshot(page, 'wizard-3-settings-edit-error')
  // On loopback the server listens on an unprivileged port: type it, as a person would a custom port.
  const submitPort = String(network.discover.portMap['587'])
  await page.getByRole('textbox', { name: 'Port' }).fill(submitPort)
  await page.getByRole('button', { name: 'Use these settings' }).click()
  const chosenOutgoing = page.locator('section[data-direction="outgoing"]')
  await expect(chosenOutgoing).toContainText('submit.person-domain.test')
  await expect(chosenOutgoing).toContainText(`${submitPort} (SMTP)`)
  await page.getByRole('button', { name: 'Next' }).click()

  // 4. Sign in and test: the real submission server takes the password and the message.
  await step(page, 'Sign in and test')
  await expectAccessible(page, 'the sign-in step')
  // The person sees their own user name, never the %EMAILADDRESS% placeholder of the settings.
  await expect(page.locator('.server-summary')).toContainText(network.personAddress)
  await expect(page.locator('.server-summary')).not.toContainText('%EMAIL')
  // The loopback IMAP server only answers discovery's questions: no read-back here.
  await page.getByRole('checkbox', { name: /Read the test message back/ }).uncheck()
  await page.getByLabel('Password or app password').fill(PERSON_PASSWORD)
  await page.getByRole('button', { name: 'Sign in and send a test message' }).click()
  const outcome = page.locator('[data-send-ok]')
  await expect(outcome).toHaveAttribute('data-send-ok', 'true')
  await expect(outcome.getByRole('heading')).toHaveText('Signed in and sent a test message')
  await expect(outcome.getByRole('table')).toContainText('Sign in')
  // The password field was emptied once the attempt started; the page holds it nowhere.
  await expect(page.getByLabel('Password or app password')).toHaveValue('')
  expect(await page.content()).not.toContain(PERSON_PASSWORD)
  expect(network.received).toHaveLength(1)
  expect(network.received[0]?.to).toEqual([network.personAddress])
  await expectAccessible(page, 'the sign-in step after a test')
  await screenshot(page, 'wizard-4-signin-ok')
  await page.getByRole('button', { name: 'Next' }).click()

  // 5. Export: Thunderbird file, previewed and saved for real; the report as PDF.
  await step(page, 'Export')
  const preview = await previewFormat(page, 'thunderbird')
  await expect(preview).toContainText('<clientConfig version="1.1">')
  await expect(preview).toContainText('<hostname>submit.person-domain.test</hostname>')
  const saved = (await saveFormat(page, 'thunderbird')).bytes.toString('utf8')
  expect(saved).toContain('<hostname>submit.person-domain.test</hostname>')
  expect(saved).toContain(`<port>${submitPort}</port>`)
  expect(saved).not.toContain(PERSON_PASSWORD)
  await expectAccessible(page, 'the export step with a preview')
  await screenshot(page, 'wizard-5-export-thunderbird')

  await previewFormat(page, 'report-text')
  await expect(preview).toContainText(/Outbound port 25/)
  await expect(preview).toContainText('Blocked')
  await preview.getByRole('button', { name: 'Save as PDF…' }).click()
  await expect(preview.getByRole('status')).toContainText('.pdf')
  await preview.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(preview.getByRole('status')).toHaveText('Copied to the clipboard.')
  expect(desktop.clipboard.at(-1)).toContain('submit.person-domain.test')
  const pdf = readFileSync(`${desktop.folder}/${(await preview.locator('h4 .mono').innerText()).replace(/\.[^.]+$/, '')}.pdf`)
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  await screenshot(page, 'wizard-5-export-report')
  expectCleanPage(watch)
})

test('a wrong password: the sign-in fails with the server’s words and advice', async ({ page, openApp }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  const { network, watch } = await openApp('open')
  await enterAddress(page, network.personAddress)
  await page.getByRole('button', { name: 'Skip to settings' }).click()
  await expect(page.locator('fieldset[data-direction="outgoing"]').getByRole('radio', { checked: true })).toHaveCount(1)
  await page.getByRole('button', { name: 'Edit outgoing server' }).click()
  await page.getByRole('textbox', { name: 'Port' }).fill(String(network.discover.portMap['465']))
  await page.getByRole('button', { name: 'Use these settings' }).click()
  await page.getByRole('button', { name: 'Next' }).click()
  await step(page, 'Sign in and test')
  // Nothing typed: named next to the field, nothing sent.
  await page.getByRole('button', { name: 'Sign in and send a test message' }).click()
  await expect(page.locator('#password-error')).toHaveText('Enter your password or app password.')
  await page.getByRole('checkbox', { name: /Read the test message back/ }).uncheck()
  await page.getByLabel('Password or app password').fill('not-the-password')
  await page.keyboard.press('Enter')
  const outcome = page.locator('[data-send-ok]')
  await expect(outcome).toHaveAttribute('data-send-ok', 'false')
  await expect(outcome.getByRole('heading')).toContainText('refused the user name or password (535)')
  await expect(outcome).toContainText('Check the password and the user name')
  await expect(outcome).toContainText('5.7.8 Authentication credentials invalid')
  expect(network.received).toHaveLength(0)
  expect(await page.content()).not.toContain('not-the-password')
  await expectAccessible(page, 'the sign-in step after a failed sign-in (dark)')
  await screenshot(page, 'wizard-4-signin-failed-dark')
  expectCleanPage(watch)
})

test('dark theme and keyboard: every control reachable, focus visible, axe clean', async ({ page, openApp }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  const { network, watch } = await openApp('open')
  await expectAccessible(page, 'the address step (dark)')
  await page.keyboard.type(network.personAddress)
  await page.keyboard.press('Enter')
  await step(page, 'Can mail leave this network?')
  // Skip the check: Tab to the footer and go on with the keyboard.
  await page.getByRole('button', { name: 'Skip to settings' }).focus()
  await page.keyboard.press('Enter')
  await step(page, 'Server settings')
  await expect(page.locator('fieldset[data-direction="outgoing"]').getByRole('radio', { checked: true })).toHaveCount(1)
  // Focus is drawn: the focused radio has an outline.
  await page.locator('fieldset[data-direction="outgoing"]').getByRole('radio', { checked: true }).focus()
  await page.keyboard.press('ArrowDown')
  const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')
  expect(outline).not.toBe('none')
  await expectAccessible(page, 'the settings step (dark)')
  await screenshot(page, 'wizard-3-settings-dark')
  expectCleanPage(watch)
})

test('Cancel stops a search for settings that waits on a silent server; manual entry still works', async ({ page, openApp }) => {
  const { network, watch } = await openApp('silent')
  await enterAddress(page, network.personAddress)
  await page.getByRole('button', { name: 'Skip to settings' }).click()
  await expect(page.getByRole('progressbar')).toBeVisible()
  // Sources answer at once and the SMTP servers are tested while the IMAP server stays silent.
  await expect(page.getByRole('list', { name: 'Servers being tested' })).toContainText('Verified')
  // The silent server holds the search for a few seconds (the engine's greeting patience): cancel
  // first, look (axe, screenshot) afterwards, so a slow machine cannot let the search finish.
  await page.getByRole('button', { name: 'Cancel search' }).click()
  await expect(page.getByText('The search was cancelled.', { exact: false }).first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Search again' })).toBeVisible()
  await expectAccessible(page, 'the settings step after a cancelled search')
  await screenshot(page, 'wizard-3-settings-cancelled')

  await page.getByRole('button', { name: 'Enter outgoing server' }).click()
  await expect(page.getByRole('textbox', { name: 'Server name' })).toHaveValue('smtp.person-domain.test')
  await page.getByRole('button', { name: 'Use these settings' }).click()
  await expect(page.locator('section[data-direction="outgoing"]')).toContainText('465')
  await expect(page.getByRole('button', { name: 'Next' })).toBeEnabled()
  expectCleanPage(watch)
})
