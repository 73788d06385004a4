// Ranking and the recommendation: verified and encrypted only, never 25 to submit, 465 before 587
// before 2525, ports the port-25 check found blocked last, IMAP before POP3.
import { describe, expect, it } from 'vitest'
import { rankServers, recommend, type DiscoveredServer, type DiscoverySource, type Verification, type VerifyStatus } from '@shared/discovery'

const verification = (status: VerifyStatus, ms = 10): Verification => ({
  status, summary: status, reachable: status !== 'unreachable', address: '127.0.0.1', attempts: [], banner: null, tls: null,
  certificateValid: status === 'ok' ? true : null, authMechanisms: [], passwordLogin: false, capabilities: [], injectedBytes: 0, ms,
})

function server(protocol: DiscoveredServer['protocol'], host: string, port: number, socket: DiscoveredServer['socket'], status: VerifyStatus = 'ok', sources: DiscoverySource[] = ['autoconfig']): DiscoveredServer {
  return { protocol, host, port, socket, auth: ['password-cleartext'], username: '%EMAILADDRESS%', sources: sources.map((source) => ({ source, detail: source, order: 0 })), verified: verification(status) }
}

const names = (list: DiscoveredServer[]): string[] => list.map((s) => `${s.host}:${s.port}`)

describe('rankServers', () => {
  it('outgoing: 465, then 587, then 2525, and 25 never first', () => {
    const ranked = rankServers([
      server('smtp', 'm.test', 25, 'STARTTLS'),
      server('smtp', 'm.test', 2525, 'STARTTLS'),
      server('smtp', 'm.test', 587, 'STARTTLS'),
      server('smtp', 'm.test', 465, 'SSL'),
    ])
    expect(names(ranked)).toEqual(['m.test:465', 'm.test:587', 'm.test:2525', 'm.test:25'])
  })

  it('verified before anything else; then documented sources before guesses', () => {
    const ranked = rankServers([
      server('smtp', 'guessed.test', 465, 'SSL', 'ok', ['guess']),
      server('smtp', 'broken.test', 465, 'SSL', 'tls-failed'),
      server('smtp', 'documented.test', 587, 'STARTTLS', 'ok', ['catalog']),
    ])
    expect(names(ranked)).toEqual(['documented.test:587', 'guessed.test:465', 'broken.test:465'])
  })

  it('a port this network blocks (port-25 check) goes behind one that works', () => {
    const hint = { verdict: 'blocked' as const, submission: [{ port: 465, usable: false }, { port: 587, usable: true }] }
    expect(names(rankServers([server('smtp', 'm.test', 465, 'SSL'), server('smtp', 'm.test', 587, 'STARTTLS')], hint))).toEqual(['m.test:587', 'm.test:465'])
  })

  it('incoming: IMAP before POP3, implicit TLS before STARTTLS', () => {
    const ranked = rankServers([
      server('pop3', 'p.test', 995, 'SSL'),
      server('imap', 'i.test', 143, 'STARTTLS'),
      server('imap', 'i.test', 993, 'SSL'),
    ])
    expect(names(ranked)).toEqual(['i.test:993', 'i.test:143', 'p.test:995'])
  })
})

describe('recommend', () => {
  const provider = { name: 'Lab', id: 'lab.test', domains: ['lab.test'] }

  it('recommends only verified, encrypted endpoints and never port 25 for sending', () => {
    const { recommended: rec, untested } = recommend('me@lab.test', provider, [
      server('imap', 'plain.test', 143, 'STARTTLS', 'plaintext-only'),
      server('imap', 'bad-cert.test', 993, 'SSL', 'untrusted-certificate'),
      server('imap', 'good.test', 993, 'SSL'),
    ], [
      server('smtp', 'relay.test', 25, 'STARTTLS'),
      server('smtp', 'plain.test', 587, 'plain', 'plaintext-only'),
      server('smtp', 'good.test', 587, 'STARTTLS'),
    ])
    expect(rec?.incoming.map((s) => s.host)).toEqual(['good.test'])
    expect(rec?.outgoing.map((s) => `${s.host}:${s.port}`)).toEqual(['good.test:587'])
    expect(rec).toMatchObject({ address: 'me@lab.test', providerName: 'Lab', providerId: 'lab.test', domains: ['lab.test'] })
    expect(untested).toEqual([])
  })

  it('is null when nothing was verified and nothing published was out of reach', () => {
    expect(recommend('me@lab.test', provider, [server('imap', 'x.test', 993, 'SSL', 'unreachable', ['guess']), server('imap', 'y.test', 993, 'SSL', 'tls-failed')], []).recommended).toBeNull()
  })

  it('offers 2525 as an alternative where the provider supports it', () => {
    const rec = recommend('me@lab.test', provider, [], [server('smtp', 'm.test', 2525, 'STARTTLS'), server('smtp', 'm.test', 587, 'STARTTLS')]).recommended
    expect(rec?.outgoing.map((s) => s.port)).toEqual([587, 2525])
  })
})
