// A real OAuth 2.0 / OpenID authorization server for the OAuth tests: oidc-provider on loopback,
// over https with a certificate made at test time, one public native client (PKCE, loopback
// redirect on any port, RFC 8252 §7.3), one confidential client for the mail servers'
// introspection (RFC 7662), a "mail" scope for a resource server, and devInteractions' own login
// and consent pages, which the tests drive with a real Chromium. Any login name signs in (that is
// devInteractions); the account id is the login name.
import https from 'node:https'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { Provider, type Configuration } from 'oidc-provider'
import type { SMTPServerOptions } from 'smtp-server'
import { startDovecot, type RunningDovecot } from './dovecot'
import { makeTestPki, type KeyCert, type TestPki } from './pki'
import { USER } from './send-fixtures'

export const TEST_CLIENT_ID = 'clearport-test-client'
/** The scope the test "mail servers" demand; the provider data asks for it for SMTP and IMAP. */
export const MAIL_SCOPE = 'mail'
const RESOURCE = 'urn:clearport:test:mail'

export interface RunningOidc {
  /** https://127.0.0.1:PORT */
  issuer: string
  authorizationEndpoint: string
  tokenEndpoint: string
  /** Ask the authorization server whether a token is active and whose it is (what a mail server does). */
  introspect(token: string): Promise<{ active: boolean; sub?: string; scope?: string }>
  /** An RFC 7662 endpoint on plain loopback http for Dovecot: asks `introspect` and answers {active, username}. */
  dovecotIntrospectionUrl: string
  /** Tokens the mail servers asked about, as "active"/"inactive" (never the token itself). */
  asked: string[]
  close(): Promise<void>
}

export interface OidcOptions {
  keyCert: KeyCert
  /** The CA that issued `keyCert`: the introspection call verifies the server with it. */
  ca: string
}

export async function startOidc(options: OidcOptions): Promise<RunningOidc> {
  const introspectionSecret = randomBytes(24).toString('base64url')
  const server = https.createServer({ key: options.keyCert.key, cert: options.keyCert.cert })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const issuer = `https://127.0.0.1:${port}`
  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // A native client's loopback redirect matches on any port (RFC 8252 §7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: 'mail-servers',
        client_secret: introspectionSecret,
        redirect_uris: [],
        grant_types: [],
        response_types: [],
      },
    ],
    scopes: ['openid', MAIL_SCOPE],
    claims: { openid: ['sub'] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, AuthorizationCode: 60 },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    features: {
      devInteractions: { enabled: true },
      // Any confidential client (the mail servers') may ask about any token.
      introspection: { enabled: true, allowedPolicy: (_ctx, client) => client.clientAuthMethod !== 'none' },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: MAIL_SCOPE, accessTokenFormat: 'opaque', audience: RESOURCE }),
      },
    },
  }
  const provider = new Provider(issuer, configuration)
  provider.proxy = false
  // devInteractions prints a warning per process; the tests know.
  provider.on('server_error', () => {})
  server.on('request', provider.callback())

  const asked: string[] = []
  async function introspect(token: string): Promise<{ active: boolean; sub?: string; scope?: string }> {
    const body = new URLSearchParams({ token }).toString()
    const answer = await new Promise<string>((resolve, reject) => {
      const request = https.request(
        `${issuer}/token/introspection`,
        {
          method: 'POST',
          ca: [options.ca],
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Authorization: `Basic ${Buffer.from(`mail-servers:${introspectionSecret}`).toString('base64')}`,
          },
        },
        (response) => {
          let text = ''
          response.on('data', (d: Buffer) => (text += d.toString()))
          response.on('end', () => resolve(text))
        },
      )
      request.setTimeout(5000, () => request.destroy(new Error('introspection timed out')))
      request.on('error', reject)
      request.end(body)
    })
    const parsed = JSON.parse(answer) as { active: boolean; sub?: string; scope?: string }
    asked.push(parsed.active ? 'active' : 'inactive')
    return parsed
  }

  // Dovecot's oauth2 passdb speaks plain RFC 7662 to one URL; it gets the authorization server's word.
  const bridge = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? ''
      introspect(token).then(
        (answer) => {
          res.writeHead(200, { 'Content-Type': 'application/json' })
          const usable = answer.active && (answer.scope ?? '').split(' ').includes(MAIL_SCOPE)
          res.end(JSON.stringify(usable ? { active: true, username: answer.sub } : { active: false }))
        },
        () => {
          res.writeHead(500)
          res.end()
        },
      )
    })
  })
  await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve))
  const bridgePort = (bridge.address() as AddressInfo).port

  return {
    issuer,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    introspect,
    dovecotIntrospectionUrl: `http://127.0.0.1:${bridgePort}/introspect`,
    asked,
    async close() {
      server.closeAllConnections()
      bridge.closeAllConnections()
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => bridge.close(r))])
    },
  }
}

/**
 * smtp-server's onAuth for OAuth tests: XOAUTH2 only, and only with a token the authorization
 * server calls active, for this user, with the mail scope. A refused token gets the RFC 7628
 * JSON challenge, as Gmail sends it. `seen` keeps the tokens for the canary scans.
 */
export function introspectingOnAuth(oidc: RunningOidc, seen: string[]): NonNullable<SMTPServerOptions['onAuth']> {
  return (auth, _session, callback) => {
    if (auth.method !== 'XOAUTH2' || !auth.accessToken) return callback(Object.assign(new Error('5.7.8 Use XOAUTH2'), { responseCode: 535 }))
    seen.push(auth.accessToken)
    oidc.introspect(auth.accessToken).then(
      (answer) => {
        const scoped = (answer.scope ?? '').split(' ').includes(MAIL_SCOPE)
        if (answer.active && scoped && answer.sub === auth.username) return callback(null, { user: auth.username })
        callback(null, { data: { status: answer.active ? '403' : '401', schemes: 'bearer', scope: MAIL_SCOPE } })
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    )
  }
}

export interface OAuthWorld {
  pki: TestPki
  oidc: RunningOidc
  /** Dovecot whose oauth2 passdb asks the authorization server; null when it cannot run here. */
  dovecot: RunningDovecot | null
  /** Why Dovecot cannot run (printed once; the read-back tests skip with it). */
  dovecotSkip: string | null
}

/** The authorization server and the Dovecot that trusts it, for one test file. */
export async function startOAuthWorld(label: string): Promise<OAuthWorld> {
  const pki = await makeTestPki()
  const oidc = await startOidc({ keyCert: pki.good, ca: pki.ca })
  try {
    const dovecot = await startDovecot({ user: USER, password: `unused-${Math.random()}`, keyCert: pki.good, oauth2: { introspectionUrl: oidc.dovecotIntrospectionUrl } })
    return { pki, oidc, dovecot, dovecotSkip: null }
  } catch (error) {
    const dovecotSkip = error instanceof Error ? error.message : String(error)
    console.warn(`${label}: the read-back tests skip — ${dovecotSkip}`)
    return { pki, oidc, dovecot: null, dovecotSkip }
  }
}
