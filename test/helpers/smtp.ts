// A real SMTP server (smtp-server) on loopback, as providers run it.
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

export interface RunningSmtp {
  port: number
  close(): Promise<void>
}

export async function startSmtp(options: SMTPServerOptions, host = '127.0.0.1', port = 0): Promise<RunningSmtp> {
  const server = new SMTPServer({ logger: false, disableReverseLookup: true, authMethods: ['PLAIN', 'LOGIN'], onAuth: (_a, _s, cb) => cb(new Error('no accounts here')), ...options })
  // A client that aborts its TLS handshake is an expected event in these tests, not a crash.
  server.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
