// The tests' DNS server's answers on their own (no root needed). The lab test covers the happy
// paths end to end; these pin the negative ones a resolver distinguishes (NXDOMAIN, NODATA and
// REFUSED) and what discovery tests need (AAAA, SRV priority/weight, a "." target).
import dns2 from 'dns2'
import { describe, expect, it } from 'vitest'
import { answer, type DnsZone } from '../helpers/dns-server'

const { Packet } = dns2

const zone: DnsZone = {
  a: { 'mx.provider-a.test': ['203.0.113.10'] },
  mx: { 'provider-a.test': [{ exchange: 'mx.provider-a.test', priority: 10 }] },
  srv: { '_submission._tcp.provider-a.test': [{ target: 'smtp.provider-a.test', port: 587 }] },
}

function askIn(zone: DnsZone, name: string, type: number): dns2.Packet {
  const request = new Packet()
  request.header.id = 7
  request.questions.push(new Packet.Question(name, type, Packet.CLASS.IN))
  // Through the wire format, as a real query arrives.
  return Packet.parse(answer(zone, Packet.parse(request.toBuffer())).toBuffer())
}
const ask = (name: string, type: number): dns2.Packet => askIn(zone, name, type)

describe('lab DNS answer', () => {
  it('answers MX, A (any letter case) and SRV', () => {
    expect(ask('provider-a.test', Packet.TYPE.MX).answers[0]).toMatchObject({ exchange: 'mx.provider-a.test', priority: 10 })
    expect(ask('MX.Provider-A.test', Packet.TYPE.A).answers[0]).toMatchObject({ address: '203.0.113.10' })
    expect(ask('_submission._tcp.provider-a.test', Packet.TYPE.SRV).answers[0]).toMatchObject({ target: 'smtp.provider-a.test', port: 587 })
  })

  it('gives NODATA with the SOA for another type of a known name', () => {
    const r = ask('mx.provider-a.test', Packet.TYPE.AAAA)
    expect(r.header.rcode).toBe(Packet.RCODE.NOERROR)
    expect(r.answers).toEqual([])
    expect(r.authorities[0]?.type).toBe(Packet.TYPE.SOA)
  })

  it('gives NXDOMAIN for an unknown .test name and REFUSED outside .test', () => {
    expect(ask('nothing.provider-a.test', Packet.TYPE.A).header.rcode).toBe(Packet.RCODE.NXDOMAIN)
    expect(ask('example.com', Packet.TYPE.A).header.rcode).toBe(Packet.RCODE.REFUSED)
  })
})

describe('the test DNS server answers what discovery tests need', () => {
  it('AAAA, SRV priority/weight and a "." target, through the wire format', () => {
    const zone: DnsZone = {
      a: {}, mx: {},
      aaaa: { 'imap.x.test': ['2001:db8::993'] },
      srv: { '_imaps._tcp.x.test': [{ target: 'imap.x.test', port: 993, priority: 5, weight: 7 }], '_pop3._tcp.x.test': [{ target: '.', port: 0 }] },
    }
    expect(askIn(zone, 'imap.x.test', Packet.TYPE.AAAA).answers[0]).toMatchObject({ address: '2001:db8::993' })
    expect(askIn(zone, '_imaps._tcp.x.test', Packet.TYPE.SRV).answers[0]).toMatchObject({ target: 'imap.x.test', port: 993, priority: 5, weight: 7 })
    expect(askIn(zone, '_pop3._tcp.x.test', Packet.TYPE.SRV).answers[0]).toMatchObject({ target: '', port: 0 })
  })
})
