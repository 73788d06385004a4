// A loopback world for discovery tests and the benchmark: a real DNS server (dns2) for `.test`
// names pointing at distinct 127.0.0.x addresses, HTTPS/HTTP servers with a test CA serving
// autoconfig, ISPDB and Autodiscover documents (some hostile), and SMTP / IMAP / POP3 servers.
// Standard ports are remapped to free ports through a port map, so nothing needs root.
import net from 'node:net'
import type http from 'node:http'
import { parseCatalog, type Catalog } from '@shared/providers/catalog'
import { startDns, type DnsZone } from './dns-server'
import { startHttpServer, type RunningHttp } from './https-server'
import { startMailboxServer } from './mailbox-server'
import { makeNamedPki, type KeyCert } from './pki'
import { startSmtp } from './smtp'
import { freePort } from './ports'
import { listenTracked } from './tcp-server'

export const WEB = '127.0.0.30'
const A = {
  srvAuto: '127.0.0.11',
  mxOnly: '127.0.0.12',
  hoster: '127.0.0.13',
  wild: '127.0.0.14',
  dead: '127.0.0.15',
  disagree: '127.0.0.16',
  good: '127.0.0.20',
  exch: '127.0.0.21',
  plain: '127.0.0.22',
  silent: '127.0.0.23',
}

/** Domains whose autoconfig document is hostile; each also has working SRV records. */
export const HOSTILE = ['xxe', 'laughs', 'huge', 'ctype', 'badvalues', 'loop', 'silent'] as const

export interface DiscoveryLab {
  dnsServer: string
  ca: string
  portMap: Record<string, number>
  ispdbBaseUrl: string
  catalog: Catalog
  https: RunningHttp
  http: RunningHttp
  /** Bytes the 50 MB document handler managed to write before the client hung up. */
  hugeBytesWritten(): number
  close(): Promise<void>
}

type Server = [protocol: 'imap' | 'pop3' | 'smtp', host: string, port: number, socket: 'SSL' | 'STARTTLS' | 'plain', username?: string]

function autodiscoverRedirect(action: 'redirectAddr' | 'redirectUrl', target: string): string {
  const element = action === 'redirectAddr' ? 'RedirectAddr' : 'RedirectUrl'
  return `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"><Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"><Account><AccountType>email</AccountType><Action>${action}</Action><${element}>${target}</${element}></Account></Response></Autodiscover>`
}

export function clientConfig(servers: Server[]): string {
  const entry = ([protocol, host, port, socket, username = '%EMAILADDRESS%']: Server): string => {
    const tag = protocol === 'smtp' ? 'outgoingServer' : 'incomingServer'
    return `<${tag} type="${protocol}"><hostname>${host}</hostname><port>${port}</port><socketType>${socket}</socketType><authentication>password-cleartext</authentication><username>${username}</username></${tag}>`
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1"><emailProvider id="lab.test"><domain>lab.test</domain><displayName>Lab Mail</displayName>${servers.map(entry).join('')}</emailProvider></clientConfig>`
}

const AUTODISCOVER_RESPONSE = `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account><AccountType>email</AccountType><Action>settings</Action>
      <Protocol><Type>IMAP</Type><Server>mail.exch.test</Server><Port>993</Port><SPA>off</SPA><LoginName>%LOGIN%</LoginName></Protocol>
      <Protocol><Type>SMTP</Type><Server>mail.exch.test</Server><Port>587</Port><Encryption>TLS</Encryption><SPA>off</SPA><AuthRequired>on</AuthRequired></Protocol>
      <Protocol><Type>EXCH</Type><Server>exch.exch.test</Server></Protocol>
    </Account>
  </Response>
</Autodiscover>`

function send(res: http.ServerResponse, status: number, body: string, type = 'text/xml; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type })
  res.end(body)
}

export async function startDiscoveryLab(): Promise<DiscoveryLab> {
  const closers: (() => Promise<void>)[] = []
  try {
    const services = ['443', '80', '465', '587', '2525', '993', '143', '995', '110']
    const portMap: Record<string, number> = {}
    for (const s of services) portMap[s] = await freePort()
    const p = (service: number): number => portMap[String(service)]!

    // Which lab machine answers for which names (the A records, grouped by address).
    const machines: [address: string, names: string[]][] = [
      [A.srvAuto, ['mail.srv-auto.test']],
      [A.mxOnly, ['mail.mxonly.test']],
      [A.hoster, ['imap.hoster.test', 'smtp.hoster.test', 'mx1.hoster.test']],
      [A.dead, ['dead.lies.test']],
      [A.disagree, ['imap.disagree.test', 'mail.disagree.test']],
      // mail.elsewhere.test: a host nobody vouches for, named only by the SRV records of foreign.test.
      [A.good, ['mail.good.test', 'mail.elsewhere.test']],
      [A.exch, ['mail.exch.test']],
      [A.plain, ['imap.plain.test']],
      [A.silent, ['mail.slow.test']],
      [WEB, ['ispdb.test', 'autodiscover.exch.test', 'autodiscover.auth401.test', 'ad.hosting.test', 'autodiscover.redir-addr.test', 'autodiscover.redir-url.test', 'autodiscover.redir-loop.test']],
      // Shared hosting: every name under wild.test (and the bare domain) is one machine.
      [A.wild, ['wild.test', '*.wild.test']],
    ]
    const a: Record<string, string[]> = Object.fromEntries(machines.flatMap(([address, names]) => names.map((name) => [name, [address]])))
    for (const d of ['srv-auto', 'lies', 'disagree', 'httponly', 'slow', ...HOSTILE]) a[`autoconfig.${d}.test`] = [WEB]
    // The SRV records each domain publishes, as "service target:port[ priority]" (RFC 6186; "." is "not offered").
    const published: Record<string, string[]> = {
      'srv-auto.test': ['submission mail.srv-auto.test:587', 'imaps mail.srv-auto.test:993', 'pop3s .:0'],
      'disagree.test': ['imaps mail.disagree.test:993', 'submission mail.disagree.test:587'],
      'plain.test': ['imap imap.plain.test:143', 'submissions mail.good.test:465'],
      'auth401.test': ['submissions mail.good.test:465'],
      // Autodiscover found only through SRV, hosted under another name (as hosting companies do).
      'adsrv.test': ['autodiscover ad.hosting.test:443'],
      // IDN: bücher.test in punycode.
      'xn--bcher-kva.test': ['submissions mail.good.test:465', 'imaps mail.good.test:993'],
      // SRV naming a host outside the domain and outside every known provider (RFC 6186 §6).
      'foreign.test': ['submissions mail.elsewhere.test:465', 'imaps mail.elsewhere.test:993'],
      // The benchmark's "dropped" domain: silent servers ranked first, working ones behind them.
      'slow.test': ['submissions mail.slow.test:465 0', 'submissions mail.good.test:465 10', 'imaps mail.slow.test:993 0', 'imaps mail.good.test:993 10'],
      // Each hostile autoconfig domain also has working SRV records.
      ...Object.fromEntries(HOSTILE.map((d) => [`${d}.test`, ['submissions mail.good.test:465', 'imaps mail.good.test:993']])),
    }
    const srv: DnsZone['srv'] = {}
    for (const [domain, records] of Object.entries(published)) {
      for (const record of records) {
        const [service, at = '', priority] = record.split(' ')
        const [target = '', port = '0'] = at.split(':')
        ;(srv[`_${service}._tcp.${domain}`] ??= []).push({ target, port: Number(port), ...(priority === undefined ? {} : { priority: Number(priority) }) })
      }
    }
    const zone: DnsZone = {
      a,
      mx: {
        'srv-auto.test': [{ exchange: 'mail.srv-auto.test', priority: 10 }],
        'mxonly.test': [{ exchange: 'mx.mxonly.test', priority: 10 }],
        'custom.test': [{ exchange: 'mx1.hoster.test', priority: 10 }],
        'wild.test': [{ exchange: 'mail.wild.test', priority: 10 }],
      },
      srv,
    }
    const dns = await startDns(zone)
    closers.push(() => dns.close())

    // The hosting machine's certificate names the domain and every name under it, as hosters' do.
    const names = Object.keys(a).concat(['localhost'])
    const pki = await makeNamedPki(names)
    const cert: KeyCert = pki.leaf

    let hugeWritten = 0
    const route = (secure: boolean) => (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
      const host = String(req.headers.host ?? '').replace(/:\d+$/, '')
      const path = req.url ?? ''
      if (!secure) {
        if (host === 'autoconfig.httponly.test') return send(res, 200, clientConfig([['imap', 'mail.good.test', 993, 'SSL']]))
        return send(res, 404, 'no', 'text/plain')
      }
      if (host === 'ispdb.test') {
        if (path === '/v1.1/ispdb-only.test') return send(res, 200, clientConfig([['imap', 'mail.good.test', 993, 'SSL'], ['smtp', 'mail.good.test', 465, 'SSL']]))
        return send(res, 404, 'no', 'text/plain')
      }
      // Autodiscover redirects: by address to exch.test, by URL to exch.test's server, and a loop.
      if (host === 'autodiscover.redir-addr.test' && req.method === 'POST') return send(res, 200, autodiscoverRedirect('redirectAddr', 'moved@exch.test'))
      if (host === 'autodiscover.redir-url.test' && req.method === 'POST') {
        return send(res, 200, autodiscoverRedirect('redirectUrl', 'https://autodiscover.exch.test/autodiscover/autodiscover.xml'))
      }
      if (host === 'autodiscover.redir-loop.test' && req.method === 'POST') {
        return send(res, 200, autodiscoverRedirect('redirectUrl', `https://autodiscover.redir-loop.test/autodiscover/autodiscover.xml?hop=${Math.random()}`))
      }
      if ((host === 'autodiscover.exch.test' || host === 'ad.hosting.test') && req.method === 'POST') {
        const address = /<EMailAddress>([^<]*)<\/EMailAddress>/.exec(body)?.[1] ?? ''
        return send(res, 200, AUTODISCOVER_RESPONSE.replace('%LOGIN%', address))
      }
      if (host === 'autodiscover.auth401.test') {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="exchange"', 'Content-Type': 'text/plain' })
        return void res.end('credentials please')
      }
      if (!path.startsWith('/mail/config-v1.1.xml')) return send(res, 404, 'no', 'text/plain')
      switch (host) {
        case 'autoconfig.srv-auto.test':
          return send(res, 200, clientConfig([['imap', 'mail.srv-auto.test', 993, 'SSL'], ['smtp', 'mail.srv-auto.test', 465, 'SSL'], ['smtp', 'mail.srv-auto.test', 587, 'STARTTLS']]))
        case 'autoconfig.lies.test':
          return send(res, 200, clientConfig([['imap', 'dead.lies.test', 993, 'SSL'], ['smtp', 'dead.lies.test', 465, 'SSL']]))
        case 'autoconfig.disagree.test':
          return send(res, 200, clientConfig([['imap', 'imap.disagree.test', 993, 'SSL', '%EMAILLOCALPART%'], ['smtp', 'mail.disagree.test', 587, 'SSL']]))
        case 'autoconfig.slow.test':
          return send(res, 200, clientConfig([['imap', 'mail.slow.test', 993, 'SSL'], ['smtp', 'mail.slow.test', 465, 'SSL'], ['imap', 'mail.good.test', 993, 'SSL'], ['smtp', 'mail.good.test', 465, 'SSL']]))
        case 'autoconfig.xxe.test':
          return send(res, 200, `<?xml version="1.0"?>\n<!DOCTYPE clientConfig [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<clientConfig version="1.1"><emailProvider id="x"><incomingServer type="imap"><hostname>&xxe;</hostname><port>993</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>`)
        case 'autoconfig.laughs.test': {
          const ents = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('')
          return send(res, 200, `<?xml version="1.0"?><!DOCTYPE lolz [${ents}]><clientConfig version="1.1"><emailProvider id="x"><displayName>&lol9;</displayName></emailProvider></clientConfig>`)
        }
        case 'autoconfig.huge.test': {
          // 50 MB of XML, streamed without a Content-Length: the client must stop reading early.
          res.writeHead(200, { 'Content-Type': 'text/xml' })
          const chunk = Buffer.alloc(64 * 1024, 0x20)
          const total = 50 * 1024 * 1024
          res.write('<?xml version="1.0"?><clientConfig version="1.1"><!--')
          const pump = (): void => {
            while (hugeWritten < total) {
              hugeWritten += chunk.length
              if (!res.write(chunk)) return void res.once('drain', pump)
            }
            res.end('--></clientConfig>')
          }
          res.on('error', () => {})
          res.socket?.on('close', () => res.destroy())
          return pump()
        }
        case 'autoconfig.ctype.test':
          return send(res, 200, clientConfig([['imap', 'mail.good.test', 993, 'SSL']]), 'text/html')
        case 'autoconfig.badvalues.test':
          return send(res, 200, clientConfig([
            ['imap', 'mail host.test', 993, 'SSL'],
            ['imap', 'evil\r\nhost.test', 993, 'SSL'],
            ['smtp', 'mail.good.test', 70000, 'SSL'],
            ['smtp', 'mail.good.test', 0, 'SSL'],
            ['imap', 'mail.good.test', 993, 'TLS' as 'SSL'],
          ]))
        case 'autoconfig.loop.test':
          res.writeHead(302, { Location: path.includes('?again') ? '/mail/config-v1.1.xml' : '/mail/config-v1.1.xml?again' })
          return void res.end()
        case 'autoconfig.silent.test':
          return // never answers
        default:
          return send(res, 404, 'no', 'text/plain')
      }
    }
    const https = await startHttpServer({ address: WEB, port: p(443), tls: cert, handler: route(true) })
    closers.push(() => https.close())
    // The hosting machine's own web server: every autoconfig or Autodiscover URL is its "not found" page.
    for (const wildWeb of [
      await startHttpServer({ address: A.wild, port: p(443), tls: cert, handler: (_q, res) => send(res, 404, '<html><body>Page not found</body></html>', 'text/html') }),
      await startHttpServer({ address: A.wild, port: p(80), handler: (_q, res) => send(res, 404, '<html><body>Page not found</body></html>', 'text/html') }),
    ]) closers.push(() => wildWeb.close())
    const http = await startHttpServer({ address: WEB, port: p(80), handler: route(false) })
    closers.push(() => http.close())

    const smtp = async (address: string, port: number, mode: 'implicit' | 'starttls'): Promise<void> => {
      const s = await startSmtp({ kind: mode === 'implicit' ? 'ssl' : 'starttls', keyCert: cert, name: address, address, port: p(port) })
      closers.push(() => s.close())
    }
    const mailbox = async (protocol: 'imap' | 'pop3', address: string, port: number, tls: 'implicit' | 'starttls' | 'none', silent = false): Promise<void> => {
      const s = await startMailboxServer({ protocol, address, port: p(port), tls, cert, silent })
      closers.push(() => s.close())
    }
    const silentTcp = async (address: string, port: number): Promise<void> => {
      // Takes the connection and never speaks.
      const s = await listenTracked(net.createServer(), address, p(port))
      closers.push(() => s.close())
    }
    await Promise.all([
      smtp(A.srvAuto, 465, 'implicit'), smtp(A.srvAuto, 587, 'starttls'), mailbox('imap', A.srvAuto, 993, 'implicit'),
      smtp(A.mxOnly, 587, 'starttls'), mailbox('imap', A.mxOnly, 143, 'starttls'), mailbox('pop3', A.mxOnly, 110, 'starttls'),
      mailbox('imap', A.hoster, 993, 'implicit'), smtp(A.hoster, 465, 'implicit'),
      mailbox('imap', A.disagree, 993, 'implicit'), smtp(A.disagree, 587, 'starttls'),
      smtp(A.good, 465, 'implicit'), mailbox('imap', A.good, 993, 'implicit'),
      mailbox('imap', A.exch, 993, 'implicit'), smtp(A.exch, 587, 'starttls'),
      mailbox('imap', A.plain, 143, 'none'),
      silentTcp(A.silent, 465), silentTcp(A.silent, 993),
      // One hosting machine serving every mail port (but 2525) for every name.
      smtp(A.wild, 465, 'implicit'), smtp(A.wild, 587, 'starttls'),
      mailbox('imap', A.wild, 993, 'implicit'), mailbox('imap', A.wild, 143, 'starttls'),
      mailbox('pop3', A.wild, 995, 'implicit'), mailbox('pop3', A.wild, 110, 'starttls'),
    ])

    const catalog = parseCatalog({
      version: 1,
      providers: [{
        // A provider ClearPort knows, like Fastmail: other domains' SRV records may name its servers.
        id: 'good.test',
        name: 'Good Mail',
        domains: ['good.test'],
        mxDomains: [],
        incoming: [{ protocol: 'imap', host: 'mail.good.test', port: 993, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }],
        outgoing: [{ protocol: 'smtp', host: 'mail.good.test', port: 465, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }],
      }, {
        id: 'hoster.test',
        name: 'Hoster',
        domains: ['hoster.test'],
        mxDomains: ['hoster.test'],
        incoming: [{ protocol: 'imap', host: 'imap.hoster.test', port: 993, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }],
        outgoing: [{ protocol: 'smtp', host: 'smtp.hoster.test', port: 465, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }],
      }],
    })
    return {
      dnsServer: dns.server,
      ca: pki.ca,
      portMap,
      ispdbBaseUrl: 'https://ispdb.test/v1.1/',
      catalog,
      https,
      http,
      hugeBytesWritten: () => hugeWritten,
      close: async () => {
        for (const close of closers.reverse()) await close()
      },
    }
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {})
    throw error
  }
}
