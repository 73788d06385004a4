// Candidate checking and merging, authentication reconciling and disagreement detection: the pure
// steps between the sources and the probes (shared/discovery.ts).
import { describe, expect, it } from 'vitest'
import {
  authFromMechanisms, checkCandidate, detectDisagreements, endpointKey, mergeCandidates, reconcileAuth,
  type RawCandidate,
} from '@shared/discovery'

const raw = (source: RawCandidate['ref']['source'], host: string, port: number, socket: RawCandidate['socket'], extra: Partial<RawCandidate> = {}): RawCandidate => ({
  protocol: 'imap', host, port, socket, auth: [], username: '%EMAILADDRESS%', ref: { source, detail: source, order: 0 }, ...extra,
})

describe('checkCandidate', () => {
  it('accepts a clean claim, lower-cases the host and turns IDN into punycode', () => {
    const r = checkCandidate({ protocol: 'imap', host: 'IMAP.Bücher.Example.', port: '993', socket: 'SSL', auth: ['OAuth2', 'bogus', 'OAuth2'], username: '%EMAILLOCALPART%' })
    expect(r).toEqual({ ok: true, value: { protocol: 'imap', host: 'imap.xn--bcher-kva.example', port: 993, socket: 'SSL', auth: ['OAuth2'], username: '%EMAILLOCALPART%' } })
  })

  it.each([
    [{ host: 'mail host.example' }, /cannot hold/],
    [{ host: 'evil\r\nhost.example' }, /line break/],
    [{ host: 'evil\u0000host' }, /NUL/],
    [{ host: '' }, /empty/],
    [{ host: undefined }, /missing/],
    [{ port: 0 }, /port "0" .* not a number from 1 to 65535/],
    [{ port: 70000 }, /port "70000"/],
    [{ port: '99x' }, /port "99x"/],
    [{ port: -1 }, /port "-1"/],
    [{ socket: 'TLS' }, /socket type "TLS"/],
    [{ protocol: 'exchange' }, /protocol "exchange"/],
    [{ username: 'me\r\nRCPT TO:<x>' }, /control character/],
  ])('refuses %j with a reason', (bad, message) => {
    const r = checkCandidate({ protocol: 'imap', host: 'imap.example.test', port: 993, socket: 'SSL', ...bad })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(message)
  })

  it('keeps IP literals (Proton Mail Bridge listens on 127.0.0.1)', () => {
    expect(checkCandidate({ protocol: 'smtp', host: '127.0.0.1', port: 1025, socket: 'STARTTLS' })).toMatchObject({ ok: true, value: { host: '127.0.0.1' } })
  })
})

describe('mergeCandidates', () => {
  it('merges one endpoint named by several sources, keeping every source and the most trusted details', () => {
    const merged = mergeCandidates([
      raw('guess', 'imap.x.test', 993, 'SSL'),
      raw('srv', 'imap.x.test', 993, 'SSL'),
      raw('autoconfig', 'imap.x.test', 993, 'SSL', { username: '%EMAILLOCALPART%', auth: ['password-cleartext'] }),
      raw('guess', 'imap.x.test', 143, 'STARTTLS'),
    ])
    expect(merged).toHaveLength(2)
    const first = merged.find((c) => c.port === 993)!
    expect(first.sources.map((s) => s.source)).toEqual(['autoconfig', 'srv', 'guess'])
    expect(first.username).toBe('%EMAILLOCALPART%')
    expect(first.auth).toEqual(['password-cleartext'])
  })

  it('keeps the same host and port with different socket types apart (each is probed)', () => {
    const merged = mergeCandidates([raw('autoconfig', 'mail.x.test', 587, 'SSL'), raw('srv', 'mail.x.test', 587, 'STARTTLS')])
    expect(merged.map(endpointKey).sort()).toEqual(['imap|mail.x.test|587|SSL', 'imap|mail.x.test|587|STARTTLS'])
  })
})

describe('authentication', () => {
  it('maps SASL mechanisms and password commands to the settings vocabulary', () => {
    expect(authFromMechanisms(['PLAIN', 'LOGIN', 'XOAUTH2', 'SCRAM-SHA-256', 'GSSAPI'], false)).toEqual(['password-cleartext', 'password-encrypted', 'OAuth2', 'GSSAPI'])
    expect(authFromMechanisms([], true)).toEqual(['password-cleartext'])
    expect(authFromMechanisms(['oauthbearer'], false)).toEqual(['OAuth2'])
  })

  it('keeps the source order but only what the server offers after TLS', () => {
    expect(reconcileAuth(['OAuth2', 'password-cleartext'], ['password-cleartext'])).toEqual(['password-cleartext'])
    expect(reconcileAuth(['OAuth2'], [])).toEqual(['OAuth2'])
    expect(reconcileAuth([], ['password-cleartext', 'OAuth2'])).toEqual(['password-cleartext', 'OAuth2'])
    // Nothing in common: the provider's word stands (the server may hide mechanisms until later).
    expect(reconcileAuth(['NTLM'], ['password-cleartext'])).toEqual(['NTLM'])
  })
})

describe('detectDisagreements', () => {
  it('reports sources naming different hosts, and the same host:port with another socket', () => {
    const d = detectDisagreements([
      raw('autoconfig', 'imap.x.test', 993, 'SSL'),
      raw('srv', 'mail.x.test', 993, 'SSL'),
      raw('autoconfig', 'smtp.x.test', 587, 'SSL', { protocol: 'smtp' }),
      raw('srv', 'smtp.x.test', 587, 'STARTTLS', { protocol: 'smtp' }),
    ])
    expect(d.map((x) => `${x.protocol}:${x.about}`).sort()).toEqual(['imap:server', 'smtp:socket'])
    expect(d.find((x) => x.about === 'server')!.claims).toEqual([
      { value: 'imap.x.test', sources: ['autoconfig'] },
      { value: 'mail.x.test', sources: ['srv'] },
    ])
  })

  it('reports different user names and authentication for one endpoint', () => {
    const d = detectDisagreements([
      raw('catalog', 'imap.x.test', 993, 'SSL', { username: '%EMAILADDRESS%', auth: ['OAuth2'] }),
      raw('autoconfig', 'imap.x.test', 993, 'SSL', { username: '%EMAILLOCALPART%', auth: ['password-cleartext'] }),
    ])
    expect(d.map((x) => x.about).sort()).toEqual(['auth', 'username'])
  })

  it('ignores guessing (it claims nothing) and agreeing sources', () => {
    expect(detectDisagreements([raw('guess', 'a.x.test', 993, 'SSL'), raw('srv', 'b.x.test', 993, 'SSL')])).toEqual([])
    expect(detectDisagreements([raw('autoconfig', 'a.x.test', 993, 'SSL'), raw('srv', 'a.x.test', 993, 'SSL')])).toEqual([])
  })

  it('with probe results, names a source whose every claim failed while another worked', () => {
    const lying = raw('autoconfig', 'dead.x.test', 993, 'SSL')
    const honest = raw('srv', 'imap.x.test', 993, 'SSL')
    const d = detectDisagreements([lying, honest], new Map([[endpointKey(lying), 'unreachable' as const], [endpointKey(honest), 'ok' as const]]))
    const v = d.find((x) => x.about === 'verification')
    expect(v?.message).toMatch(/autoconfig named IMAP servers that failed the probe \(dead\.x\.test:993 SSL: unreachable\), while srv named one that works/)
  })
})
