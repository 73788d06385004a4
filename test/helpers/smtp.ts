// The tests' one SMTP server: smtp-server on loopback, as providers run it. Options give every
// kind the tests need — STARTTLS, implicit TLS or plaintext; the test account, no accounts, or no
// AUTH at all (an MX); a name and banner; delivery into a Maildir — and raw smtp-server options
// last, for scripted refusals. It records what it received and every AUTH (mechanism, and whether
// TLS was up), so tests can prove what was — and was not — sent.
import type { SendEndpoint } from '@shared/send'
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server'
import type { KeyCert } from './pki'
import { acceptTestAccount } from './test-account'

export type ListenerKind = 'starttls' | 'ssl' | 'plain'

export interface Received {
  from: string
  to: string[]
  raw: string
  user: string | null
}

export interface SmtpSetup {
  /** starttls (default): STARTTLS offered; ssl: TLS from the first byte; plain: no TLS, AUTH allowed in the clear. */
  kind?: ListenerKind
  keyCert?: KeyCert
  /** The loopback address to listen on (default 127.0.0.1). */
  address?: string
  /** Default: a free port. */
  port?: number
  /** Host name in the greeting and EHLO reply. */
  name?: string
  /** Text after "ESMTP" in the greeting. */
  banner?: string
  /** test: the test account signs in; none (default): every login refused; no-auth: AUTH not offered (an MX). */
  accounts?: 'test' | 'none' | 'no-auth'
  /** Called with each accepted message (e.g. to deliver it into a Maildir). */
  deliver?: (message: Received) => Promise<void> | void
  /** Raw smtp-server options, applied last (scripted rejections via its callbacks). */
  options?: Partial<SMTPServerOptions>
}

export interface RunningSmtp {
  port: number
  endpoint: SendEndpoint
  received: Received[]
  /** Sessions that reached AUTH: which mechanism, and whether TLS was up at that moment. */
  auths: { method: string; secure: boolean }[]
  close(): Promise<void>
}

const refuseEveryone: NonNullable<SMTPServerOptions['onAuth']> = (_auth, _session, callback) => callback(new Error('no accounts here'))

export async function startSmtp(setup: SmtpSetup = {}): Promise<RunningSmtp> {
  const kind = setup.kind ?? 'starttls'
  const address = setup.address ?? '127.0.0.1'
  const received: Received[] = []
  const auths: RunningSmtp['auths'] = []
  const accounts = setup.accounts ?? 'none'
  const onAuth = setup.options?.onAuth ?? (accounts === 'test' ? acceptTestAccount : refuseEveryone)
  const server = new SMTPServer({
    logger: false,
    name: setup.name,
    banner: setup.banner,
    // No reverse DNS for the client: tests talk to loopback only, and the server's own look-up
    // would put a DNS round trip into every measured greeting.
    disableReverseLookup: true,
    authMethods: accounts === 'test' ? ['PLAIN', 'LOGIN', 'XOAUTH2'] : ['PLAIN', 'LOGIN'],
    authOptional: accounts === 'no-auth',
    secure: kind === 'ssl',
    ...(kind !== 'plain' && setup.keyCert ? { key: setup.keyCert.key, cert: setup.keyCert.cert } : {}),
    disabledCommands: [...(kind === 'plain' ? ['STARTTLS'] : []), ...(accounts === 'no-auth' ? ['AUTH'] : [])],
    allowInsecureAuth: kind === 'plain',
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
    onAuth(auth, session, callback) {
      auths.push({ method: auth.method, secure: session.secure })
      onAuth(auth, session, callback)
    },
  })
  // A client that aborts its TLS handshake (certificate tests, probes) is expected, not a crash.
  server.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(setup.port ?? 0, address, () => {
      server.server.off('error', reject)
      resolve()
    })
  })
  const port = (server.server.address() as import('node:net').AddressInfo).port
  return {
    port,
    endpoint: { host: address, port, socket: kind === 'ssl' ? 'SSL' : kind === 'starttls' ? 'STARTTLS' : 'plain' },
    received,
    auths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
