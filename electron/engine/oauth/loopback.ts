// The redirect receiver of RFC 8252 §7.3: an HTTP listener on 127.0.0.1 (never "localhost",
// which may resolve elsewhere, §8.3) on a port the system picks, taking exactly one request on
// the expected path and then closing. Other paths (a browser's /favicon.ico, a stray probe) get a
// 404 and change nothing; another port has nothing listening at all. The answer page holds no
// script and loads nothing.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { abortReason } from '../deadline'
import { OAuthError } from './errors'

export interface LoopbackRedirect {
  /** http://127.0.0.1:PORT/PATH, to put in the authorization request. */
  redirectUri: string
  /** The query of the one accepted request; rejects on the deadline or cancel. */
  received: Promise<URLSearchParams>
  close(): void
}

export interface LoopbackOptions {
  path?: string
  /** How long the person has in the browser. */
  deadlineMs: number
  signal: AbortSignal
}

const PAGE = (text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>ClearPort</title><body style="font:16px system-ui;margin:3em"><h1>ClearPort</h1><p>${text}</p></body>`

export async function listenForRedirect(options: LoopbackOptions): Promise<LoopbackRedirect> {
  const path = options.path ?? '/callback'
  let settle: { resolve(p: URLSearchParams): void; reject(e: Error): void } | null = null
  const received = new Promise<URLSearchParams>((resolve, reject) => (settle = { resolve, reject }))
  // The caller may close before awaiting; an unhandled rejection would crash the process.
  received.catch(() => {})
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'no-store', Connection: 'close' }
    if (req.method !== 'GET' || url.pathname !== path || settle === null) {
      res.writeHead(404, headers).end(PAGE('Not found.'))
      return
    }
    const done = settle
    settle = null
    res.writeHead(200, headers).end(PAGE('ClearPort has the answer from your provider. You can close this tab and go back to ClearPort.'), () => finish())
    done.resolve(url.searchParams)
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const timer = setTimeout(() => fail(new OAuthError('redirect-timeout', `the browser did not come back within ${Math.round(options.deadlineMs / 1000)} s`)), options.deadlineMs)
  const onAbort = (): void => fail(abortReason(options.signal))
  options.signal.addEventListener('abort', onAbort, { once: true })
  function fail(error: Error): void {
    const s = settle
    settle = null
    s?.reject(error)
    finish()
  }
  function finish(): void {
    clearTimeout(timer)
    options.signal.removeEventListener('abort', onAbort)
    server.close()
    server.closeAllConnections()
  }
  if (options.signal.aborted) onAbort()
  return { redirectUri: `http://127.0.0.1:${port}${path}`, received, close: () => fail(new OAuthError('redirect-timeout', 'closed before the browser came back')) }
}
