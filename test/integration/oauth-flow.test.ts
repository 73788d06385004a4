// The OAuth2 native-app flow against a real authorization server (oidc-provider over https on
// loopback, its own login and consent pages walked in a real Chromium), the redirect into the
// engine's loopback listener, the token at smtp-server (which asks the authorization server, by
// introspection, whether the token is good) and at a real Dovecot for the read-back. Then the
// hostile cases: another state, another path or port, an error redirect, a token endpoint that
// trickles, answers garbage or an OAuth error.
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oauthSignIn, type OAuthSignInOptions } from '../../electron/engine/oauth/flow'
import { OAuthError } from '../../electron/engine/oauth/errors'
import type { OAuthProvider } from '../../electron/engine/oauth/providers'
import { explainTokenRefusal } from '../../electron/engine/oauth/explain'
import { suppliedAccessToken } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { exportFormats, renderExport, sendReportParts } from '@shared/export/index'
import type { AccountSettings, ServerSettings } from '@shared/settings'
import { launchBrowser, walkSignIn } from '../helpers/oidc-browser'
import { MAIL_SCOPE, TEST_CLIENT_ID, introspectingOnAuth, startOAuthWorld } from '../helpers/oidc'
import { USER, makeRequest, startMailServer, type MailServer } from '../helpers/send-fixtures'

const { pki, oidc, dovecot, dovecotSkip } = await startOAuthWorld('oauth-flow')
let browser: Browser
let smtp: MailServer
const seenTokens: string[] = []

function providerAt(o: { issuer: string; authorizationEndpoint: string; tokenEndpoint: string }): OAuthProvider {
  return { id: 'id.example.test', name: 'Example ID', oauth2: { ...o, scopes: { imap: [MAIL_SCOPE], smtp: [MAIL_SCOPE] }, clientSecretRequired: false } }
}

function flow(overrides: Partial<OAuthSignInOptions>): Promise<Awaited<ReturnType<typeof oauthSignIn>>> {
  return oauthSignIn({
    address: USER,
    user: USER,
    provider: providerAt(oidc),
    client: { clientId: TEST_CLIENT_ID },
    services: ['smtp', 'imap'],
    ca: [pki.ca],
    open: () => {},
    ...overrides,
  })
}

/** The browser's request to a redirect URI, as plain loopback HTTP: status code back. */
function visit(url: string): Promise<number> {
  return new Promise((resolve) => {
    http.get(url, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    }).on('error', () => resolve(-1))
  })
}

/** Where the authorization URL tells the provider to send the browser back, with `state`. */
function redirectOf(url: string): { uri: URL; state: string } {
  const params = new URL(url).searchParams
  return { uri: new URL(params.get('redirect_uri') ?? ''), state: params.get('state') ?? '' }
}

async function failure(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(OAuthError)
  return error as OAuthError
}

beforeAll(async () => {
  browser = await launchBrowser(pki.good.cert)
  const d = dovecot
  smtp = await startMailServer({ kind: 'ssl', keyCert: pki.good, options: { authMethods: ['XOAUTH2'], onAuth: introspectingOnAuth(oidc, seenTokens) }, ...(d && { deliver: (m) => d.deliver(m.raw) }) })
})

afterAll(async () => {
  await Promise.all([browser?.close(), oidc?.close(), smtp?.close(), dovecot?.close()])
})

describe('OAuth2 sign-in through the browser', () => {
  it.skipIf(dovecotSkip !== null)('signs in at the authorization server, sends with XOAUTH2 and reads back from Dovecot; the token shows nowhere', async () => {
    const page = await browser.newPage()
    const phases: string[] = []
    const credentials = await flow({ open: (url) => walkSignIn(page, url, { login: USER }), onPhase: (phase) => phases.push(phase) })
    expect(phases).toEqual(['browser', 'exchange', 'signed-in'])
    await page.getByText('You can close this tab').waitFor({ timeout: 5000 })
    const token = await credentials.accessToken(false)
    try {
      const result = await testSend({
        request: makeRequest(smtp.endpoint, { mode: 'send', auth: 'oauth2', mechanism: 'XOAUTH2', readBack: true, imap: { host: '127.0.0.1', port: dovecot!.imapsPort, socket: 'SSL' } }),
        credentials,
        ca: [pki.ca],
        pollMs: 200,
      })
      expect(result.problem).toBeNull()
      expect(result.smtp.mechanism).toBe('XOAUTH2')
      expect(result.readBack).toMatchObject({ arrived: true, mailbox: 'INBOX' })
      // Both mail servers asked the authorization server and were told the token is good.
      expect(seenTokens).toContain(token)
      expect(oidc.asked.filter((a) => a === 'active').length).toBeGreaterThanOrEqual(2)
      expect(JSON.stringify(result)).not.toContain(token)
      // Nor in the reports and settings files made from this result (Apple's profiles cannot say OAuth2).
      const server = (protocol: 'imap' | 'smtp', port: number): ServerSettings => ({ protocol, host: '127.0.0.1', port, socket: 'SSL', auth: ['OAuth2'], username: USER })
      const account: AccountSettings = { address: USER, providerName: 'Example ID', providerId: 'id.example.test', domains: ['example.test'], incoming: [server('imap', dovecot!.imapsPort)], outgoing: [server('smtp', smtp.port)] }
      for (const format of exportFormats.filter((f) => f !== 'apple')) {
        const file = await renderExport(format, { account, report: sendReportParts(result) })
        expect(file.text, format).not.toContain(token)
      }
    } finally {
      credentials.dispose()
      await page.close()
    }
    await expect(credentials.accessToken(false)).rejects.toThrow(/forgotten/)
  })

  it('a declined sign-in comes back as consent denied', async () => {
    const page = await browser.newPage()
    const error = await failure(flow({ open: (url) => walkSignIn(page, url, { login: USER, decline: true }) }))
    expect(error.code).toBe('consent-denied')
    expect(error.detail).toMatch(/access_denied/)
    await page.close()
  })

  it('a token the mail server refuses is named as such, from its decoded XOAUTH2 challenge', async () => {
    const result = await testSend({ request: makeRequest(smtp.endpoint, { auth: 'oauth2', mechanism: 'XOAUTH2' }), credentials: suppliedAccessToken(USER, 'not-a-token-anyone-issued'), ca: [pki.ca] })
    const explained = explainTokenRefusal(result, 'Example ID')
    expect(explained.problem?.code).toBe('auth-failed')
    expect(explained.problem?.title).toBe('The outgoing server refused the access token.')
    expect(explained.problem?.advice).toMatch(/status 401.*"mail"/)
  })
})

describe('a redirect that is not this sign-in', () => {
  it('refuses another state', async () => {
    const error = await failure(
      flow({
        open: async (url) => {
          const { uri } = redirectOf(url)
          uri.search = new URLSearchParams({ state: 'someone-elses-state', code: 'stolen' }).toString()
          expect(await visit(uri.href)).toBe(200)
        },
      }),
    )
    expect(error.code).toBe('state-mismatch')
  })

  it('takes nothing on another path, and the listener closes after one answer', async () => {
    let redirect: URL | null = null
    const error = await failure(
      flow({
        browserMs: 1500,
        open: async (url) => {
          const { uri, state } = redirectOf(url)
          redirect = uri
          const other = new URL(uri)
          other.pathname = '/elsewhere'
          other.search = new URLSearchParams({ state, code: 'x' }).toString()
          expect(await visit(other.href)).toBe(404)
        },
      }),
    )
    expect(error.code).toBe('redirect-timeout')
    // Nothing listens any more once the attempt ended.
    expect(await visit(redirect!.href)).toBe(-1)
  })

  it('waits for nothing on another port: the deadline names it', async () => {
    const t0 = performance.now()
    const error = await failure(flow({ browserMs: 1200, open: async () => expect(await visit('http://127.0.0.1:9/callback')).toBe(-1) }))
    expect(error.code).toBe('redirect-timeout')
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1100)
  })

  it('classifies an error redirect (invalid_scope) as a missing scope', async () => {
    const error = await failure(
      flow({
        open: async (url) => {
          const { uri, state } = redirectOf(url)
          uri.search = new URLSearchParams({ state, error: 'invalid_scope', error_description: 'mail is not for you\u001b[31m' }).toString()
          await visit(uri.href)
        },
      }),
    )
    expect(error.code).toBe('scope-missing')
    expect(error.detail).toBe('invalid_scope: mail is not for you [31m')
  })

  it('Cancel ends the wait for the browser at once', async () => {
    const controller = new AbortController()
    const pending = flow({ open: () => void setTimeout(() => controller.abort(), 50), signal: controller.signal })
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('a hostile token endpoint', () => {
  type Script = (res: http.ServerResponse) => void
  let script: Script = (res) => res.end()
  let hostile: https.Server
  let tokenEndpoint = ''
  beforeAll(async () => {
    hostile = https.createServer({ key: pki.good.key, cert: pki.good.cert }, (req, res) => {
      req.resume()
      req.on('end', () => script(res))
    })
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve))
    tokenEndpoint = `https://127.0.0.1:${(hostile.address() as AddressInfo).port}/token`
  })
  afterAll(async () => {
    hostile.closeAllConnections()
    await new Promise((resolve) => hostile.close(resolve))
  })

  /** The browser comes straight back with a code; the exchange meets the script. */
  const exchange = (tokenMs = 5000): Promise<unknown> =>
    flow({
      provider: providerAt({ ...oidc, tokenEndpoint }),
      tokenMs,
      open: async (url) => {
        const { uri, state } = redirectOf(url)
        uri.search = new URLSearchParams({ state, code: 'a-code' }).toString()
        await visit(uri.href)
      },
    })

  it('names a trickling answer at the deadline', async () => {
    script = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const timer = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(timer))
    }
    const t0 = performance.now()
    const error = await failure(exchange(1000))
    expect(error.code).toBe('token-endpoint-timeout')
    expect(performance.now() - t0).toBeLessThan(4000)
  })

  it('names an answer that is no token response', async () => {
    script = (res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>captive portal</html>')
    expect((await failure(exchange())).code).toBe('token-endpoint-garbage')
    script = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'x', token_type: 'mac' }))
    expect((await failure(exchange())).message).toMatch(/not Bearer/)
    script = (res) => res.writeHead(502).end('bad gateway')
    expect((await failure(exchange())).code).toBe('token-endpoint-garbage')
  })

  it('names an OAuth error with the provider\'s words', async () => {
    script = (res) => res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: 'code expired' }))
    const error = await failure(exchange())
    expect(error.code).toBe('token-endpoint-error')
    expect(error.detail).toBe('invalid_grant: code expired')
  })

  it('refuses a token endpoint whose certificate it cannot verify', async () => {
    const error = await failure(flow({ ca: [], provider: providerAt({ ...oidc, tokenEndpoint }), open: async (url) => {
      const { uri, state } = redirectOf(url)
      uri.search = new URLSearchParams({ state, code: 'a-code' }).toString()
      await visit(uri.href)
    } }))
    expect(error.code).toBe('token-endpoint-unreachable')
  })
})
