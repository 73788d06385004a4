// The one certificate maker of the tests: CAs and leaves made at test time (selfsigned, so no key
// ever lives in the repository), with options for what a mail client meets in the field —
// expired, wrong host, self-signed, a weak RSA key or a SHA-1 signature, an inspection root sent
// with its chain. EC P-256 by default keeps it fast (~30 ms); RSA only where the test is about RSA.
// The named sets below (makeTestPki, makeNamedPki, makeLegacyPki) are built from makeCert.
import { generate } from 'selfsigned'

export interface KeyCert {
  key: string
  cert: string
}

export interface CertOptions {
  /** Subject CN; default the first name. */
  commonName?: string
  /** Subject O (an interception root is known by its names; the lab's CA names the lab). */
  organization?: string
  /** subjectAltName entries: DNS names or IPv4 literals. */
  names?: string[]
  /** A CA certificate (basicConstraints cA, keyCertSign) instead of a server leaf. */
  ca?: boolean
  /** Signed by this CA (same key type); absent: self-signed. */
  issuer?: KeyCert
  /** valid: from yesterday to tomorrow; expired: from 10 to 5 days ago. */
  validity?: 'valid' | 'expired'
  /** An RSA key of this many bits instead of EC P-256. */
  rsaBits?: number
  /** The signature's digest (sha1: a weak signature, CA_MD_TOO_WEAK). */
  digest?: 'sha256' | 'sha1'
  /** Append the issuer's certificate, as a server sending its chain does. */
  withChain?: boolean
}

const DAY = 86_400_000

function altNames(names: string[]): object[] {
  return names.map((n) => (/^[\d.]+$/.test(n) ? { type: 7, ip: n } : { type: 2, value: n }))
}

export async function makeCert(options: CertOptions): Promise<KeyCert> {
  const names = options.names ?? []
  const commonName = options.commonName ?? names[0]
  if (commonName === undefined) throw new Error('makeCert needs a commonName or at least one name')
  const now = Date.now()
  const [from, to] = options.validity === 'expired' ? [now - 10 * DAY, now - 5 * DAY] : [now - DAY, now + DAY]
  const extensions = options.ca
    ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]
    : [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: altNames(names) },
      ]
  const subject = [{ name: 'commonName', value: commonName }, ...(options.organization ? [{ name: 'organizationName', value: options.organization }] : [])]
  const key = options.rsaBits ? { keyType: 'rsa', keySize: options.rsaBits } : { keyType: 'ec', curve: 'P-256' }
  const pems = await generate(subject, {
    ...key,
    algorithm: options.digest ?? 'sha256',
    notBeforeDate: new Date(from),
    notAfterDate: new Date(to),
    extensions,
    ...(options.issuer ? { ca: { key: options.issuer.key, cert: options.issuer.cert } } : {}),
  } as Parameters<typeof generate>[1])
  const cert = options.withChain && options.issuer ? `${pems.cert.trim()}\n${options.issuer.cert.trim()}\n` : pems.cert
  return { key: pems.private, cert }
}

export interface TestPki {
  /** The CA to trust explicitly in a test (never globally). */
  ca: string
  good: KeyCert
  expired: KeyCert
  wrongHost: KeyCert
  selfSigned: KeyCert
}

const LOCALHOST = ['localhost', '127.0.0.1']

/** A test CA, a good leaf for localhost, and the broken variants: expired, wrong host, self-signed. */
export async function makeTestPki(): Promise<TestPki> {
  const issuer = await makeCert({ commonName: 'ClearPort Test CA', ca: true })
  const [good, expired, wrongHost, selfSigned] = await Promise.all([
    makeCert({ names: LOCALHOST, issuer }),
    makeCert({ names: LOCALHOST, issuer, validity: 'expired' }),
    makeCert({ names: ['mail.other.test'], issuer }),
    makeCert({ names: LOCALHOST }),
  ])
  return { ca: issuer.cert, good, expired, wrongHost, selfSigned }
}

/**
 * A fresh test CA and one leaf for the given names (DNS names or IPv4 literals), for tests whose
 * servers answer under lab names (discovery: autoconfig.example.test, imap.example.test, ...).
 */
export async function makeNamedPki(names: string[], organization?: string): Promise<{ ca: string; leaf: KeyCert }> {
  const issuer = await makeCert({ commonName: 'ClearPort Test CA (named)', organization, ca: true })
  return { ca: issuer.cert, leaf: await makeCert({ names, organization, issuer }) }
}

export interface LegacyPki {
  ca: string
  /** RSA 1024, SHA-256 signature, valid for localhost / 127.0.0.1. */
  weakKey: KeyCert
  /** RSA 2048, signed with SHA-1 by the CA. */
  sha1: KeyCert
  /** RSA 2048, SHA-256: the control that must verify. */
  good: KeyCert
}

/** What a modern CA no longer issues: a 1024-bit RSA key and a SHA-1 signature, by an RSA test CA. */
export async function makeLegacyPki(): Promise<LegacyPki> {
  const issuer = await makeCert({ commonName: 'ClearPort Legacy Test CA', ca: true, rsaBits: 2048 })
  const [weakKey, sha1, good] = await Promise.all([
    makeCert({ names: LOCALHOST, issuer, rsaBits: 1024 }),
    makeCert({ names: LOCALHOST, issuer, rsaBits: 2048, digest: 'sha1' }),
    makeCert({ names: LOCALHOST, issuer, rsaBits: 2048 }),
  ])
  return { ca: issuer.cert, weakKey, sha1, good }
}
