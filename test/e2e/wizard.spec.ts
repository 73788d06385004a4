// The whole wizard through the built renderer, against the real handlers and engine on loopback:
// address → network check → settings found by discovery (catalog + SRV, each server probed) →
// sign in and test → export with preview, save and PDF. Every step is screenshotted and checked
// with axe (0 violations) in light and dark.
import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { expectAccessible } from './support/axe'
import { enterAddress, expectCleanPage, openDetails, screenshot, startOn, test } from './support/app-fixture'
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
  await page.getByRole('button', { name: 'Check this network' }).click()
  await expect(page.locator('[data-verdict="blocked"]')).toBeVisible()
  await expectAccessible(page, 'the network step with a verdict')
  await screenshot(page, 'wizard-2-network-blocked')
  await page.getByRole('button', { name: 'Next' }).click()

  // 3. Settings: discovery runs by itself; the recommendation is pre-selected.
  await step(page, 'Server settings')
  // The one block: the recommended pair with where each came from and what was proven.
  const chosenOut = page.locator('section.chosen[data-direction="outgoing"]')
  await expect(chosenOut).toContainText('smtp.person-domain.test:465')
  await expect(chosenOut).toHaveAttribute('data-proof', 'verified')
  await expect(chosenOut).toContainText('Reachable · encrypted · valid certificate')
  await expect(chosenOut).toContainText('From ClearPort’s list of providers')
  await openDetails(page, /^Other servers \(\d+\)$/)
  const outgoing = page.locator('fieldset[data-direction="outgoing"]')
  await expect(outgoing.getByRole('radio', { name: /smtp\.person-domain\.test:465/ })).toBeChecked()
  await expect(outgoing.getByRole('radio', { name: /smtp\.person-domain\.test:465/ })).toHaveAccessibleName(/Recommended/)
  // The SRV alternative is there, verified, with its provenance.
  const alternative = outgoing.locator('li').filter({ hasText: 'submit.person-domain.test:587' })
  await expect(alternative).toHaveAttribute('data-status', 'ok')
  await expect(alternative).toContainText('Published in your domain’s DNS — please check')
  await expect(page.locator('fieldset[data-direction="incoming"]').getByRole('radio', { name: /imap\.person-domain\.test:993/ })).toBeChecked()
  await openDetails(page, /^Show details$/)
  await expect(page.getByRole('region', { name: 'The sources disagree' })).toContainText(/different SMTP servers/)
  await expect(page.locator('.provenance')).toContainText('DNS SRV')
  await expectAccessible(page, 'the settings step with discovery results')
  await screenshot(page, 'wizard-3-settings')

  // Choosing the alternative moves the choice; a manual edit is validated.
  await alternative.getByRole('radio').check()
  await expect(chosenOut).toContainText('587')
  await page.getByRole('button', { name: 'Edit outgoing server' }).click()
  // The editor opens in the card being edited.
  await expect(chosenOut.getByRole('form', { name: 'Edit the outgoing server' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Port' }).fill('99999')
  await page.getByRole('button', { name: 'Use these settings' }).click()
  await expect(page.getByText('Port 99999 is out of range (1–65535)')).toBeVisible()
  await expectAccessible(page, 'the manual editor with an error')
  await screenshot(page, 'wizard-3-settings-edit-error')
  // On loopback the server listens on an unprivileged port: type it, as a person would a custom port.
  const submitPort = String(network.discover.portMap['587'])
  await page.getByRole('textbox', { name: 'Port' }).fill(submitPort)
  await page.getByRole('button', { name: 'Use these settings' }).click()
  await expect(chosenOut).toContainText(`submit.person-domain.test:${submitPort}`)
  await expect(chosenOut).toHaveAttribute('data-proof', 'not-tested')
  await page.getByRole('button', { name: 'Next' }).click()

  // 4. Sign in and test: the real submission server takes the password and the message.
  await step(page, 'Sign in and test')
  await expectAccessible(page, 'the sign-in step')
  // The person sees their own user name, never the %EMAILADDRESS% placeholder of the settings.
  await expect(page.locator('.signin-server')).toContainText(network.personAddress)
  await expect(page.locator('.signin-server')).not.toContainText('%EMAIL')
  // The loopback IMAP server only answers discovery's questions: no read-back here.
  await page.getByRole('checkbox', { name: /Read the test message back/ }).uncheck()
  await page.getByLabel('Password or app password').fill(PERSON_PASSWORD)
  await page.getByRole('button', { name: 'Sign in and send a test message' }).click()
  const outcome = page.locator('[data-send-ok]')
  await expect(outcome).toHaveAttribute('data-send-ok', 'true')
  // One line of proof, focused; the used form is gone and Next is the one primary action.
  await expect(outcome.getByRole('heading')).toHaveText(`Signed in as ${network.personAddress} and sent the test message`)
  await expect(outcome.getByRole('heading')).toBeFocused()
  await expect(page.getByLabel('Password or app password')).toHaveCount(0)
  await expect(page.locator('button.primary')).toHaveText(['Next'])
  await expect(outcome.getByRole('table')).toBeHidden()
  await openDetails(page, /^Show details$/)
  await expect(outcome.getByRole('table')).toContainText('Sign in')
  // The page holds the password nowhere.
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
  await expect(page.locator('section.chosen[data-direction="outgoing"] .chosen-server')).toBeVisible()
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
  // The heading in plain words; the server's technical line is in the details.
  await expect(outcome.getByRole('heading')).toHaveText('The server did not accept your user name or password')
  await expect(outcome.getByRole('heading')).toBeFocused()
  await expect(outcome).toContainText('Check the password and the user name')
  await openDetails(page, /^Show details$/)
  await expect(outcome.locator('.technical-title')).toContainText('refused the user name or password (535)')
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
  await expect(page.locator('section.chosen[data-direction="outgoing"] .chosen-server')).toBeVisible()
  // Focus is drawn: the focused radio has an outline.
  await openDetails(page, /^Other servers/)
  await page.locator('fieldset[data-direction="outgoing"]').getByRole('radio', { checked: true }).focus()
  await page.keyboard.press('ArrowDown')
  const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')
  expect(outline).not.toBe('none')
  await expectAccessible(page, 'the settings step (dark)')
  await screenshot(page, 'wizard-3-settings-dark')
  expectCleanPage(watch)
})

test('Cancel stops a search for settings that waits on a silent server; manual entry still works', async ({ page, openApp }) => {
  const { network, watch } = await startOn(page, openApp, 'silent', 'Skip to settings')
  await expect(page.getByRole('progressbar')).toBeVisible()
  // Wait on the event itself: the silent IMAP server has the engine's connection, and the search
  // now waits on it for the engine's greeting patience (2 s or more). Cancel at once; look (axe,
  // screenshot) afterwards, so a slow machine cannot let the search finish first.
  await network.imapConnected
  await page.getByRole('button', { name: 'Cancel search' }).click()
  await expect(page.getByText('The search was cancelled.', { exact: false }).first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Search again' })).toBeVisible()
  await expectAccessible(page, 'the settings step after a cancelled search')
  await screenshot(page, 'wizard-3-settings-cancelled')

  await page.getByRole('button', { name: 'Enter outgoing server' }).click()
  await expect(page.getByRole('textbox', { name: 'Server name' })).toHaveValue('smtp.person-domain.test')
  await page.getByRole('button', { name: 'Use these settings' }).click()
  await expect(page.locator('section.chosen[data-direction="outgoing"]')).toContainText('smtp.person-domain.test:465')
  await expect(page.getByRole('button', { name: 'Next' })).toBeEnabled()
  expectCleanPage(watch)
})
