// The person's browser for the OAuth tests: Playwright's Chromium (or Debian's), trusting the test
// authorization server's certificate by its public key only (--ignore-certificate-errors-spki-list
// pins that one key; every other certificate is still checked), resolving no name of its own. It
// walks oidc-provider's devInteractions login and consent pages as a person would.
import { createHash, X509Certificate } from 'node:crypto'
import { chromium, type Browser, type Page } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium'

/** base64(SHA-256(SubjectPublicKeyInfo)) of a PEM certificate, as Chromium's SPKI list wants it. */
export function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('base64')
}

export function browserArgsTrusting(certPem: string): string[] {
  return [...chromiumArgs, `--ignore-certificate-errors-spki-list=${spkiHash(certPem)}`]
}

export async function launchBrowser(certPem: string): Promise<Browser> {
  if (!chromiumPath) throw new Error('no Chromium is installed (npm test installs Debian\'s chromium as root)')
  return chromium.launch({ executablePath: chromiumPath, args: browserArgsTrusting(certPem) })
}

export interface Walk {
  login: string
  /** Decline at the login page's "Cancel" (devInteractions sends error=access_denied back). */
  decline?: boolean
}

/** Open `url` in `page` and sign in (or decline) on the authorization server's own pages. */
export async function walkSignIn(page: Page, url: string, walk: Walk): Promise<void> {
  await page.goto(url)
  if (walk.decline) {
    await page.getByRole('link', { name: /cancel/i }).click()
    return
  }
  await page.locator('input[name=login]').fill(walk.login)
  await page.locator('input[name=password]').fill('any password: devInteractions accepts every one')
  await page.locator('button[type=submit]').click()
  // The consent page: one "Continue" submit.
  await page.locator('button[type=submit]').click()
}
