// The lab's SMTP listeners (the tests' one SMTP server, helpers/smtp.ts, configured from the lab's
// JSON), the TLS listener that stands in for HTTPS on 443, and the port-25 tarpit.
import { readFileSync } from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import { startSmtp as startSmtpServer } from '../helpers/smtp'
import { listenTracked, type Closable } from '../helpers/tcp-server'
import type { ServerConfig, SmtpServerConfig } from './config'

const IDLE_DEADLINE_MS = 15_000
const TLS_HANDSHAKE_DEADLINE_MS = 5_000

function loadPair(pair: { key: string; cert: string }): { key: string; cert: string } {
  return { key: readFileSync(pair.key, 'utf8'), cert: readFileSync(pair.cert, 'utf8') }
}

export function startSmtp(cfg: SmtpServerConfig): Promise<Closable> {
  return startSmtpServer({
    kind: cfg.tls === 'implicit' ? 'ssl' : cfg.tls === 'none' ? 'plain' : 'starttls',
    ...(cfg.cert ? { keyCert: loadPair(cfg.cert) } : {}),
    address: cfg.address,
    port: cfg.port,
    name: cfg.name,
    banner: cfg.banner,
    // An MX or the ISP relay offers no AUTH to strangers; submission always does, and the lab has
    // no accounts.
    accounts: cfg.submission ? 'none' : 'no-auth',
    options: { socketTimeout: IDLE_DEADLINE_MS, closeTimeout: 500 },
  })
}

type HttpsConfig = ServerConfig['https'][number]

/** Completes a TLS handshake and answers any request with 204; a bare TCP connect also works. */
export function startHttps(cfg: HttpsConfig): Promise<Closable> {
  const server = tls.createServer({ ...loadPair(cfg.cert), handshakeTimeout: TLS_HANDSHAKE_DEADLINE_MS }, (socket) => {
    socket.on('error', () => {})
    socket.setTimeout(IDLE_DEADLINE_MS, () => socket.destroy())
    socket.once('data', () => socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'))
  })
  return listenTracked(server, cfg.address, cfg.port)
}

type TarpitConfig = ServerConfig['tarpits'][number]

/**
 * Takes every connection and says nothing for greetAfterMs, then greets and closes: what a
 * filtering proxy, an antivirus mail shield or a tarpit on port 25 looks like from the client.
 */
export function startTarpit(cfg: TarpitConfig): Promise<Closable> {
  const server = net.createServer((socket) => {
    const timer = setTimeout(() => socket.end(`220 ${cfg.name} ESMTP\r\n`), cfg.greetAfterMs)
    socket.on('close', () => clearTimeout(timer))
  })
  return listenTracked(server, cfg.address, cfg.port)
}
