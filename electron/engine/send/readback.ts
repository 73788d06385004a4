// Read-back over IMAP with imapflow: sign in to the incoming server, look for the test message's
// token until it arrives (or the wait ends), report where and when it arrived, and delete it only
// if the person asked. Every imapflow call races a deadline scope; on expiry or cancel the client
// is closed, so no socket or timer outlives the read-back.
import tls from 'node:tls'
import { ImapFlow } from 'imapflow'
import type { SocketSecurity, TlsSummary } from '@shared/model'
import type { ReadBackOutcome } from '@shared/send'
import { abortReason, sleep, withScope } from '../deadline'
import { signInTls, summariseCertificate } from '../net/tls'
import type { CredentialsProvider } from './credentials'
import { ImapWatch, ReadBackError } from './imap-watch'
import type { Stages } from './stages'

export interface ImapTimeouts {
  /** TCP, TLS, greeting, STARTTLS, sign-in: imapflow's connect() as one wall-clock budget. */
  connect: number
  /** imapflow's own greeting wait, shorter than `connect` so a plaintext-on-TLS mistake is named. */
  greeting: number
  /** The tagged answer to STARTTLS (imapflow would wait for it as long as `connect`). */
  starttls: number
  /** Each command (LIST, SELECT, SEARCH, FETCH, STORE/EXPUNGE). */
  command: number
  logout: number
}

export const defaultImapTimeouts: ImapTimeouts = { connect: 30_000, greeting: 12_000, starttls: 10_000, command: 20_000, logout: 3_000 }

export { ReadBackError }

export interface ReadBackOptions {
  host: string
  address: string
  port: number
  socket: SocketSecurity
  ca?: string[]
  credentials: CredentialsProvider
  allowPlaintextAuth: boolean
  token: string
  /** performance.now() when the server accepted the message. */
  sentAt: number
  /** How long to wait for the message to arrive. */
  waitMs: number
  pollMs: number
  deleteAfter: boolean
  timeouts: ImapTimeouts
  signal: AbortSignal
  stages: Stages
  /** Filled in as soon as known, so a later failure still reports what was seen. */
  outcome: ReadBackOutcome
}

const isNamed = (host: string): boolean => !/^[\d.]+$/.test(host) && !host.includes(':')

/** Settle with `work`, or close the client and reject when the scope aborts first. */
function guarded<T>(client: ImapFlow, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(abortReason(signal))
      client.close()
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work().then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

function tlsOf(client: ImapFlow, host: string, ca: string[] | undefined): TlsSummary | null {
  // imapflow keeps the socket on `socket` (public in its typings as a net.Socket | tls.TLSSocket).
  const socket = (client as unknown as { socket?: unknown }).socket
  if (!(socket instanceof tls.TLSSocket)) return null
  const cipher = socket.getCipher()
  return { protocol: socket.getProtocol() ?? null, cipher: cipher?.standardName ?? cipher?.name ?? null, servername: host, certificate: summariseCertificate(socket, ca) }
}

export async function readBack(options: ReadBackOptions): Promise<void> {
  const { stages, timeouts, outcome, credentials, signal } = options
  // imapflow signs in inside connect(), so a plain connection is refused before it is opened.
  if (options.socket === 'plain' && !options.allowPlaintextAuth) {
    await stages.run('imap', 'imap-connect', () => Promise.reject(new ReadBackError('refusing to send credentials over an unencrypted connection', 'CLEARPORT_PLAINTEXT')))
  }
  const auth =
    credentials.kind === 'password'
      ? { user: credentials.user, pass: credentials.password() }
      : { user: credentials.user, accessToken: await credentials.accessToken(false, signal) }
  // The watch reads imapflow's protocol log and may close the client (called only after both exist).
  const watch = new ImapWatch({ secure: options.socket === 'SSL', starttlsMs: timeouts.starttls, close: () => client.close() })
  const client = new ImapFlow({
    host: options.address,
    port: options.port,
    secure: options.socket === 'SSL',
    ...(isNamed(options.host) && { servername: options.host }),
    // STARTTLS endpoints must upgrade before LOGIN; a plain one (allowed above) never does.
    doSTARTTLS: options.socket === 'STARTTLS' ? true : options.socket === 'plain' ? false : undefined,
    tls: signInTls(options.host, options.ca, isNamed(options.host) ? options.host : undefined),
    auth,
    logger: watch.logger,
    disableAutoIdle: true,
    clientInfo: { name: 'ClearPort' },
    connectionTimeout: timeouts.connect,
    greetingTimeout: Math.min(timeouts.greeting, timeouts.connect),
    socketTimeout: Math.max(timeouts.command * 2, 30_000),
    // We read a SEARCH answer and one envelope: bound what a hostile server can make us hold.
    maxLineLength: 1_048_576,
    maxLiteralSize: 1_048_576,
    maxResponseSize: 4_194_304,
  })
  // imapflow emits 'error' for socket failures; without a listener the process would crash.
  client.on('error', () => {})
  const step = <T>(name: string, ms: number, work: () => Promise<T>): Promise<T> =>
    withScope(signal, ms, name, (s) => guarded(client, s, work))
  try {
    await stages.run(
      'imap',
      'imap-connect',
      () =>
        step('imap-connect', timeouts.connect, () =>
          client.connect().then(
            () => {
              if (watch.refusal) throw watch.refusal
            },
            (error: unknown) => {
              throw watch.refusal ?? error
            },
          ),
        ),
      () => {
        outcome.tls = tlsOf(client, options.host, options.ca)
        return `signed in${outcome.tls ? ` over ${outcome.tls.protocol ?? 'TLS'}` : ' without TLS'}`
      },
    )
    outcome.connectedAddress = options.address
    const mailboxes = await step('imap-list', timeouts.command, async () => {
      const list = await client.list()
      // Where a filter may have put it: the spam folder is worth saying; "All Mail" (Gmail)
      // holds a message sent to oneself that never shows in the Inbox.
      const junk = list.filter((m) => m.specialUse === '\\Junk').map((m) => m.path)
      const all = list.filter((m) => m.specialUse === '\\All').map((m) => m.path)
      return ['INBOX', ...junk, ...all]
    })
    const found = await stages.run(
      'imap',
      'imap-search',
      async () => {
        const waitUntil = performance.now() + options.waitMs
        for (;;) {
          for (const path of mailboxes) {
            const uids = await step('imap-search', timeouts.command, async () => {
              await client.mailboxOpen(path)
              return client.search({ subject: options.token }, { uid: true })
            })
            const uid = Array.isArray(uids) ? uids[0] : undefined
            if (uid !== undefined) return { path, uid, at: performance.now() }
          }
          if (performance.now() >= waitUntil) {
            throw new ReadBackError(`the message with token ${options.token} did not arrive within ${options.waitMs} ms`, 'CLEARPORT_NOT_DELIVERED')
          }
          await sleep(options.pollMs, signal)
        }
      },
      (f) => `found in ${f.path} (UID ${f.uid})`,
    )
    outcome.arrived = true
    outcome.mailbox = found.path
    outcome.uid = found.uid
    outcome.deliveryMs = Math.max(0, Math.round(found.at - options.sentAt))
    if (options.deleteAfter) {
      // The found mailbox is the one open now only if it was the last searched: open it again.
      outcome.deleted = await stages.run(
        'imap',
        'imap-delete',
        () =>
          step('imap-delete', timeouts.command, async () => {
            await client.mailboxOpen(found.path)
            return client.messageDelete(String(found.uid), { uid: true })
          }),
        (deleted) => (deleted ? `deleted UID ${found.uid}` : 'the server did not delete it'),
      )
    }
    await stages
      .run('imap', 'imap-logout', () => step('imap-logout', timeouts.logout, () => client.logout()))
      .catch(() => {
        // A logout that fails changes nothing about what was proven; the client is closed below.
      })
  } finally {
    watch.dispose()
    client.close()
  }
}
