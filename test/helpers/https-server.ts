// HTTPS (and plain HTTP) servers on loopback for discovery documents: autoconfig, ISPDB,
// Autodiscover. Real TLS with a test CA (pki.ts); every socket is torn down by close(), so a
// handler that never answers leaves nothing behind.
import http from 'node:http'
import https from 'node:https'
import type net from 'node:net'
import type { KeyCert } from './pki'

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void

export interface RunningHttp {
  port: number
  /** Every request seen: method, Host header, path and body (to prove what was — and was not — sent). */
  requests: { method: string; host: string; path: string; body: string }[]
  close(): Promise<void>
}

export async function startHttpServer(options: { address: string; port?: number; tls?: KeyCert; handler: Handler }): Promise<RunningHttp> {
  const sockets = new Set<net.Socket>()
  const requests: RunningHttp['requests'] = []
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({ method: req.method ?? '', host: String(req.headers.host ?? ''), path: req.url ?? '', body })
      options.handler(req, res, body)
    })
  }
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest)
  const track = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  }
  server.on(options.tls ? 'secureConnection' : 'connection', track)
  if (options.tls) server.on('connection', track)
  server.on('tlsClientError', () => {})
  server.on('clientError', (_e, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.address, () => resolve())
  })
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
