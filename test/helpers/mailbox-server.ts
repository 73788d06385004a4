// A minimal IMAP or POP3 server on loopback for capability probes: greeting, CAPABILITY / CAPA,
// STARTTLS / STLS with real TLS, LOGOUT / QUIT. It never accepts a login. Options make it behave
// like the servers a client meets: implicit TLS, STARTTLS, plaintext only, injection after the
// STARTTLS reply, silence. (Dovecot covers a production IMAP server: helpers/dovecot.ts.)
import net from 'node:net'
import tls from 'node:tls'
import type { KeyCert } from './pki'
import { listenTracked, onLines, type TrackedServer } from './tcp-server'

export interface MailboxServerOptions {
  protocol: 'imap' | 'pop3'
  address: string
  port?: number
  /** implicit: TLS from the first byte (993/995); starttls: offered after the greeting; none. */
  tls: 'implicit' | 'starttls' | 'none'
  cert?: KeyCert
  /** Bytes sent in the same segment right after the STARTTLS/STLS "OK" (an injection attack). */
  injectAfterStartTls?: string
  /** Accept and never speak. */
  silent?: boolean
}

export interface RunningMailbox extends TrackedServer {
  /** Commands received, in order (pre- and post-TLS; after STARTTLS prefixed "[tls] "). */
  commands: string[]
}

/** One protocol's replies: the greeting, and the answer to one command line (null: unknown). */
interface Dialect {
  greeting: string
  caps(secure: boolean): string
  upgradeVerb: string
  ok(tag: string, text: string): string
  bad(tag: string): string
  bye(tag: string): string
  quitVerb: string
  capsVerb: string
}

function dialect(options: MailboxServerOptions): Dialect {
  const starttls = options.tls === 'starttls'
  if (options.protocol === 'imap') {
    return {
      greeting: '* OK test IMAP ready\r\n',
      caps: (secure) => `* CAPABILITY ${secure ? 'IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2' : `IMAP4rev1${starttls ? ' STARTTLS' : ''} LOGINDISABLED`}\r\n`,
      capsVerb: 'CAPABILITY', upgradeVerb: 'STARTTLS', quitVerb: 'LOGOUT',
      ok: (tag, text) => `${tag} OK ${text}\r\n`,
      bad: (tag) => `${tag} BAD not here\r\n`,
      bye: (tag) => `* BYE bye\r\n${tag} OK done\r\n`,
    }
  }
  return {
    greeting: '+OK test POP3 ready\r\n',
    caps: (secure) => `+OK\r\n${(secure ? ['USER', 'SASL PLAIN XOAUTH2', 'IMPLEMENTATION test'] : ['TOP', ...(starttls ? ['STLS'] : [])]).join('\r\n')}\r\n.\r\n`,
    capsVerb: 'CAPA', upgradeVerb: 'STLS', quitVerb: 'QUIT',
    ok: (_tag, text) => `+OK ${text}\r\n`,
    bad: () => '-ERR not here\r\n',
    bye: () => '+OK bye\r\n',
  }
}

export async function startMailboxServer(options: MailboxServerOptions): Promise<RunningMailbox> {
  const commands: string[] = []
  const speak = dialect(options)
  const tlsOptions = { key: options.cert?.key, cert: options.cert?.cert }

  const converse = (stream: net.Socket, secure: boolean, upgraded: boolean): void => {
    stream.on('error', () => {})
    // The post-STARTTLS session starts without a greeting (RFC 2595 §3.1).
    if (!upgraded) stream.write(speak.greeting)
    let done = false
    onLines(stream, (line) => {
      if (done) return
      commands.push(upgraded ? `[tls] ${line}` : line)
      const words = line.split(' ')
      // IMAP commands carry a tag first; POP3 commands do not.
      const [tag, verb] = options.protocol === 'imap' ? [words[0] ?? '*', (words[1] ?? '').toUpperCase()] : ['', (words[0] ?? '').toUpperCase()]
      if (verb === speak.capsVerb) stream.write(`${speak.caps(secure)}${options.protocol === 'imap' ? speak.ok(tag, 'done') : ''}`)
      else if (verb === speak.upgradeVerb && !secure && options.tls === 'starttls') {
        done = true
        stream.removeAllListeners('data')
        stream.write(`${speak.ok(tag, 'begin TLS')}${options.injectAfterStartTls ?? ''}`)
        const upgradedSocket = new tls.TLSSocket(stream, { isServer: true, ...tlsOptions })
        upgradedSocket.once('secure', () => converse(upgradedSocket, true, true))
        upgradedSocket.on('error', () => {})
      } else if (verb === speak.quitVerb) stream.end(speak.bye(tag))
      else stream.write(speak.bad(tag))
    })
  }

  const onSocket = (secure: boolean) => (socket: net.Socket): void => {
    if (!options.silent) converse(socket, secure, false)
  }
  const server = options.tls === 'implicit' ? tls.createServer(tlsOptions, onSocket(true)) : net.createServer(onSocket(false))
  const running = await listenTracked(server, options.address, options.port ?? 0)
  return Object.assign(running, { commands })
}
