// Raw TCP servers on loopback with byte-exact scripted behaviour, for hostile-server tests
// (nodemailer's own suite tests the same way: real sockets, no network mocks).
import net from 'node:net'
import { listenTracked, type TrackedServer } from './tcp-server'

export { onLines } from './tcp-server'

export type ScriptedServer = TrackedServer

/**
 * `script` runs once per connection. Every socket and timer the script makes is torn down by
 * `close()`, so a test that ends early leaves nothing behind.
 */
export function startScriptedServer(script: (socket: net.Socket, timers: Set<NodeJS.Timeout>) => void, host = '127.0.0.1'): Promise<ScriptedServer> {
  const timers = new Set<NodeJS.Timeout>()
  const server = net.createServer((socket) => script(socket, timers))
  return listenTracked(server, host, 0, () => {
    for (const timer of timers) clearInterval(timer)
  })
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
