// The token request (RFC 6749 §4.1.3, PKCE §4.5) over ClearPort's own network path: the name
// resolved by the engine's DNS client, the addresses tried with the network's patience (reach),
// TLS 1.2+ verified against the engine's roots (net/trust.ts) with the strength check, https only,
// one wall-clock deadline over the whole exchange (a trickling answer ends there) and a size cap.
// Why not openid-client/oauth4webapi: both call fetch(), whose DNS and roots are not the engine's;
// a fetch look-alike over this same code would be the bigger piece (docs/decisions.md).
import https from 'node:https'
import type { IncomingMessage } from 'node:http'
import { parseHost } from '@shared/validate'
import { oauthErrorDetail } from '@shared/oauth'
import { DeadlineError, isCancel, withScope } from '../deadline'
import type { DnsClient } from '../net/dns'
import { signInTls } from '../net/tls'
import { reach } from '../send/reach'
import { OAuthError } from './errors'

export interface TokenRequest {
  tokenEndpoint: string
  form: Record<string, string>
  dns: DnsClient
  ca?: string[]
  signal: AbortSignal
  timeoutMs: number
  maxBytes?: number
}

export interface TokenResponse {
  accessToken: string
  /** Granted scopes, when the provider said (RFC 6749 §5.1: may be left out if as requested). */
  scope: string[] | null
  expiresInS: number | null
}

const MAX_BYTES = 64 * 1024

export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const url = new URL(request.tokenEndpoint)
  if (url.protocol !== 'https:') throw new OAuthError('token-endpoint-unreachable', `refused to send a sign-in code to ${url.origin}: only https is allowed`)
  try {
    const { status, contentType, text } = await withScope(request.signal, request.timeoutMs, 'token endpoint', (signal) => post(url, request, signal))
    return parseTokenResponse(status, contentType, text)
  } catch (error) {
    if (error instanceof OAuthError || isCancel(error) || request.signal.aborted) throw error
    if (error instanceof DeadlineError) throw new OAuthError('token-endpoint-timeout', `no complete answer from ${url.host} within ${Math.round(request.timeoutMs / 1000)} s`)
    throw new OAuthError('token-endpoint-unreachable', `${url.host}: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.message : null)
  }
}

async function post(url: URL, request: TokenRequest, signal: AbortSignal): Promise<{ status: number; contentType: string; text: string }> {
  const host = parseHost(url.hostname.replace(/^\[|\]$/g, ''))
  if (!host.ok) throw new Error(host.message)
  const port = Number(url.port || 443)
  const dnsStarted = performance.now()
  const addresses = await request.dns.addresses(host.value.host, signal)
  const reached = await reach(addresses.map((a) => a.address), port, { signal, observedRttMs: Math.round(performance.now() - dnsStarted) })
  const named = !/^[\d.]+$/.test(host.value.host) && !host.value.host.includes(':')
  const body = new URLSearchParams(request.form).toString()
  const maxBytes = request.maxBytes ?? MAX_BYTES
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: reached.order[0],
      port,
      method: 'POST',
      path: `${url.pathname}${url.search}`,
      agent: false,
      ...signInTls(host.value.host, request.ca, named ? host.value.host : undefined),
      headers: { Host: url.host, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'ClearPort', Connection: 'close' },
    })
    const onAbort = (): void => {
      req.destroy()
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    const done = (): void => signal.removeEventListener('abort', onAbort)
    req.on('error', (error) => {
      done()
      reject(error)
    })
    req.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) {
          done()
          req.destroy()
          reject(new OAuthError('token-endpoint-garbage', `the token endpoint sent more than ${maxBytes} bytes`))
        } else chunks.push(chunk)
      })
      response.on('end', () => {
        done()
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') })
      })
      response.on('error', (error) => {
        done()
        reject(error)
      })
    })
    req.end(body)
  })
}

/** RFC 6749 §5.1 (success) and §5.2 (error) — anything else is garbage, named as such. */
export function parseTokenResponse(status: number, contentType: string, text: string): TokenResponse {
  let json: Record<string, unknown> | null = null
  try {
    const value: unknown = JSON.parse(text)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) json = value as Record<string, unknown>
  } catch {
    json = null
  }
  const str = (key: string): string | null => (json && typeof json[key] === 'string' ? (json[key] as string) : null)
  if (status !== 200) {
    const error = str('error')
    if (error === null) throw new OAuthError('token-endpoint-garbage', `HTTP ${status} without an OAuth error${/json/i.test(contentType) ? '' : ` (${contentType.split(';')[0] || 'no content type'})`}`, `HTTP ${status}`)
    const detail = oauthErrorDetail(error, str('error_description'))
    throw new OAuthError(error === 'invalid_scope' ? 'scope-missing' : 'token-endpoint-error', `the token endpoint answered ${error}`, detail)
  }
  if (json === null) throw new OAuthError('token-endpoint-garbage', `the answer is not JSON (${contentType.split(';')[0] || 'no content type'}, ${text.length} bytes)`)
  const token = str('access_token')
  const type = str('token_type')
  if (token === null || token === '' || token.length > 16_384) throw new OAuthError('token-endpoint-garbage', 'the answer holds no access_token')
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(token)) throw new OAuthError('token-endpoint-garbage', 'the access_token holds spaces or control characters')
  if (type === null || type.toLowerCase() !== 'bearer') throw new OAuthError('token-endpoint-garbage', `the token type is ${type === null ? 'missing' : JSON.stringify(type.slice(0, 40))}, not Bearer`)
  const scope = str('scope')
  const expires = json['expires_in']
  return { accessToken: token, scope: scope === null ? null : scope.split(' ').filter(Boolean), expiresInS: typeof expires === 'number' && Number.isFinite(expires) ? expires : null }
}
