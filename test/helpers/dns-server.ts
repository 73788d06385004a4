// The tests' one DNS server: authoritative for `.test` (dns2, UDP and TCP), used by the network
// lab (inside its namespace), the discovery lab and every test that resolves names on loopback.
// It answers A, AAAA, MX and SRV from its zone; any other type of a known name is NODATA, an unknown
// `.test` name NXDOMAIN, and a name outside `.test` REFUSED — it is no recursive resolver and must
// not pretend to know the world. `silent` makes a resolver that hears every query and answers none.
import { createSocket } from 'node:dgram'
import { EventEmitter, once } from 'node:events'
import dns2 from 'dns2'
import { freePort } from './ports'
import type { Closable } from './tcp-server'

const { Packet } = dns2
const TTL = 30
/** Records by owner name (`*.x.test` is a wildcard); SRV priority/weight default to 0/1, "." means "not offered" (RFC 2782). */
export interface DnsZone {
  a: Record<string, string[]>
  aaaa?: Record<string, string[]>
  mx: Record<string, { exchange: string; priority: number }[]>
  srv: Record<string, { target: string; port: number; priority?: number; weight?: number }[]>
}
type Zone = DnsZone

export interface DnsServerOptions extends Partial<DnsZone> {
  /** Default 127.0.0.1. */
  address?: string
  /** Default: a free port (the same on UDP and TCP). */
  port?: number
  /** Hear every query (UDP), answer none: a dead or offline resolver. */
  silent?: boolean
}

export interface RunningDns extends Closable {
  /** "address:port", as the engine's dnsServer option and the CLI's --dns-server take it. */
  server: string
  port: number
  /** Queries heard so far. */
  readonly queries: number
  /** Resolves once `count` queries in all have been heard (wait on the server, not on time). */
  heard(count: number): Promise<void>
}

// Negative answers carry the zone's SOA (RFC 2308) so resolvers can tell NODATA from a lame reply.
const SOA = new Packet.Resource({
  name: 'test', type: Packet.TYPE.SOA, class: Packet.CLASS.IN, ttl: TTL,
  primary: 'ns.lab.test', admin: 'hostmaster.lab.test',
  serial: 1, refresh: 3600, retry: 600, expiration: 86400, minimum: TTL,
})
const record = (fields: Partial<dns2.Packet.Resource>): dns2.Packet.Resource => new Packet.Resource(fields)

function isKnown(zone: Zone, name: string): boolean {
  return Object.hasOwn(zone.a, name) || Object.hasOwn(zone.mx, name) || Object.hasOwn(zone.srv, name) || Object.hasOwn(zone.aaaa ?? {}, name)
}

/**
 * The zone's owner name for a query name: the name itself, else the closest wildcard
 * (`*.hosting.test` answers for any name under hosting.test that does not exist itself — RFC 4592,
 * as on most shared hosting). Null: NXDOMAIN.
 */
function ownerOf(zone: Zone, name: string): string | null {
  if (isKnown(zone, name)) return name
  const labels = name.split('.')
  for (let i = 1; i < labels.length - 1; i += 1) {
    const wildcard = `*.${labels.slice(i).join('.')}`
    if (isKnown(zone, wildcard)) return wildcard
  }
  return null
}

/** Builds the reply to one question (pure, so it is tested without sockets). */
export function answer(zone: Zone, request: dns2.Packet): dns2.Packet {
  const response = Packet.createResponseFromRequest(request)
  response.header.aa = 1
  const q = request.questions[0]
  if (!q) {
    response.header.rcode = Packet.RCODE.FORMERR
    return response
  }
  // Case-insensitive (RFC 4343); answers keep the asker's spelling of the name.
  const asked = q.name.toLowerCase().replace(/\.$/, '')
  if (asked !== 'test' && !asked.endsWith('.test')) {
    response.header.rcode = Packet.RCODE.REFUSED
    return response
  }
  const name = ownerOf(zone, asked)
  if (name === null) {
    response.header.rcode = Packet.RCODE.NXDOMAIN
    response.authorities.push(SOA)
    return response
  }
  const base = { name: q.name, class: Packet.CLASS.IN, ttl: TTL }
  if (q.type === Packet.TYPE.A) {
    for (const address of zone.a[name] ?? []) response.answers.push(record({ ...base, type: Packet.TYPE.A, address }))
  } else if (q.type === Packet.TYPE.MX) {
    for (const mx of zone.mx[name] ?? []) response.answers.push(record({ ...base, type: Packet.TYPE.MX, ...mx }))
  } else if (q.type === Packet.TYPE.AAAA) {
    for (const address of zone.aaaa?.[name] ?? []) response.answers.push(record({ ...base, type: Packet.TYPE.AAAA, address }))
  } else if (q.type === Packet.TYPE.SRV) {
    for (const srv of zone.srv[name] ?? []) {
      response.answers.push(record({ ...base, type: Packet.TYPE.SRV, priority: 0, weight: 1, ...srv }))
    }
  }
  if (response.answers.length === 0) response.authorities.push(SOA)
  return response
}

export async function startDns(options: DnsServerOptions): Promise<RunningDns> {
  const address = options.address ?? '127.0.0.1'
  const port = options.port ?? (await freePort(address))
  const zone: Zone = { a: options.a ?? {}, aaaa: options.aaaa, mx: options.mx ?? {}, srv: options.srv ?? {} }
  let queries = 0
  const seen = new EventEmitter()
  const hear = (): void => {
    queries += 1
    seen.emit('query')
  }
  const running = (close: () => Promise<void>): RunningDns => ({
    server: `${address}:${port}`,
    port,
    get queries() {
      return queries
    },
    async heard(count) {
      while (queries < count) await once(seen, 'query')
    },
    close,
  })
  if (options.silent) {
    const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4')
    socket.on('message', hear)
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(port, address, () => resolve())
    })
    return running(() => new Promise<void>((resolve) => socket.close(() => resolve())))
  }
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      hear()
      send(answer(zone, request))
    },
  })
  // An undecodable query is the sender's problem; the server keeps serving.
  server.on('requestError', () => {})
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server
      .listen({ udp: { port, address }, tcp: { port, address } })
      .then(() => {
        server.off('error', reject)
        server.on('error', () => {})
        resolve()
      }, reject)
  })
  return running(() => server.close())
}
