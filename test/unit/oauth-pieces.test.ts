// The pure pieces of the OAuth2 sign-in: PKCE (RFC 7636's own example), the authorization URL
// and the check before any URL is opened, the token response rules (RFC 6749 §5), a server's
// XOAUTH2 challenge, the per-protocol scopes of the ISPDB import, and the client configuration.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { authorizationUrl, checkAuthorizationUrl } from '../../electron/engine/oauth/authorize-url'
import { clientFor, loadOAuthConfig, OAuthConfigError } from '../../electron/engine/oauth/config'
import { oauthProviderFor } from '../../electron/engine/oauth/providers'
import { newPkce, newState, s256 } from '../../electron/engine/oauth/pkce'
import { parseTokenResponse } from '../../electron/engine/oauth/token'
import { decodeBearerChallenge, oauthProblemCodes, oauthProblem, scopesFor } from '@shared/oauth'
import { bundledCatalog } from '@shared/providers/catalog'
import { splitScopes } from '../../scripts/ispdb-oauth'

const google = bundledCatalog.providers.find((p) => p.id === 'gmail.com')!.oauth2!

describe('PKCE and state', () => {
  it('computes S256 as RFC 7636 Appendix B does', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })
  it('makes a fresh 43-character verifier and state each time', () => {
    const a = newPkce()
    const b = newPkce()
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.verifier).not.toBe(b.verifier)
    expect(a.challenge).toBe(s256(a.verifier))
    expect(newState()).not.toBe(newState())
  })
})

describe('the authorization URL', () => {
  const url = authorizationUrl({ provider: google, clientId: 'c-1', redirectUri: 'http://127.0.0.1:5555/callback', scopes: ['https://mail.google.com/'], state: 's', codeChallenge: 'ch', loginHint: 'a@gmail.com' })
  it('carries code + PKCE S256 + state, and no offline access', () => {
    const params = new URL(url).searchParams
    expect(Object.fromEntries(params)).toEqual({
      response_type: 'code', client_id: 'c-1', redirect_uri: 'http://127.0.0.1:5555/callback', scope: 'https://mail.google.com/', state: 's', code_challenge: 'ch', code_challenge_method: 'S256', login_hint: 'a@gmail.com',
    })
    expect(url).not.toMatch(/offline/)
  })
  it('opens only the configured https endpoint', () => {
    expect(checkAuthorizationUrl(url, google).origin).toBe('https://accounts.google.com')
    for (const bad of ['http://accounts.google.com/o/oauth2/v2/auth', 'https://accounts.google.com.evil.test/o/oauth2/v2/auth', 'https://accounts.google.com/elsewhere', 'https://user:pw@accounts.google.com/o/oauth2/v2/auth', 'file:///etc/passwd', 'not a url']) {
      expect(() => checkAuthorizationUrl(bad, google), bad).toThrow(expect.objectContaining({ code: 'unsafe-url' }))
    }
  })
})

describe('token responses', () => {
  it('takes a Bearer token with its scopes', () => {
    expect(parseTokenResponse(200, 'application/json', JSON.stringify({ access_token: 'abc', token_type: 'Bearer', expires_in: 3599, scope: 'a b' }))).toEqual({ accessToken: 'abc', scope: ['a', 'b'], expiresInS: 3599 })
  })
  it.each([
    [200, '{"token_type":"Bearer"}', 'token-endpoint-garbage'],
    [200, '{"access_token":"a b","token_type":"Bearer"}', 'token-endpoint-garbage'],
    [200, '[1]', 'token-endpoint-garbage'],
    [400, '{"error":"invalid_scope"}', 'scope-missing'],
    [401, '{"error":"invalid_client"}', 'token-endpoint-error'],
    [500, 'oops', 'token-endpoint-garbage'],
  ])('HTTP %i %s is %s', (status, body, code) => {
    expect(() => parseTokenResponse(status, 'application/json', body)).toThrow(expect.objectContaining({ code }))
  })
})

describe('what a mail server says about a refused token', () => {
  it('decodes an XOAUTH2 challenge and ignores anything else', () => {
    const json = Buffer.from('{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}').toString('base64')
    expect(decodeBearerChallenge(`334 ${json}`)).toEqual({ status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' })
    expect(decodeBearerChallenge(`+ ${json}`)?.status).toBe('401')
    expect(decodeBearerChallenge('334 VXNlcm5hbWU6')).toBeNull()
    expect(decodeBearerChallenge('535 5.7.8 bad')).toBeNull()
  })
  it('has words for every problem code', () => {
    for (const code of oauthProblemCodes) expect(oauthProblem(code, 'Example').title.length).toBeGreaterThan(10)
  })
})

describe('scopes per protocol', () => {
  it('splits Microsoft\'s per-protocol scopes, drops offline_access and non-mail scopes', () => {
    const ms = 'https://outlook.office365.com/IMAP.AccessAsUser.All https://outlook.office365.com/POP.AccessAsUser.All https://outlook.office365.com/SMTP.Send offline_access'
    expect(splitScopes(ms, ['imap', 'pop3', 'smtp'])).toEqual({ imap: ['https://outlook.office365.com/IMAP.AccessAsUser.All'], pop3: ['https://outlook.office365.com/POP.AccessAsUser.All'], smtp: ['https://outlook.office365.com/SMTP.Send'] })
    expect(splitScopes('https://mail.google.com/ https://www.googleapis.com/auth/contacts https://www.googleapis.com/auth/calendar', ['imap', 'smtp'])).toEqual({ imap: ['https://mail.google.com/'], smtp: ['https://mail.google.com/'] })
  })
  it('asks once for each scope the attempt needs', () => {
    expect(scopesFor({ imap: ['a', 'm'], smtp: ['m'] }, ['smtp', 'imap'])).toEqual(['m', 'a'])
  })
})

describe('client configuration', () => {
  const dirs: string[] = []
  const folder = async (content: string | null): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'clearport-oauth-config-'))
    dirs.push(dir)
    if (content !== null) await writeFile(join(dir, 'oauth-clients.json'), content)
    return dir
  }
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

  it('without a file there are no registrations; the environment adds them', async () => {
    const dir = await folder(null)
    const none = await loadOAuthConfig(dir)
    expect(none.clients).toEqual({})
    const env = await loadOAuthConfig(dir, { CLEARPORT_OAUTH_CLIENT_ID_GMAIL_COM: 'id-1', CLEARPORT_OAUTH_CLIENT_SECRET_GMAIL_COM: 'sec' })
    expect(clientFor(env, 'gmail.com', google)).toEqual({ clientId: 'id-1', clientSecret: 'sec' })
  })
  it('refuses a bad secret from the environment by its variable, without echoing it', async () => {
    const dir = await folder(null)
    const bad = loadOAuthConfig(dir, { CLEARPORT_OAUTH_CLIENT_ID_GMAIL_COM: 'id-1', CLEARPORT_OAUTH_CLIENT_SECRET_GMAIL_COM: 'has space canary-7' })
    await expect(bad).rejects.toThrow(/^CLEARPORT_OAUTH_CLIENT_SECRET_GMAIL_COM: a clientSecret is printable ASCII without spaces$/)
  })
  it('names the bad field of a bad file', async () => {
    await expect(loadOAuthConfig(await folder('{"version":1,"clients":{"x":{"clientId":""}}}'))).rejects.toThrow(/clients\.x\.clientId: a clientId must not be empty/)
    await expect(loadOAuthConfig(await folder('{"version":2}'))).rejects.toThrow(/invalid at version: version must be 1/)
    await expect(loadOAuthConfig(await folder('{not json'))).rejects.toThrow(/is not valid JSON/)
    await expect(loadOAuthConfig(await folder('{"version":1,"extra":1}'))).rejects.toThrow(OAuthConfigError)
    const offline = JSON.stringify({ version: 1, providers: [{ id: 'corp', name: 'Corp', domains: ['corp.test'], oauth2: { ...google, scopes: { imap: ['offline_access'] } } }] })
    await expect(loadOAuthConfig(await folder(offline))).rejects.toThrow(/offline_access is never asked for/)
  })
  it('wants a secret exactly where the provider demands one', async () => {
    const config = await loadOAuthConfig(await folder(JSON.stringify({ version: 1, clients: { 'gmail.com': { clientId: 'a' } } })))
    expect(() => clientFor(config, 'gmail.com', google)).toThrow(/clientSecret is missing/)
  })
  it('finds the provider: the organisation\'s own first, then the catalog, then the bundled ISPDB', async () => {
    const own = JSON.stringify({ version: 1, providers: [{ id: 'corp', name: 'Corp', domains: ['gmail.com'], oauth2: google }] })
    expect((await oauthProviderFor('gmail.com', await loadOAuthConfig(await folder(own))))?.id).toBe('corp')
    const empty = await loadOAuthConfig(await folder(null))
    expect((await oauthProviderFor('gmail.com', empty))?.name).toBe('Gmail / Google Workspace')
    expect((await oauthProviderFor('contoso.test', empty, 'microsoft365'))?.oauth2.scopes.smtp).toEqual(['https://outlook.office.com/SMTP.Send'])
    expect((await oauthProviderFor('umich.edu', empty))?.oauth2.issuer).toBe('accounts.google.com')
    expect(await oauthProviderFor('gmx.net', empty)).toBeNull()
  })
})
