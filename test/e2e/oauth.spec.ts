// The OAuth2 sign-in in the wizard: the built renderer against the real handlers and engine,
// oauth-clients.json in the app's config folder naming the test authorization server
// (oidc-provider over https on loopback) for example.test, the person's own browser (a separate
// Chromium, as shell.openExternal opens the system browser) walked through its login and consent
// pages, the redirect into the engine, then the test send with XOAUTH2 to smtp-server and the
// read-back from a real Dovecot, both asking the authorization server about the token. Without a
// registration the step says what is missing and offers the provider's app-password page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import type { Handlers } from '@shared/contract'
import { checkPort25 } from '../../electron/engine/port25/check'
import { createHandlers } from '../../electron/main/handlers'
import type { RunningDovecot } from '../helpers/dovecot'
import { launchBrowser, walkSignIn } from '../helpers/oidc-browser'
import { MAIL_SCOPE, TEST_CLIENT_ID, introspectingOnAuth, startOAuthWorld, type OAuthWorld, type RunningOidc } from '../helpers/oidc'
import type { TestPki } from '../helpers/pki'
import { USER, startMailServer, type MailServer } from '../helpers/send-fixtures'
import { expectAccessible } from './support/axe'
import { SCREENSHOTS } from './support/app-fixture'
import { APP_ORIGIN, installApiBridge, serveBuiltRenderer } from './support/renderer-page'

let world: OAuthWorld
let pki: TestPki
let oidc: RunningOidc
let dovecot: RunningDovecot | null = null
let dovecotSkip: string | null = null
let smtp: MailServer
let personBrowser: Browser
let configDir: string
const seenTokens: string[] = []
const opened: string[] = []

test.beforeAll(async () => {
  world = await startOAuthWorld('oauth e2e')
  ;({ pki, oidc, dovecot, dovecotSkip } = world)
  const d = dovecot
  smtp = await startMailServer({ kind: 'ssl', keyCert: pki.good, options: { authMethods: ['XOAUTH2'], onAuth: introspectingOnAuth(oidc, seenTokens) }, ...(d && { deliver: (m) => d.deliver(m.raw) }) })
  personBrowser = await launchBrowser(pki.good.cert)
  configDir = await mkdtemp(join(tmpdir(), 'clearport-oauth-e2e-'))
  const oauth2 = { issuer: oidc.issuer, authorizationEndpoint: oidc.authorizationEndpoint, tokenEndpoint: oidc.tokenEndpoint, scopes: { imap: [MAIL_SCOPE], smtp: [MAIL_SCOPE] }, clientSecretRequired: false }
  await writeFile(join(configDir, 'oauth-clients.json'), JSON.stringify({ version: 1, clients: { 'id.example.test': { clientId: TEST_CLIENT_ID } }, providers: [{ id: 'id.example.test', name: 'Example ID', domains: ['example.test'], oauth2 }] }))
})

test.afterAll(async () => {
  await Promise.all([personBrowser?.close(), oidc?.close(), smtp?.close(), dovecot?.close()])
  if (configDir) await rm(configDir, { recursive: true, force: true })
})

/** The app with the real handlers; openExternal opens the URL in the person's browser and walks it. */
async function openApp(page: Page, walk: (url: string) => Promise<void>): Promise<Handlers> {
  const handlers = createHandlers({
    checkPort25,
    ca: [pki.ca],
    // No discovery source: nothing is looked up; the person types the servers.
    discoverOptions: { sources: [] },
    testSendOptions: { pollMs: 200 },
    oauth: {
      configDir,
      openExternal: async (url) => {
        opened.push(url)
        await walk(url)
      },
    },
  })
  await serveBuiltRenderer(page)
  await installApiBridge(page, handlers)
  await page.goto(`${APP_ORIGIN}/index.html`)
  return handlers
}

async function enterServer(page: Page, direction: 'incoming' | 'outgoing', host: string, port: number): Promise<void> {
  await page.getByRole('button', { name: `Enter ${direction} server` }).click()
  const form = page.getByRole('form', { name: `Edit the ${direction} server` })
  await form.getByRole('textbox', { name: 'Server name' }).fill(host)
  await form.getByRole('combobox', { name: 'Security' }).selectOption('SSL')
  await form.getByRole('textbox', { name: 'Port' }).fill(String(port))
  await form.getByRole('button', { name: 'Use these settings' }).click()
}

/** Address → skip the network check → type the servers → the sign-in step. */
async function toSignIn(page: Page, address: string, imapsPort: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Email address' }).fill(address)
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Skip to settings' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Server settings' })).toBeFocused()
  await enterServer(page, 'incoming', '127.0.0.1', imapsPort)
  await enterServer(page, 'outgoing', '127.0.0.1', smtp.port)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Sign in and test' })).toBeFocused()
}

test('a configured client signs in through the browser, sends and reads back; the token shows nowhere', async ({ page }) => {
  test.skip(dovecotSkip !== null, `Dovecot cannot run here: ${dovecotSkip}`)
  let personPage: Page | null = null
  await openApp(page, async (url) => {
    personPage = await personBrowser.newPage()
    await walkSignIn(personPage, url, { login: USER })
  })
  await toSignIn(page, USER, dovecot!.imapsPort)
  // With a registration: the provider's button instead of the password field.
  await expect(page.getByLabel('Password or app password')).toHaveCount(0)
  const button = page.getByRole('button', { name: 'Sign in with Example ID' })
  await expect(button).toBeVisible()
  await expectAccessible(page, 'the OAuth sign-in step')
  await page.screenshot({ path: `${SCREENSHOTS}/oauth-1-signin.png`, fullPage: true })
  await button.click()
  const outcome = page.locator('[data-send-ok]')
  await expect(outcome).toHaveAttribute('data-send-ok', 'true', { timeout: 30_000 })
  await expect(outcome).toContainText('received the test message')
  // The timings sit behind "Show details": read the table's text, open or not.
  await expect(outcome.locator('table')).toContainText('Find the message in the mailbox')
  await page.screenshot({ path: `${SCREENSHOTS}/oauth-2-signed-in.png`, fullPage: true })
  // Only the configured https authorization endpoint was opened.
  expect(opened.length).toBeGreaterThan(0)
  for (const url of opened) expect(new URL(url).origin + new URL(url).pathname).toBe(oidc.authorizationEndpoint)
  // The canary: the token the servers saw is nowhere in the window, nor in the report it exports.
  expect(seenTokens.length).toBeGreaterThan(0)
  const html = await page.content()
  for (const token of seenTokens) expect(html).not.toContain(token)
  await expect((personPage as Page | null)!.getByText('You can close this tab')).toBeVisible()
  await (personPage as Page | null)?.close()
})

test('a declined consent is said in words, and the step stays ready to try again', async ({ page }) => {
  await openApp(page, async (url) => {
    const personPage = await personBrowser.newPage()
    await walkSignIn(personPage, url, { login: USER, decline: true })
    await personPage.close()
  })
  await toSignIn(page, USER, dovecot?.imapsPort ?? 1)
  await page.getByRole('button', { name: 'Sign in with Example ID' }).click()
  const problem = page.locator('[data-oauth-problem="consent-denied"]')
  await expect(problem).toContainText('The sign-in at Example ID was declined.')
  await expect(page.getByRole('button', { name: 'Sign in with Example ID' })).toBeEnabled()
  await expectAccessible(page, 'the OAuth step after a declined consent')
})

test('without a client registration: what is missing, and the app-password route', async ({ page }) => {
  const pages: string[] = []
  await openApp(page, async (url) => void pages.push(url))
  await toSignIn(page, 'someone@gmail.com', 1)
  const missing = page.locator('[data-oauth="missing"]')
  await expect(missing).toContainText('Gmail / Google Workspace can sign in on its own page (OAuth2), but it is not set up here')
  await expect(missing).toContainText('"clients" → "gmail.com"')
  await expect(missing).toContainText('https://myaccount.google.com/apppasswords')
  // The password field stays, for the app password.
  await expect(page.getByLabel('Password or app password')).toBeVisible()
  await missing.getByRole('button', { name: /app-password page/ }).click()
  await expect.poll(() => pages).toEqual(['https://myaccount.google.com/apppasswords'])
  await expectAccessible(page, 'the sign-in step without an OAuth client')
  await page.screenshot({ path: `${SCREENSHOTS}/oauth-3-missing.png`, fullPage: true })
})
