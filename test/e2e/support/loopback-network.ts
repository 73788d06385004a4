// A small mail "internet" on loopback for the end-to-end tests: one DNS server (dns2) that knows
// the `.test` providers, real SMTP servers (smtp-server) as their MX hosts and submission
// servers, and a plain TCP listener standing in for HTTPS. Each provider lives on its own
// 127.0.0.x address, so the engine sees distinct destinations exactly as on the internet; the
// well-known ports are moved to free unprivileged ones through the TargetSet's port maps.
import net from 'node:net'
import tls from 'node:tls'
import dns2 from 'dns2'
import { generate } from 'selfsigned'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import type { DiscoverySource } from '@shared/discovery'
import { parseCatalog, type Catalog } from '@shared/providers/catalog'
import { targetSetSchema, type TargetSet } from '@shared/targets'

/**
 * open: real MX servers answer; refused: nothing listens on 25; silent: 25 accepts and never
 * speaks (and the person's IMAP server too, for the Cancel test); late: 25 accepts and greets only
 * after 30 s (a filtering proxy or tarpit); intercepted: every MX answers with one relay's banner.
 */
export type Port25Mode = 'open' | 'refused' | 'silent' | 'late' | 'intercepted'

interface ProviderSpec {
  provider: string
  domain: string
  address: string
  /** Control ports this provider offers (besides its MX on 25). */
  controls: (587 | 465 | 443 | 2525)[]
  hasMx: boolean
  /** False for the person's own domain: it is probed because of the address, not as a reference. */
  reference: boolean
}

const PROVIDERS: ProviderSpec[] = [
  { provider: 'Provider A', domain: 'provider-a.test', address: '127.0.0.2', controls: [587, 443], hasMx: true, reference: true },
  { provider: 'Provider B', domain: 'provider-b.test', address: '127.0.0.3', controls: [465, 443], hasMx: true, reference: true },
  { provider: 'Provider C', domain: 'provider-c.test', address: '127.0.0.4', controls: [587], hasMx: true, reference: true },
  { provider: 'Relay (2525)', domain: 'relay.test', address: '127.0.0.5', controls: [2525], hasMx: false, reference: true },
  { provider: 'Own domain', domain: 'person-domain.test', address: '127.0.0.6', controls: [], hasMx: true, reference: false },
]

const mxHost = (p: ProviderSpec): string => `mx.${p.domain}`
const controlHost = (p: ProviderSpec, port: number): string => (port === 443 ? `www.${p.domain}` : `smtp.${p.domain}`)

export interface LoopbackNetwork {
  /** "127.0.0.1:PORT" of the DNS server, for the engine's `dnsServer`. */
  dnsServer: string
  targets: TargetSet
  /** The self-signed certificate every server uses, to trust explicitly (never globally). */
  ca: string[]
  /** An address whose domain has its own MX on loopback (not one of the reference providers). */
  personAddress: string
  /** The person's provider for discovery: a catalog entry, SRV records, real servers on 127.0.0.6. */
  discover: {
    portMap: Record<string, number>
    catalog: Catalog
    sources: DiscoverySource[]
    ispdbBaseUrl: null
  }
  /** The one password the person's submission servers accept for `personAddress`. */
  personPassword: string
  /** Resolves when the person's IMAP server first takes a connection (`silent`: then stays mute). */
  imapConnected: Promise<void>
  /** Messages the person's submission servers accepted. */
  received: { from: string; to: string[]; raw: string }[]
  /** Where everything listens, for tests that drop ports (test/helpers/loopback-firewall.ts). */
  layout: {
    addresses: string[] // every provider's address, the person's own included
    personAddress: string
    smtpPort: number // the port 25 stands for
    submissionPorts: number[] // every port standing for 465, 587 or 2525, the references' and the person's
  }
  close(): Promise<void>
}

/** Never a real secret: a canary the tests look for in everything the app shows or saves. */
export const PERSON_PASSWORD = 'e2e-Canary-pw-41c9'
const PERSON_DOMAIN = 'person-domain.test'
const PERSON_ADDRESS = '127.0.0.6'
const PERSON_HOSTS = [`imap.${PERSON_DOMAIN}`, `smtp.${PERSON_DOMAIN}`, `submit.${PERSON_DOMAIN}`]

interface Closable {
  close(): Promise<void>
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}

const closeServer = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()))
/** Closes a listener and ends its open connections (close() alone waits for them to end). */
function tracked(server: net.Server): Closable {
  const open = new Set<net.Socket>()
  server.on('connection', (socket: net.Socket) => {
    open.add(socket)
    socket.on('close', () => open.delete(socket))
  })
  return {
    close: () => {
      for (const socket of open) socket.destroy()
      return closeServer(server)
    },
  }
}

/** A port that nothing listens on right now (a listener on 25 that was "closed" must refuse). */
async function freePort(host: string): Promise<number> {
  const probe = net.createServer()
  const port = await listen(probe, 0, host)
  await closeServer(probe)
  return port
}

/**
 * Starts one kind of listener on every given address, all on the same port (the TargetSet maps a service
 * to one port). The port comes from the first bind; a rare clash on another address is retried.
 */
async function listenEverywhere(make: (index: number) => net.Server, hosts: string[], closers: Closable[]): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const servers: net.Server[] = []
    try {
      let port = 0
      const handles: Closable[] = []
      for (const [index, host] of hosts.entries()) {
        const server = make(index)
        servers.push(server)
        handles.push(tracked(server))
        port = await listen(server, port, host)
      }
      closers.push(...handles)
      return port
    } catch {
      await Promise.all(servers.map(closeServer))
    }
  }
  throw new Error(`could not bind one port on ${hosts.join(', ')}`)
}

function smtpServer(name: string, tls: { key: string; cert: string }, implicitTls: boolean): net.Server {
  const options: SMTPServerOptions = {
    name,
    key: tls.key,
    cert: tls.cert,
    secure: implicitTls,
    authOptional: true,
    disabledCommands: ['AUTH'],
    // Otherwise smtp-server reverse-resolves each client through the system resolver first.
    disableReverseLookup: true,
    logger: false,
    socketTimeout: 10_000,
    closeTimeout: 200,
  }
  const server = new SMTPServer(options)
  // Probes hang up mid-conversation on purpose; that is no reason to crash the test process.
  server.on('error', () => {})
  return server.server
}

/** A listener that accepts and closes: all the engine asks of a 443 control. */
function plainTcpServer(): net.Server {
  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    socket.end()
  })
  server.on('error', () => {})
  return server
}

function submissionPorts(...maps: Record<string, number>[]): number[] {
  return [...new Set(maps.flatMap((m) => ['465', '587', '2525'].flatMap((k) => (m[k] === undefined ? [] : [m[k]]))))]
}

/** Accepts, and greets only after 30 s: what a tarpit or a filtering proxy does to port 25. */
function lateServer(): net.Server {
  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    const timer = setTimeout(() => socket.end('220 late.example.test ESMTP\r\n'), 30_000)
    socket.on('close', () => clearTimeout(timer))
  })
  server.on('error', () => {})
  return server
}

/** Accepts and never speaks: the engine waits for a greeting until its deadline (or a cancel). */
function silentServer(onConnection?: () => void): net.Server {
  const server = net.createServer((socket) => void (socket.on('error', () => {}), onConnection?.()))
  server.on('error', () => {})
  return server
}

interface Zone {
  a: Map<string, string>
  mx: Map<string, string>
  srv: Map<string, { target: string; port: number }>
}

function startDns(zone: Zone, closers: Closable[]): Promise<number> {
  const { Packet } = dns2
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request)
      response.header.aa = 1
      const question = request.questions[0]
      const name = question?.name.toLowerCase().replace(/\.$/, '') ?? ''
      const base = { name: question?.name ?? '', class: Packet.CLASS.IN, ttl: 30 }
      if (!zone.a.has(name) && !zone.mx.has(name) && !zone.srv.has(name)) response.header.rcode = Packet.RCODE.NXDOMAIN
      else if (question?.type === Packet.TYPE.A && zone.a.has(name)) {
        response.answers.push(new Packet.Resource({ ...base, type: Packet.TYPE.A, address: zone.a.get(name) }))
      } else if (question?.type === Packet.TYPE.MX && zone.mx.has(name)) {
        response.answers.push(new Packet.Resource({ ...base, type: Packet.TYPE.MX, exchange: zone.mx.get(name), priority: 10 }))
      } else if (question?.type === Packet.TYPE.SRV && zone.srv.has(name)) {
        const srv = zone.srv.get(name)
        response.answers.push(new Packet.Resource({ ...base, type: Packet.TYPE.SRV, priority: 0, weight: 1, port: srv?.port, target: srv?.target }))
      }
      // Anything else (AAAA included) is an empty NOERROR answer: the name exists, the type does not.
      send(response)
    },
  })
  server.on('requestError', () => {})
  return server.listen({ udp: { port: 0, address: '127.0.0.1' } }).then(() => {
    closers.push({ close: () => server.close() })
    const address = server.addresses().udp
    if (!address) throw new Error('dns2 did not report its UDP address')
    return address.port
  })
}

export async function startLoopbackNetwork(mode: Port25Mode): Promise<LoopbackNetwork> {
  const closers: Closable[] = []
  const close = async (): Promise<void> => {
    await Promise.all(closers.splice(0).map((c) => c.close().catch(() => {})))
  }
  try {
    const names = [...PROVIDERS.flatMap((p) => [mxHost(p), ...p.controls.map((port) => controlHost(p, port))]), ...PERSON_HOSTS]
    const pem = await generate([{ name: 'commonName', value: 'ClearPort e2e' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [...new Set(names)].map((value) => ({ type: 2 as const, value })) }],
    })
    const tls = { key: pem.private, cert: pem.cert }

    const zone: Zone = { a: new Map(), mx: new Map(), srv: new Map() }
    for (const p of PROVIDERS) {
      for (const host of names.filter((n) => n.endsWith(`.${p.domain}`))) zone.a.set(host, p.address)
      if (p.hasMx) zone.mx.set(p.domain, mxHost(p))
    }
    for (const host of PERSON_HOSTS) zone.a.set(host, PERSON_ADDRESS)
    // RFC 6186: the domain's own DNS names another submission server (587) than the catalog
    // does — discovery shows the disagreement; RFC 8314 _imaps names the same IMAP server.
    zone.srv.set(`_submission._tcp.${PERSON_DOMAIN}`, { target: `submit.${PERSON_DOMAIN}`, port: 587 })
    zone.srv.set(`_imaps._tcp.${PERSON_DOMAIN}`, { target: `imap.${PERSON_DOMAIN}`, port: 993 })
    const dnsPort = await startDns(zone, closers)

    const mxProviders = PROVIDERS.filter((p) => p.hasMx)
    // Each MX answers with its own name, as real providers do; 'refused' leaves the port closed.
    const mxAddresses = mxProviders.map((p) => p.address)
    const mxName = (i: number): string => (mode === 'intercepted' ? 'relay.isp-filter.test' : (mxProviders.map(mxHost)[i] ?? 'mx.unknown.test'))
    const targetPort =
      mode === 'open' || mode === 'intercepted'
        ? await listenEverywhere((i) => smtpServer(mxName(i), tls, false), mxAddresses, closers)
        : mode === 'silent'
          ? await listenEverywhere(() => silentServer(), mxAddresses, closers)
          : mode === 'late'
            ? await listenEverywhere(lateServer, mxAddresses, closers)
            : await freePort('127.0.0.2')

    const controlPortMap: Record<string, number> = {}
    for (const service of [587, 465, 443, 2525] as const) {
      const offering = PROVIDERS.filter((p) => p.controls.includes(service))
      if (offering.length === 0) continue
      controlPortMap[String(service)] = await listenEverywhere(
        (i) => {
          const p = offering[i]
          return service === 443 || !p ? plainTcpServer() : smtpServer(controlHost(p, service), tls, service === 465)
        },
        offering.map((p) => p.address),
        closers,
      )
    }

    const targets = targetSetSchema.parse({
      providers: PROVIDERS.filter((p) => p.reference).map((p) => ({
        provider: p.provider,
        ...(p.hasMx && { mxDomain: p.domain, bannerDomains: [p.domain], alwaysStartTls: true }),
        controls: p.controls.map((port) => ({ host: controlHost(p, port), port })),
      })),
      targetPort,
      controlPortMap,
    })
    const person = await startPersonProvider(tls, closers, mode === 'silent')
    return {
      dnsServer: `127.0.0.1:${dnsPort}`,
      targets,
      ca: [pem.cert],
      personAddress: `person@${PERSON_DOMAIN}`,
      personPassword: PERSON_PASSWORD,
      received: person.received,
      imapConnected: person.imapConnected,
      layout: { addresses: PROVIDERS.map((p) => p.address), personAddress: PERSON_ADDRESS, smtpPort: targetPort, submissionPorts: submissionPorts(controlPortMap, person.portMap) },
      discover: { portMap: person.portMap, catalog: person.catalog, sources: ['catalog', 'srv'], ispdbBaseUrl: null },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * The person's provider: IMAP with implicit TLS (a minimal responder: greeting, CAPABILITY,
 * LOGOUT — what discovery's verification asks), and submission on 465 (TLS) and 587 (STARTTLS)
 * with real AUTH for the one test account. Catalogued as the bundled catalog would list it.
 * `silent`: the IMAP server accepts and never answers, so discovery waits (and can be cancelled).
 */
async function startPersonProvider(
  keyCert: { key: string; cert: string },
  closers: Closable[],
  silent: boolean,
): Promise<{ portMap: Record<string, number>; catalog: Catalog; received: LoopbackNetwork['received']; imapConnected: Promise<void> }> {
  const received: LoopbackNetwork['received'] = []
  let connected = (): void => {}
  const imapConnected = new Promise<void>((resolve) => (connected = resolve))
  const submission = (implicitTls: boolean): net.Server => {
    const server = new SMTPServer({
      name: `smtp.${PERSON_DOMAIN}`,
      key: keyCert.key,
      cert: keyCert.cert,
      secure: implicitTls,
      authMethods: ['PLAIN', 'LOGIN'],
      disableReverseLookup: true,
      logger: false,
      socketTimeout: 10_000,
      closeTimeout: 200,
      onAuth(auth, _session, callback) {
        if (auth.username === `person@${PERSON_DOMAIN}` && auth.password === PERSON_PASSWORD) return callback(null, { user: auth.username })
        return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }))
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          callback()
        })
      },
    })
    server.on('error', () => {})
    return server.server
  }
  const imaps = tls.createServer({ key: keyCert.key, cert: keyCert.cert }, (socket) => {
    socket.on('error', () => {})
    connected()
    socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] imap.person-domain.test ready\r\n')
    let buffered = ''
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1')
      let end: number
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        const [tag = '*', command = ''] = line.split(' ')
        if (/^capability$/i.test(command)) socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK CAPABILITY done\r\n`)
        else if (/^logout$/i.test(command)) socket.end(`* BYE logging out\r\n${tag} OK LOGOUT done\r\n`)
        else socket.write(`${tag} BAD not in this test server\r\n`)
      }
    })
  })
  imaps.on('error', () => {})
  const portMap: Record<string, number> = {}
  portMap['993'] = await listenEverywhere(() => (silent ? silentServer(connected) : imaps), [PERSON_ADDRESS], closers)
  portMap['465'] = await listenEverywhere(() => submission(true), [PERSON_ADDRESS], closers)
  portMap['587'] = await listenEverywhere(() => submission(false), [PERSON_ADDRESS], closers)
  const catalog = parseCatalog({
    version: 1,
    providers: [
      {
        id: PERSON_DOMAIN,
        name: 'Person Mail',
        domains: [PERSON_DOMAIN],
        mxDomains: [],
        incoming: [{ protocol: 'imap', host: `imap.${PERSON_DOMAIN}`, port: 993, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }],
        outgoing: [{ protocol: 'smtp', host: `smtp.${PERSON_DOMAIN}`, port: 465, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILADDRESS%' }],
      },
    ],
  })
  return { portMap, catalog, received, imapConnected }
}
