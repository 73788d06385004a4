// `clearport send --oauth` as a person runs it: the built CLI as a process, its client
// registration in oauth-clients.json of its config folder (an organisation's own provider for
// example.test, pointing at the test authorization server), the sign-in URL read from its stderr
// and walked in a real Chromium, then the test send with XOAUTH2 and the read-back from Dovecot —
// the same JSON result as a password send, and the token in no output.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtCliMissing, clearportBin, runClearport } from '../helpers/clearport-process'
import { launchBrowser, walkSignIn } from '../helpers/oidc-browser'
import { MAIL_SCOPE, TEST_CLIENT_ID, introspectingOnAuth, startOAuthWorld } from '../helpers/oidc'
import { USER, startMailServer, type MailServer } from '../helpers/send-fixtures'

const missing = builtCliMissing()
if (missing) console.warn(`oauth-cli: skipping — ${missing}`)
const { pki, oidc, dovecot, dovecotSkip } = await startOAuthWorld('oauth-cli')

describe.skipIf(missing !== null)('clearport send --oauth', () => {
  let browser: Browser
  let smtp: MailServer
  let dir: string
  const seenTokens: string[] = []
  const env = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, CLEARPORT_CONFIG_DIR: dir, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') })

  beforeAll(async () => {
    browser = await launchBrowser(pki.good.cert)
    const d = dovecot
    smtp = await startMailServer({ kind: 'ssl', keyCert: pki.good, options: { authMethods: ['XOAUTH2'], onAuth: introspectingOnAuth(oidc, seenTokens) }, ...(d && { deliver: (m) => d.deliver(m.raw) }) })
    dir = await mkdtemp(join(tmpdir(), 'clearport-oauth-cli-'))
    await writeFile(join(dir, 'ca.pem'), pki.ca)
    const oauth2 = { issuer: oidc.issuer, authorizationEndpoint: oidc.authorizationEndpoint, tokenEndpoint: oidc.tokenEndpoint, scopes: { imap: [MAIL_SCOPE], smtp: [MAIL_SCOPE] }, clientSecretRequired: false }
    const config = { version: 1, clients: { 'id.example.test': { clientId: TEST_CLIENT_ID } }, providers: [{ id: 'id.example.test', name: 'Example ID', domains: ['example.test'], oauth2 }] }
    await writeFile(join(dir, 'oauth-clients.json'), JSON.stringify(config))
  })

  afterAll(async () => {
    await Promise.all([browser?.close(), oidc?.close(), smtp?.close(), dovecot?.close()])
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it.skipIf(dovecotSkip !== null)('signs in through the browser, sends, reads back, and prints the same JSON as a password send', async () => {
    const args = ['send', USER, '--oauth', '--smtp', `127.0.0.1:${smtp.port}:SSL`, '--imap', `127.0.0.1:${dovecot!.imapsPort}:SSL`, '--read-back', '--json']
    const child = spawn(process.execPath, [clearportBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: env() })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sign-in URL on stderr: ${stderr}`)), 20_000)
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        const found = /^ {2}(https:\/\/\S+)$/m.exec(stderr)
        if (found?.[1]) {
          clearTimeout(timer)
          resolve(found[1])
        }
      })
    })
    expect(new URL(url).origin).toBe(oidc.issuer)
    const page = await browser.newPage()
    await walkSignIn(page, url, { login: USER })
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000)
      child.on('close', (c) => {
        clearTimeout(killer)
        resolve(c)
      })
    })
    await page.close()
    expect(stderr).toContain('signed in; fetching the access token')
    expect(code, stderr).toBe(0)
    const result = JSON.parse(stdout) as { ok: boolean; request: { auth: string }; smtp: { mechanism: string }; readBack: { arrived: boolean } }
    expect(result).toMatchObject({ ok: true, request: { auth: 'oauth2' }, smtp: { mechanism: 'XOAUTH2' }, readBack: { arrived: true } })
    // The canary: the one real token the servers saw appears in no output of the command.
    expect(seenTokens.length).toBeGreaterThan(0)
    for (const token of seenTokens) {
      expect(stdout).not.toContain(token)
      expect(stderr).not.toContain(token)
      expect(stdout).not.toContain(Buffer.from(`user=${USER}\u0001auth=Bearer ${token}\u0001\u0001`).toString('base64'))
    }
  })

  it('without a client registration says what is missing and the app-password route', async () => {
    const run = await runClearport(['send', 'someone@gmail.com', '--oauth', '--smtp', '127.0.0.1:1:SSL', '--no-send'], { env: env() })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('ClearPort has no OAuth client registration for Gmail')
    expect(run.stdout).toContain('CLEARPORT_OAUTH_CLIENT_ID_GMAIL_COM and CLEARPORT_OAUTH_CLIENT_SECRET_GMAIL_COM')
    expect(run.stdout).toContain('https://myaccount.google.com/apppasswords')
  })

  it('names what is wrong with a client registration', async () => {
    const secretForPublic = await runClearport(['send', 'someone@outlook.com', '--oauth', '--smtp', '127.0.0.1:1:SSL', '--json'], {
      env: { ...env(), CLEARPORT_OAUTH_CLIENT_ID_OUTLOOK_COM: 'a-client', CLEARPORT_OAUTH_CLIENT_SECRET_OUTLOOK_COM: 'a-secret' },
    })
    expect(secretForPublic.code).toBe(1)
    const json = JSON.parse(secretForPublic.stdout) as { oauth: { code: string; detail: string } }
    expect(json.oauth.code).toBe('config-invalid')
    expect(json.oauth.detail).toMatch(/clients\.outlook\.com\.clientSecret: .*public clients/)
    expect(secretForPublic.stdout + secretForPublic.stderr).not.toContain('a-secret')

    const bad = await mkdtemp(join(tmpdir(), 'clearport-oauth-bad-'))
    try {
      await writeFile(join(bad, 'oauth-clients.json'), JSON.stringify({ version: 1, clients: { 'gmail.com': { clientId: 'has space' } } }))
      const run = await runClearport(['send', 'someone@gmail.com', '--oauth', '--smtp', '127.0.0.1:1:SSL'], { env: { ...env(), CLEARPORT_CONFIG_DIR: bad } })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('oauth-clients.json invalid at clients.gmail.com.clientId: a clientId is printable ASCII without spaces')
    } finally {
      await rm(bad, { recursive: true, force: true })
    }
  })

  it('refuses --open without --oauth, and --oauth with a piped secret', async () => {
    expect((await runClearport(['send', USER, '--open'])).stderr).toContain('--open opens the --oauth sign-in page; give --oauth too')
    const both = await runClearport(['send', USER, '--oauth', '--password-stdin'])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--oauth signs in through the browser')
  })
})
