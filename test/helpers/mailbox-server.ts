// A minimal IMAP or POP3 server on loopback for capability probes: greeting, CAPABILITY / CAPA,
// STARTTLS / STLS with real TLS, LOGOUT / QUIT. It never accepts a login. Options make it behave
// like the servers a client meets: implicit TLS, STARTTLS, plaintext only, injection after the
// STARTTLS reply, silence. (Dovecot covers a production IMAP server in mailbox-dovecot.test.ts.)
import net from 'node:net'
import tls from 'node:tls'
import type { KeyCert } from './pki'

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

export interface RunningMailbox {
  port: number
  /** Commands received, in order (pre- and post-TLS). */
  commands: string[]
  close(): Promise<void>
}

export async function startMailboxServer(options: MailboxServerOptions): Promise<RunningMailbox> {
  const sockets = new Set<net.Socket>()
  const commands: string[] = []
  const track = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  }
  const imapCaps = (secure: boolean): string =>
    secure ? 'IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2' : `IMAP4rev1${options.tls === 'starttls' ? ' STARTTLS' : ''} LOGINDISABLED`
  const popCaps = (secure: boolean): string[] => (secure ? ['USER', 'SASL PLAIN XOAUTH2', 'IMPLEMENTATION test'] : ['TOP', ...(options.tls === 'starttls' ? ['STLS'] : [])])

  const converse = (socket: net.Socket, secure: boolean): void => {
    track(socket)
    let buffer = ''
    const send = (text: string): void => void socket.write(text)
    send(options.protocol === 'imap' ? '* OK test IMAP ready\r\n' : '+OK test POP3 ready\r\n')
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('latin1')
      let index
      while ((index = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, index).replace(/\r$/, '')
        buffer = buffer.slice(index + 1)
        commands.push(line)
        if (options.protocol === 'imap') {
          const [tag = '*', verb = ''] = line.split(' ')
          const v = verb.toUpperCase()
          if (v === 'CAPABILITY') send(`* CAPABILITY ${imapCaps(secure)}\r\n${tag} OK done\r\n`)
          else if (v === 'STARTTLS' && !secure && options.tls === 'starttls') {
            send(`${tag} OK begin TLS\r\n${options.injectAfterStartTls ?? ''}`)
            return upgrade(socket, onData)
          } else if (v === 'LOGOUT') {
            send(`* BYE bye\r\n${tag} OK done\r\n`)
            socket.end()
          } else send(`${tag} BAD not here\r\n`)
        } else {
          const v = line.split(' ')[0]?.toUpperCase() ?? ''
          if (v === 'CAPA') send(`+OK\r\n${popCaps(secure).join('\r\n')}\r\n.\r\n`)
          else if (v === 'STLS' && !secure && options.tls === 'starttls') {
            send(`+OK begin TLS\r\n${options.injectAfterStartTls ?? ''}`)
            return upgrade(socket, onData)
          } else if (v === 'QUIT') {
            send('+OK bye\r\n')
            socket.end()
          } else send('-ERR not here\r\n')
        }
      }
    }
    socket.on('data', onData)
  }
  const upgrade = (socket: net.Socket, onData: (chunk: Buffer) => void): void => {
    socket.removeListener('data', onData)
    const secure = new tls.TLSSocket(socket, { isServer: true, key: options.cert?.key, cert: options.cert?.cert })
    secure.on('error', () => {})
    secure.once('secure', () => {
      // The post-TLS session starts without a greeting (RFC 2595 §3.1).
      track(secure)
      let buffer = ''
      const send = (text: string): void => void secure.write(text)
      secure.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('latin1')
        let index
        while ((index = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, index).replace(/\r$/, '')
          buffer = buffer.slice(index + 1)
          commands.push(`[tls] ${line}`)
          if (options.protocol === 'imap') {
            const [tag = '*', verb = ''] = line.split(' ')
            if (verb.toUpperCase() === 'CAPABILITY') send(`* CAPABILITY ${imapCaps(true)}\r\n${tag} OK done\r\n`)
            else if (verb.toUpperCase() === 'LOGOUT') {
              send(`* BYE bye\r\n${tag} OK done\r\n`)
              secure.end()
            } else send(`${tag} BAD not here\r\n`)
          } else {
            const v = line.split(' ')[0]?.toUpperCase() ?? ''
            if (v === 'CAPA') send(`+OK\r\n${popCaps(true).join('\r\n')}\r\n.\r\n`)
            else if (v === 'QUIT') {
              send('+OK bye\r\n')
              secure.end()
            } else send('-ERR not here\r\n')
          }
        }
      })
    })
  }

  const server =
    options.tls === 'implicit'
      ? tls.createServer({ key: options.cert?.key, cert: options.cert?.cert }, (socket) => (options.silent ? track(socket) : converse(socket, true)))
      : net.createServer((socket) => (options.silent ? track(socket) : converse(socket, false)))
  server.on('tlsClientError', () => {})
  server.on('error', () => {})
  if (options.tls === 'implicit') server.on('connection', track)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.address, () => resolve())
  })
  return {
    port: (server.address() as net.AddressInfo).port,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
