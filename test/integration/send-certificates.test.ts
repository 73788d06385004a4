// Certificate problems stop the sign-in before any credential is sent, and are named: self-signed,
// expired, wrong host, an unknown authority, and an issuer that looks like antivirus interception
// (a "Mail Shield" root in the chain: SELF_SIGNED_CERT_IN_CHAIN). The follow-up look at the
// certificate is credential-free; the sign-in itself never disables validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SendProblemCode } from '@shared/send'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { makeCert, makeTestPki, type KeyCert, type TestPki } from '../helpers/pki'
import { CANARY_PASSWORD, USER, makeRequest, startMailServer, type MailServer } from '../helpers/send-fixtures'

/** A leaf for localhost signed by a root named like an antivirus mail shield, served with its root. */
async function interceptionChain(): Promise<KeyCert> {
  const root = await makeCert({ commonName: 'Avast Web/Mail Shield Root', organization: 'Avast Web/Mail Shield', ca: true })
  return makeCert({ names: ['localhost', '127.0.0.1'], issuer: root, withChain: true })
}

let pki: TestPki
const started: MailServer[] = []

beforeAll(async () => {
  pki = await makeTestPki()
})

afterAll(async () => {
  await Promise.all(started.map((s) => s.close()))
})

type Variant = 'expired' | 'wrongHost' | 'selfSigned' | 'interception' | 'untrusted'

async function keyCertFor(variant: Variant): Promise<KeyCert> {
  if (variant === 'interception') return interceptionChain()
  if (variant === 'untrusted') return pki.good
  return pki[variant]
}

describe.each(['ssl', 'starttls'] as const)('%s', (kind) => {
  it.each([
    ['selfSigned', 'cert-self-signed', /DEPTH_ZERO_SELF_SIGNED_CERT/],
    ['expired', 'cert-expired', /CERT_HAS_EXPIRED/],
    ['wrongHost', 'cert-wrong-host', /ERR_TLS_CERT_ALTNAME_INVALID/],
    ['untrusted', 'cert-untrusted', /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/],
    ['interception', 'cert-intercepted', /SELF_SIGNED_CERT_IN_CHAIN/],
  ] as [Variant, SendProblemCode, RegExp][])('%s → %s, before any credential is sent', async (variant, code, detail) => {
    const server = await startMailServer({ kind, keyCert: await keyCertFor(variant) })
    started.push(server)
    // The test CA is trusted for every variant but "untrusted", whose point is an unknown authority.
    const ca = variant === 'untrusted' ? undefined : [pki.ca]
    const result = await testSend({ request: makeRequest(server.endpoint), credentials: suppliedPassword(USER, CANARY_PASSWORD), ...(ca && { ca }) })
    expect(result.ok).toBe(false)
    expect(result.problem).toMatchObject({ code, stage: 'connect', service: 'smtp' })
    expect(result.problem?.detail).toMatch(detail)
    expect(result.problem?.advice).toMatch(/stopped before sending your password/)
    expect(server.auths).toHaveLength(0)
    expect(result.transcript.some((l) => l.dir === 'client' && /^AUTH/.test(l.text))).toBe(false)
    if (variant === 'interception') {
      expect(result.problem?.advice).toMatch(/Avast Web\/Mail Shield/)
      expect(result.problem?.title).toMatch(/reading the encrypted connection/)
    }
  })
})
