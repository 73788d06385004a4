// The lab's SMTP listeners (smtp-server) and the TLS listener that stands in for HTTPS on 443.
import { readFileSync } from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import type { ServerConfig, SmtpServerConfig } from './config'
import type { Closable } from './dns-server'

const IDLE_DEADLINE_MS = 15_000
const TLS_HANDSHAKE_DEADLINE_MS = 5_000

function loadPair(pair: { key: string; cert: string }): { key: Buffer; cert: Buffer } {
  return { key: readFileSync(pair.key), cert: readFileSync(pair.cert) }
}

function listen(server: net.Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, address, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function smtpOptions(cfg: SmtpServerConfig): SMTPServerOptions {
  const disabled = [
    // An MX or the ISP relay offers no AUTH to strangers; submission always does.
    ...(cfg.submission ? [] : ['AUTH']),
    ...(cfg.tls === 'none' ? ['STARTTLS'] : []),
  ]
  return {
    ...(cfg.cert ? loadPair(cfg.cert) : {}),
    name: cfg.name,
    banner: cfg.banner,
    secure: cfg.tls === 'implicit',
    disabledCommands: disabled,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !cfg.submission,
    // Without this smtp-server reverse-resolves every client through the namespace's resolver
    // before greeting, which would put a DNS round trip into every measured banner time.
    disableReverseLookup: true,
    socketTimeout: IDLE_DEADLINE_MS,
    closeTimeout: 500,
    logger: false,
    onAuth: (_auth, _session, callback) => {
      callback(new Error('the lab has no accounts'))
    },
    onData: (stream, _session, callback) => {
      // Accept and discard: the lab is never a real mail store.
      stream.resume()
      stream.on('end', () => callback(null))
    },
  }
}

export async function startSmtp(cfg: SmtpServerConfig): Promise<Closable> {
  const server = new SMTPServer(smtpOptions(cfg))
  // A probe that hangs up mid-handshake is normal here, not a reason to crash the lab.
  server.on('error', () => {})
  await listen(server.server, cfg.port, cfg.address)
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

type HttpsConfig = ServerConfig['https'][number]

/** Completes a TLS handshake and answers any request with 204; a bare TCP connect also works. */
export async function startHttps(cfg: HttpsConfig): Promise<Closable> {
  const server = tls.createServer({ ...loadPair(cfg.cert), handshakeTimeout: TLS_HANDSHAKE_DEADLINE_MS }, (socket) => {
    socket.on('error', () => {})
    socket.setTimeout(IDLE_DEADLINE_MS, () => socket.destroy())
    socket.once('data', () => socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'))
  })
  server.on('tlsClientError', () => {})
  return listenTracked(server, cfg.port, cfg.address)
}

/** Listens; closing also destroys the connections still open, so a held one cannot stall it. */
async function listenTracked(server: net.Server, port: number, address: string): Promise<Closable> {
  const open = new Set<net.Socket>()
  server.on('connection', (s: net.Socket) => {
    open.add(s)
    s.on('close', () => open.delete(s))
  })
  server.on('error', () => {})
  await listen(server, port, address)
  return {
    close: () =>
      new Promise<void>((resolve) => {
        open.forEach((s) => s.destroy())
        server.close(() => resolve())
      }),
  }
}

type TarpitConfig = ServerConfig['tarpits'][number]

/**
 * Takes every connection and says nothing for greetAfterMs, then greets and closes: what a
 * filtering proxy, an antivirus mail shield or a tarpit on port 25 looks like from the client.
 */
export function startTarpit(cfg: TarpitConfig): Promise<Closable> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    const timer = setTimeout(() => socket.end(`220 ${cfg.name} ESMTP\r\n`), cfg.greetAfterMs)
    socket.on('close', () => clearTimeout(timer))
  })
  return listenTracked(server, cfg.port, cfg.address)
}
