// HTTPS (and plain HTTP) servers on loopback for discovery documents: autoconfig, ISPDB,
// Autodiscover. Real TLS with a test CA (pki.ts); every socket is torn down by close(), so a
// handler that never answers leaves nothing behind.
import { EventEmitter, once } from 'node:events'
import http from 'node:http'
import https from 'node:https'
import type { KeyCert } from './pki'
import { listenTracked, type TrackedServer } from './tcp-server'

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void

export interface SeenRequest {
  method: string
  host: string
  path: string
  body: string
}

export interface RunningHttp extends TrackedServer {
  /** Every request seen: method, Host header, path and body (to prove what was — and was not — sent). */
  requests: SeenRequest[]
  /** Resolves with the first request from now on that `matches` (wait on the server, not on time). */
  nextRequest(matches: (request: SeenRequest) => boolean): Promise<SeenRequest>
}

export async function startHttpServer(options: { address: string; port?: number; tls?: KeyCert; handler: Handler }): Promise<RunningHttp> {
  const requests: SeenRequest[] = []
  const seen = new EventEmitter()
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const request = { method: req.method ?? '', host: String(req.headers.host ?? ''), path: req.url ?? '', body }
      requests.push(request)
      seen.emit('request', request)
      options.handler(req, res, body)
    })
  }
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest)
  server.on('clientError', (_e, socket) => socket.destroy())
  const running = await listenTracked(server, options.address, options.port ?? 0)
  const nextRequest = async (matches: (request: SeenRequest) => boolean): Promise<SeenRequest> => {
    for (;;) {
      const [request] = (await once(seen, 'request')) as [SeenRequest]
      if (matches(request)) return request
    }
  }
  return Object.assign(running, { requests, nextRequest })
}
