// Fixtures for the sign-in and test-send tests: one test account, a canary password and token
// that every output is scanned for, real smtp-server listeners (STARTTLS, implicit TLS, plain)
// with AUTH PLAIN/LOGIN/XOAUTH2, and requests built from the shared types.
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server'
import type { SendEndpoint, SendRequest } from '@shared/send'
import type { KeyCert } from './pki'

export const USER = 'alice@example.test'
/** A password no output may ever contain (tests scan stdout, stderr, JSON, transcripts, files). */
export const CANARY_PASSWORD = 'Canary-pw-7f3e9b2c-X!'
export const CANARY_TOKEN = 'ya29.canary-token-5d1c0a77e3'

export type ListenerKind = 'starttls' | 'ssl' | 'plain'

export interface Received {
  from: string
  to: string[]
  raw: string
  user: string | null
}

export interface MailServer {
  port: number
  endpoint: SendEndpoint
  received: Received[]
  /** Sessions that reached AUTH: which mechanism, and whether TLS was up at that moment. */
  auths: { method: string; secure: boolean }[]
  close(): Promise<void>
}

/** smtp-server's onAuth for the test account: password or XOAUTH2 token. */
export function acceptTestAccount(auths: MailServer['auths']): NonNullable<SMTPServerOptions['onAuth']> {
  return (auth, session, callback) => {
    auths.push({ method: auth.method, secure: session.secure })
    const ok =
      auth.username === USER &&
      (auth.method === 'XOAUTH2' ? auth.accessToken === CANARY_TOKEN : auth.password === CANARY_PASSWORD)
    if (ok) return callback(null, { user: USER })
    if (auth.method === 'XOAUTH2') {
      // RFC 7628-style challenge; smtp-server then waits for the client's empty line and fails.
      return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } })
    }
    const error = Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 })
    return callback(error)
  }
}

export interface ServerOptions {
  kind: ListenerKind
  keyCert?: KeyCert
  /** Extra smtp-server options (scripted rejections via its callbacks). */
  options?: Partial<SMTPServerOptions>
  /** Called with each accepted message (e.g. to deliver it into a Maildir). */
  deliver?: (message: Received) => Promise<void> | void
  /** The loopback address to listen on (default 127.0.0.1). */
  address?: string
}

export async function startMailServer(setup: ServerOptions): Promise<MailServer> {
  const received: Received[] = []
  const auths: MailServer['auths'] = []
  const tls = setup.kind === 'plain' ? {} : { key: setup.keyCert?.key, cert: setup.keyCert?.cert }
  const server = new SMTPServer({
    logger: false,
    name: 'mx.example.test',
    // No reverse DNS for the client: tests talk to loopback only, never to a resolver.
    disableReverseLookup: true,
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    secure: setup.kind === 'ssl',
    ...tls,
    ...(setup.kind === 'plain' && { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
    onAuth: acceptTestAccount(auths),
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const message: Received = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : null,
        }
        received.push(message)
        Promise.resolve(setup.deliver?.(message)).then(
          () => callback(null, 'Ok: queued as CP1'),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        )
      })
    },
    ...setup.options,
  })
  // A client that aborts its TLS handshake (certificate tests) is expected, not a crash.
  server.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(0, setup.address ?? '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  const socket = setup.kind === 'ssl' ? 'SSL' : setup.kind === 'starttls' ? 'STARTTLS' : 'plain'
  return {
    port,
    endpoint: { host: setup.address ?? '127.0.0.1', port, socket },
    received,
    auths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export function makeRequest(smtp: SendEndpoint, overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    address: USER,
    smtp,
    imap: null,
    username: USER,
    auth: 'password',
    mechanism: null,
    to: USER,
    mode: 'check',
    readBack: false,
    deleteAfter: false,
    allowPlaintextAuth: false,
    ...overrides,
  }
}

/** The error smtp-server sends for a callback error with this code and text. */
export function reply(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code })
}
