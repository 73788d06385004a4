// Which servers an account carries: the chosen first, then a few verified, encrypted, distinct
// alternatives; published servers this network cannot reach are carried untested.
import { describe, expect, it } from 'vitest'
import {
  MAX_SERVERS_PER_DIRECTION, carriedServers, recommend, sameServer,
  type DiscoveredServer, type DiscoverySource, type Verification, type VerifyStatus,
} from '@shared/discovery'
import { parseAccountSettings } from '@shared/export'
import { guessCandidates } from '../../electron/engine/discover/guess'

function verification(status: VerifyStatus, address: string | null, fingerprint?: string): Verification {
  // An unreachable server in these tests went unanswered (dropped), as on a blocking network.
  const attempts = status === 'unreachable' ? [{ address: '192.0.2.10', outcome: 'timeout', ms: 1000, note: null }] : []
  return {
    status, summary: status, reachable: status !== 'unreachable', address, attempts, banner: null,
    tls: fingerprint ? { protocol: 'TLSv1.3', cipher: null, servername: 'x', certificate: { subject: 'x', subjectAltNames: [], issuer: 'ca', validFrom: '', validTo: '', fingerprint256: fingerprint, verified: true, verifyError: null } } : null,
    certificateValid: status === 'ok' ? true : null, authMechanisms: [], passwordLogin: false, capabilities: [], injectedBytes: 0, ms: 5,
  }
}

function server(
  protocol: DiscoveredServer['protocol'], host: string, port: number, socket: DiscoveredServer['socket'],
  { status = 'ok', sources = ['guess'], address = '192.0.2.10', fingerprint }: { status?: VerifyStatus; sources?: DiscoverySource[]; address?: string | null; fingerprint?: string } = {},
): DiscoveredServer {
  return {
    protocol, host, port, socket, auth: ['password-cleartext'], username: '%EMAILADDRESS%',
    sources: sources.map((source, order) => ({ source, detail: source, order })), verified: verification(status, address, fingerprint),
  }
}

/**
 * What guessing verifies on a wildcard-DNS hosting domain: every name resolves to one machine that
 * answers on every port but 2525 — the engine's own guess list, in its own order.
 */
function wildcardHosting(domain: string): { incoming: DiscoveredServer[]; outgoing: DiscoveredServer[] } {
  const all = guessCandidates(domain).filter((c) => c.port !== 2525).map((c, order) => {
    const s = server(c.protocol as DiscoveredServer['protocol'], c.host as string, c.port as number, c.socket as DiscoveredServer['socket'])
    return { ...s, sources: [{ source: 'guess' as const, detail: 'guessed', order }] }
  })
  return { incoming: all.filter((s) => s.protocol !== 'smtp'), outgoing: all.filter((s) => s.protocol === 'smtp') }
}

const provider = { name: 'Hosting', id: 'hosting.test', domains: ['hosting.test'] }
const names = (list: { host: string; port: number }[]): string[] => list.map((s) => `${s.host}:${s.port}`)

describe('the servers an account carries', () => {
  it('a wildcard-DNS hosting domain: 14 incoming and 6 outgoing verified become one server per port, and every exporter takes it', () => {
    const { incoming, outgoing } = wildcardHosting('hosting.test')
    expect(incoming).toHaveLength(14)
    expect(outgoing).toHaveLength(6)
    const { recommended, untested } = recommend('me@hosting.test', provider, incoming, outgoing)
    expect(untested).toEqual([])
    expect(names(recommended!.incoming)).toEqual(['imap.hosting.test:993', 'imap.hosting.test:143', 'pop.hosting.test:995', 'pop.hosting.test:110'])
    expect(names(recommended!.outgoing)).toEqual(['smtp.hosting.test:465', 'smtp.hosting.test:587'])
    // The schema's caps are for hostile files; what the product builds always passes them.
    expect(() => parseAccountSettings(recommended)).not.toThrow()
  })

  it('never carries more than the chosen server and three alternatives, all encrypted and verified', () => {
    const many = Array.from({ length: 12 }, (_, i) => server('imap', `imap${i}.test`, 993, 'SSL', { address: `192.0.2.${i + 1}` }))
    const plain = server('imap', 'plain.test', 143, 'plain', { address: '192.0.2.99' })
    const broken = server('imap', 'broken.test', 993, 'SSL', { status: 'tls-failed', address: '192.0.2.98' })
    const carried = carriedServers(null, [plain, broken, ...many])
    expect(carried).toHaveLength(MAX_SERVERS_PER_DIRECTION)
    expect(carried.every((s) => s.socket !== 'plain' && !s.host.startsWith('broken'))).toBe(true)
  })

  it('the person’s choice goes first, even typed by hand, and its equivalents are not repeated', () => {
    const { incoming } = wildcardHosting('hosting.test')
    const mail993 = incoming.find((s) => s.host === 'mail.hosting.test' && s.port === 993)!
    const carried = carriedServers(mail993, incoming)
    expect(names(carried)).toEqual(['mail.hosting.test:993', 'imap.hosting.test:143', 'pop.hosting.test:995', 'pop.hosting.test:110'])
    const typed = { protocol: 'imap' as const, host: 'typed.example', port: 1993, socket: 'SSL' as const, auth: [], username: 'me' }
    expect(names(carriedServers(typed, incoming))[0]).toBe('typed.example:1993')
    expect(carriedServers(typed, incoming)).toHaveLength(MAX_SERVERS_PER_DIRECTION)
  })

  it('one server is the same address or the same certificate on the same port and socket', () => {
    const a = server('smtp', 'a.test', 465, 'SSL', { address: '192.0.2.1', fingerprint: 'AA' })
    expect(sameServer(a, server('smtp', 'b.test', 465, 'SSL', { address: '192.0.2.1' }))).toBe(true)
    expect(sameServer(a, server('smtp', 'b.test', 465, 'SSL', { address: '192.0.2.2', fingerprint: 'AA' }))).toBe(true)
    expect(sameServer(a, server('smtp', 'b.test', 465, 'SSL', { address: '192.0.2.2', fingerprint: 'BB' }))).toBe(false)
    expect(sameServer(a, server('smtp', 'a.test', 587, 'STARTTLS', { address: '192.0.2.1' }))).toBe(false)
  })

  it('every submission port dropped: the published outgoing servers are carried untested, with the ports blocked here', () => {
    const incoming = [server('imap', 'imap.isp.test', 993, 'SSL', { sources: ['catalog'] })]
    const outgoing = [
      server('smtp', 'smtp.isp.test', 465, 'SSL', { status: 'unreachable', sources: ['catalog'], address: null }),
      server('smtp', 'smtp.isp.test', 587, 'STARTTLS', { status: 'unreachable', sources: ['autoconfig'], address: null }),
      server('smtp', 'smtp.isp.test', 25, 'STARTTLS', { status: 'unreachable', sources: ['srv'], address: null }),
      server('smtp', 'mail.isp.test', 465, 'SSL', { status: 'unreachable', sources: ['guess'], address: null }),
    ]
    const hint = { verdict: 'blocked' as const, submission: [{ port: 465, usable: false }, { port: 587, usable: false }] }
    const { recommended, untested } = recommend('me@isp.test', provider, incoming, outgoing, hint)
    expect(names(recommended!.outgoing)).toEqual(['smtp.isp.test:465', 'smtp.isp.test:587'])
    expect(names(recommended!.incoming)).toEqual(['imap.isp.test:993'])
    expect(untested).toEqual([{ direction: 'outgoing', ports: [465, 587], blockedByNetwork: true }])
    // Without a network check the same silence is "could not be reached from here".
    expect(recommend('me@isp.test', provider, incoming, outgoing).untested).toEqual([{ direction: 'outgoing', ports: [465, 587], blockedByNetwork: false }])
  })

  it('a refused connect is a dead server, not a blocked network: not carried, unless the network check found the port blocked', () => {
    const refused = server('smtp', 'dead.isp.test', 465, 'SSL', { status: 'unreachable', sources: ['autoconfig'], address: null })
    refused.verified.attempts = [{ address: '192.0.2.15', outcome: 'refused', ms: 1, note: null }]
    expect(recommend('me@isp.test', provider, [], [refused]).recommended).toBeNull()
    const hint = { verdict: 'blocked' as const, submission: [{ port: 465, usable: false }] }
    expect(recommend('me@isp.test', provider, [], [refused], hint).untested).toEqual([{ direction: 'outgoing', ports: [465], blockedByNetwork: true }])
  })

  it('a verified server wins over an unreachable published one: nothing is untested then', () => {
    const outgoing = [
      server('smtp', 'smtp.isp.test', 465, 'SSL', { status: 'unreachable', sources: ['catalog'], address: null }),
      server('smtp', 'smtp.isp.test', 2525, 'STARTTLS', { sources: ['catalog'] }),
    ]
    const { recommended, untested } = recommend('me@isp.test', provider, [], outgoing)
    expect(names(recommended!.outgoing)).toEqual(['smtp.isp.test:2525'])
    expect(untested).toEqual([])
  })
})

describe('what the account carries is always a valid settings file', () => {
  it('an untested SRV server (no sign-in method known) gets the normal password, and the account parses', () => {
    const srvOnly = server('smtp', 'submit.isp.test', 587, 'STARTTLS', { status: 'unreachable', sources: ['srv'], address: null })
    srvOnly.auth = []
    const incoming = [server('imap', 'imap.isp.test', 993, 'SSL', { sources: ['catalog'] })]
    const { recommended, untested } = recommend('me@isp.test', provider, incoming, [srvOnly])
    expect(untested).toEqual([{ direction: 'outgoing', ports: [587], blockedByNetwork: false }])
    expect(recommended!.outgoing[0]!.auth).toEqual(['password-cleartext'])
    expect(() => parseAccountSettings(recommended)).not.toThrow()
  })
})
