// Fetching a discovery document (autoconfig, ISPDB, Autodiscover) as a hostile party may serve it:
// the name resolved with the engine's own DNS client, each address connected to with the
// network's patience, TLS with certificate validation always on (public roots, the OS store,
// NODE_EXTRA_CA_CERTS and an explicit `ca` for tests: net/trust.ts), a deadline over the whole exchange, a redirect limit with loop and
// downgrade checks, a content-type check and a size limit that stops reading early.
import http from 'node:http'
import type net from 'node:net'
import { parseHost, quote } from '@shared/validate'
import { DeadlineError, isCancel, withScope } from '../deadline'
import type { DnsClient } from '../net/dns'
import { connectPatiently } from '../net/tcp'
import { handshake } from '../net/tls'
import type { Patience } from '../net/patience'

export interface FetchOptions {
  method?: 'GET' | 'POST'
  body?: string
  requestContentType?: string
  dns: DnsClient
  patience: Patience
  signal: AbortSignal
  ca?: string[]
  /** Service port → port actually connected to ({"443": 8443}); tests only. */
  portMap?: Record<string, number>
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
  /** Plain http allowed (only the marked autoconfig fallback). Redirects never downgrade otherwise. */
  allowHttp: boolean
}

export type FetchResult =
  | { ok: true; status: number; text: string; url: string }
  | { ok: false; status: number | null; reason: string; url: string }

interface OneResponse {
  status: number
  location: string | null
  contentType: string
  text: string | null
  reason: string | null
}

/** Media types a discovery document may come as. */
export function isXmlContentType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'text/xml' || type === 'application/xml' || /^application\/[a-z0-9.+-]+\+xml$/.test(type)
}

export async function fetchDocument(url: string, options: FetchOptions): Promise<FetchResult> {
  let current: URL
  try {
    current = new URL(url)
  } catch {
    return { ok: false, status: null, reason: `${quote(url)} is not a URL`, url }
  }
  try {
    return await withScope(options.signal, options.timeoutMs, `fetch ${current.host}`, async (signal) => {
      const visited = new Set<string>()
      for (let hop = 0; ; hop += 1) {
        if (visited.has(current.href)) return { ok: false, status: null, reason: `redirect loop back to ${current.href}`, url }
        visited.add(current.href)
        const response = await requestOnce(current, options, signal)
        if (response.status >= 300 && response.status < 400 && response.location !== null) {
          if (hop >= options.maxRedirects) return { ok: false, status: response.status, reason: `more than ${options.maxRedirects} redirects`, url }
          let next: URL
          try {
            next = new URL(response.location, current)
          } catch {
            return { ok: false, status: response.status, reason: `redirect to an invalid location ${quote(response.location)}`, url }
          }
          if (next.protocol !== 'https:' && !(next.protocol === 'http:' && options.allowHttp)) {
            return { ok: false, status: response.status, reason: `refused redirect from ${current.protocol} to ${quote(next.href)}`, url }
          }
          current = next
          continue
        }
        if (response.reason !== null || response.text === null) {
          return { ok: false, status: response.status, reason: response.reason ?? `HTTP ${response.status}`, url: current.href }
        }
        return { ok: true, status: response.status, text: response.text, url: current.href }
      }
    })
  } catch (error) {
    if (error instanceof DeadlineError && !options.signal.aborted) {
      return { ok: false, status: null, reason: `no complete answer within ${options.timeoutMs} ms`, url: current.href }
    }
    if (isCancel(error) || options.signal.aborted) throw error
    return { ok: false, status: null, reason: error instanceof Error ? error.message : String(error), url: current.href }
  }
}

async function connect(url: URL, options: FetchOptions, signal: AbortSignal): Promise<net.Socket> {
  const host = parseHost(url.hostname)
  if (!host.ok) throw new Error(host.message)
  const service = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const port = options.portMap?.[String(service)] ?? service
  const addresses = await options.dns.addresses(host.value.host, signal)
  // IPv4 first, then IPv6: one working address is enough to read a document.
  const ordered = [...addresses.filter((a) => a.family === 4), ...addresses.filter((a) => a.family === 6)]
  const failures: string[] = []
  for (const { address } of ordered) {
    const result = await connectPatiently(address, port, options.patience, signal)
    if (result.socket) return result.socket
    failures.push(`${address}:${port} ${result.outcome === 'timeout' ? `no answer within ${result.ms} ms` : (result.errorCode ?? result.outcome)}`)
  }
  throw new Error(`cannot connect to ${host.value.host}: ${failures.join(', ') || 'no address'}`)
}

async function requestOnce(url: URL, options: FetchOptions, signal: AbortSignal): Promise<OneResponse> {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowHttp)) throw new Error(`refused to fetch ${quote(url.href)}: only https is allowed here`)
  if (url.username !== '' || url.password !== '') throw new Error('refused a URL with credentials in it')
  let socket = await connect(url, options, signal)
  if (url.protocol === 'https:') {
    const secured = await handshake(socket, { host: url.hostname, signal, ca: options.ca })
    socket = secured.socket
    const cert = secured.summary.certificate
    if (!cert?.verified) {
      socket.destroy()
      throw new Error(`the certificate of ${url.hostname} is not valid: ${cert?.verifyError ?? 'no certificate'}`)
    }
  }
  const stream = socket
  return new Promise<OneResponse>((resolve, reject) => {
    let settled = false
    const finish = (value: OneResponse | Error): void => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      request.destroy()
      stream.destroy()
      if (value instanceof Error) reject(value)
      else resolve(value)
    }
    const onAbort = (): void => finish(signal.reason instanceof Error ? signal.reason : new Error('aborted'))
    const headers: Record<string, string> = { Host: url.host, 'User-Agent': 'ClearPort', Accept: 'text/xml, application/xml', Connection: 'close' }
    if (options.body !== undefined) {
      headers['Content-Type'] = options.requestContentType ?? 'text/xml; charset=utf-8'
      headers['Content-Length'] = String(Buffer.byteLength(options.body))
    }
    const request = http.request({
      method: options.method ?? 'GET',
      host: url.hostname,
      path: `${url.pathname}${url.search}`,
      headers,
      createConnection: () => stream,
    })
    request.on('error', (error) => finish(new Error(`HTTP request failed: ${error.message}`)))
    request.on('response', (response) => {
      const status = response.statusCode ?? 0
      const contentType = String(response.headers['content-type'] ?? '')
      const base = { status, location: typeof response.headers.location === 'string' ? response.headers.location : null, contentType }
      if (status >= 300 && status < 400) return finish({ ...base, text: null, reason: base.location ? null : `HTTP ${status} without a Location` })
      if (status !== 200) return finish({ ...base, text: null, reason: status === 401 ? 'HTTP 401: the server wants credentials (none are ever sent)' : `HTTP ${status}` })
      if (!isXmlContentType(contentType)) return finish({ ...base, text: null, reason: `wrong content type ${quote(contentType || '(none)')}, expected XML` })
      if (response.headers['content-encoding'] && response.headers['content-encoding'] !== 'identity') {
        return finish({ ...base, text: null, reason: `unexpected content encoding ${quote(String(response.headers['content-encoding']))}` })
      }
      const declared = Number(response.headers['content-length'])
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        return finish({ ...base, text: null, reason: `document of ${declared} bytes exceeds the ${options.maxBytes}-byte limit (not read)` })
      }
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > options.maxBytes) {
          finish({ ...base, text: null, reason: `document exceeds the ${options.maxBytes}-byte limit (stopped reading)` })
          return
        }
        chunks.push(chunk)
      })
      response.on('end', () => finish({ ...base, text: Buffer.concat(chunks).toString('utf8'), reason: null }))
      response.on('error', (error) => finish(new Error(`reading the response failed: ${error.message}`)))
    })
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    request.end(options.body)
  })
}
