// The lab's authoritative DNS for `.test` (dns2, UDP and TCP). It answers A, MX and SRV from the
// config; any other type of a known name is NODATA, an unknown `.test` name NXDOMAIN, and a name
// outside `.test` REFUSED — the lab is no recursive resolver and must not pretend to know the world.
import dns2 from 'dns2'
import type { ServerConfig } from './config'

const { Packet } = dns2
const TTL = 30
/**
 * The lab config's zone, plus what discovery tests use: AAAA records, and SRV priority/weight
 * (default 0/1) with "." as a target meaning "not offered" (RFC 2782).
 */
export type DnsZone = Omit<ServerConfig['dns'], 'srv' | 'aaaa'> & {
  aaaa?: Record<string, string[]>
  srv: Record<string, { target: string; port: number; priority?: number; weight?: number }[]>
}
type Zone = DnsZone

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

export interface Closable {
  close(): Promise<void>
}

export async function startDns(zone: Zone): Promise<Closable> {
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      send(answer(zone, request))
    },
  })
  // An undecodable query is the sender's problem; the lab keeps serving.
  server.on('requestError', () => {})
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server
      .listen({ udp: { port: zone.port, address: zone.address }, tcp: { port: zone.port, address: zone.address } })
      .then(() => {
        server.off('error', reject)
        server.on('error', () => {})
        resolve()
      }, reject)
  })
  return { close: () => server.close() }
}
