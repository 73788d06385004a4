// Raw TCP servers on loopback with byte-exact scripted behaviour, for hostile-server tests
// (nodemailer's own suite tests the same way: real sockets, no network mocks).
import net from 'node:net'

export interface ScriptedServer {
  port: number
  close(): Promise<void>
}

/**
 * `script` runs once per connection. Every socket and timer the script makes is torn down by
 * `close()`, so a test that ends early leaves nothing behind.
 */
export async function startScriptedServer(script: (socket: net.Socket, timers: Set<NodeJS.Timeout>) => void, host = '127.0.0.1'): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
    script(socket, timers)
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer)
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Call `fn` every `ms` until the socket closes. */
export function every(socket: net.Socket, timers: Set<NodeJS.Timeout>, ms: number, fn: () => void): void {
  const timer = setInterval(() => {
    if (socket.destroyed) clearInterval(timer)
    else fn()
  }, ms)
  timers.add(timer)
  socket.on('close', () => clearInterval(timer))
}

/** Read lines from a socket as they arrive. */
export function onLines(socket: net.Socket, fn: (line: string) => void): void {
  let buffer = ''
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1')
    let index
    while ((index = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, index).replace(/\r$/, '')
      buffer = buffer.slice(index + 1)
      fn(line)
    }
  })
}
