// The port-25 check's DNS against real DNS servers on loopback: a silent one (reads every query,
// answers none) ends every look-up together as "no answer", and an answering one (the lab's
// dns2 server) feeds its round trip to the patience.
import { createSocket, type Socket } from 'node:dgram'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WatchedDns, dnsFailureOf } from '../../electron/engine/port25/watched-dns'
import { DnsError } from '../../electron/engine/net/dns'
import { startDns, type Closable } from '../lab/dns-server'

let silent: Socket
let silentPort = 0
let answering: Closable
const ANSWERING_PORT = 15353 + (process.pid % 1000)

beforeAll(async () => {
  silent = createSocket('udp4')
  silent.on('message', () => {}) // heard, never answered
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve))
  silentPort = silent.address().port
  answering = await startDns({ address: '127.0.0.1', port: ANSWERING_PORT, a: { 'mx.a.test': ['203.0.113.10'] }, mx: { 'a.test': [{ exchange: 'mx.a.test', priority: 10 }] }, srv: {} })
})
afterAll(async () => {
  silent.close()
  await answering.close()
})

describe('WatchedDns', () => {
  it('a silent resolver ends every look-up at the silence deadline as "no answer", not "not found"', async () => {
    const rtts: number[] = []
    const dns = new WatchedDns({ server: `127.0.0.1:${silentPort}` }, (ms) => rtts.push(ms), 300)
    try {
      const results = await Promise.allSettled([dns.mx('a.test'), dns.addresses('mx.a.test'), dns.addresses('smtp.a.test')])
      for (const r of results) {
        expect(r.status).toBe('rejected')
        const error = (r as PromiseRejectedResult).reason as unknown
        expect(error).toBeInstanceOf(DnsError)
        expect(dnsFailureOf(error)).toBe('no-answer')
        expect((error as Error).message).toContain('did not answer')
      }
      expect(rtts).toEqual([])
    } finally {
      dns.dispose()
    }
  })

  it('an answering resolver feeds its round trip, and NXDOMAIN is an answer too (not-found)', async () => {
    const rtts: number[] = []
    const dns = new WatchedDns({ server: `127.0.0.1:${ANSWERING_PORT}` }, (ms) => rtts.push(ms), 300)
    try {
      expect(await dns.mx('a.test')).toEqual([{ exchange: 'mx.a.test', priority: 10 }])
      const missing = await dns.addresses('nothing.a.test').catch((e: unknown) => e)
      expect(dnsFailureOf(missing)).toBe('not-found')
      expect(rtts).toHaveLength(2)
    } finally {
      dns.dispose()
    }
  })
})
