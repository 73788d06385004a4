// The one way a test server listens on loopback: every connection it accepts is tracked, so
// close() destroys what is still open (a held or silent connection cannot stall a test's end),
// and a test can wait for the server to see a connection instead of sleeping.
import { EventEmitter, once } from 'node:events'
import type net from 'node:net'

export interface Closable {
  close(): Promise<void>
}

export interface TrackedServer extends Closable {
  port: number
  /** Connections accepted so far. */
  readonly connections: number
  /** Resolves when the server has accepted a connection after this call (or `count` in all). */
  nextConnection(count?: number): Promise<void>
}

/** Listens on `address:port` (0: a free one) and tracks every TCP connection of `server`. */
export async function listenTracked(server: net.Server, address: string, port = 0, onClose?: () => void): Promise<TrackedServer> {
  const open = new Set<net.Socket>()
  const seen = new EventEmitter()
  let connections = 0
  server.on('connection', (socket: net.Socket) => {
    open.add(socket)
    connections += 1
    socket.on('error', () => {})
    socket.on('close', () => open.delete(socket))
    seen.emit('connection')
  })
  // A client that aborts a handshake or a request is an expected event in these tests, not a crash.
  server.on('error', () => {})
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, address, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return connections
    },
    async nextConnection(count = connections + 1) {
      while (connections < count) await once(seen, 'connection')
    },
    close: () =>
      new Promise<void>((resolve) => {
        onClose?.()
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Read lines (CR LF or LF) from a stream as they arrive. */
export function onLines(stream: NodeJS.ReadableStream, fn: (line: string) => void): void {
  let buffer = ''
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1')
    let index
    while ((index = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, index).replace(/\r$/, '')
      buffer = buffer.slice(index + 1)
      fn(line)
    }
  })
}
