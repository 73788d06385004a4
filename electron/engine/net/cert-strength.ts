// Whether a chain that verified is strong enough to mean anything (issue 14, item 5). OpenSSL 3 in
// Node refuses SHA-1 signatures (but names it only "UNSPECIFIED"), accepts 1024-bit RSA keys, and
// Electron's BoringSSL may judge both differently; so ClearPort checks the chain itself, by the
// same rule everywhere, and reports the result under OpenSSL's own names (EE_KEY_TOO_SMALL,
// CA_KEY_TOO_SMALL, CA_MD_TOO_WEAK) so every consumer reads one vocabulary.
import type tls from 'node:tls'

export interface Weakness {
  code: 'EE_KEY_TOO_SMALL' | 'CA_KEY_TOO_SMALL' | 'CA_MD_TOO_WEAK'
  reason: string
}

const MIN_RSA_BITS = 2048

/**
 * signatureAlgorithm OIDs (DER content bytes, hex) that no longer prove anything: MD5 and SHA-1
 * with RSA, ECDSA and DSA (RFC 3279, RFC 5758). Node 20 does not expose a certificate's signature
 * algorithm (X509Certificate.signatureAlgorithm arrived later), so it is read from the DER.
 */
const WEAK_SIGNATURES: Record<string, string> = {
  '2a864886f70d010104': 'MD5 with RSA',
  '2a864886f70d010105': 'SHA-1 with RSA',
  '2a8648ce3d0401': 'ECDSA with SHA-1',
  '2a8648ce380403': 'DSA with SHA-1',
}

/** One DER header at `at`: where the content starts and how long it is. */
function header(der: Buffer, at: number): { start: number; length: number } | null {
  if (at + 2 > der.length) return null
  const first = der[at + 1]!
  if (first < 0x80) return { start: at + 2, length: first }
  const count = first & 0x7f
  if (count === 0 || count > 4 || at + 2 + count > der.length) return null
  let length = 0
  for (let i = 0; i < count; i += 1) length = length * 256 + der[at + 2 + i]!
  return { start: at + 2 + count, length }
}

/**
 * The signatureAlgorithm OID of a certificate (RFC 5280 §4.1: SEQUENCE { tbsCertificate,
 * signatureAlgorithm SEQUENCE { OID, ... }, signature }) as hex, or null when the DER is odd.
 */
export function signatureOid(der: Buffer): string | null {
  const outer = header(der, 0)
  if (!outer || der[0] !== 0x30) return null
  const tbs = header(der, outer.start)
  if (!tbs || der[outer.start] !== 0x30) return null
  const algAt = tbs.start + tbs.length
  const alg = header(der, algAt)
  if (!alg || der[algAt] !== 0x30 || der[alg.start] !== 0x06) return null
  const oid = header(der, alg.start)
  if (!oid || oid.start + oid.length > der.length) return null
  return der.subarray(oid.start, oid.start + oid.length).toString('hex')
}

type Peer = tls.PeerCertificate & { issuerCertificate?: Peer }

/** The chain as the peer sent it plus the anchor it verified against, leaf first, each once. */
function chainOf(leaf: Peer): Peer[] {
  const chain: Peer[] = []
  for (let cert: Peer | undefined = leaf; cert && !chain.includes(cert) && chain.length < 10; cert = cert.issuerCertificate) chain.push(cert)
  return chain
}

const isSelfIssued = (cert: Peer): boolean => cert.issuerCertificate === cert || cert.fingerprint256 === cert.issuerCertificate?.fingerprint256

/**
 * The first weakness in a verified chain, or null. A trust anchor's own self-signature proves
 * nothing either way and is not judged; its key is (it signs everything below it).
 */
export function certificateWeakness(leaf: tls.PeerCertificate): Weakness | null {
  const chain = chainOf(leaf as Peer)
  for (const [index, cert] of chain.entries()) {
    const rsa = typeof cert.modulus === 'string' && cert.modulus !== ''
    if (rsa && typeof cert.bits === 'number' && cert.bits < MIN_RSA_BITS) {
      return index === 0
        ? { code: 'EE_KEY_TOO_SMALL', reason: `the server's RSA key has ${cert.bits} bits (at least ${MIN_RSA_BITS} needed)` }
        : { code: 'CA_KEY_TOO_SMALL', reason: `the authority "${cert.subject?.CN ?? '?'}" has an RSA key of ${cert.bits} bits (at least ${MIN_RSA_BITS} needed)` }
    }
    if (isSelfIssued(cert) && index > 0) continue
    const raw = (cert as { raw?: unknown }).raw
    const weak = Buffer.isBuffer(raw) ? WEAK_SIGNATURES[signatureOid(raw) ?? ''] : undefined
    if (weak) return { code: 'CA_MD_TOO_WEAK', reason: `${index === 0 ? 'the server certificate' : `the authority "${cert.subject?.CN ?? '?'}"`} is signed with ${weak}, which can be forged` }
  }
  return null
}

/**
 * Node names OpenSSL errors it has no code for "UNSPECIFIED" (a SHA-1 chain is one); look at the
 * chain and give the real name when it is a weakness, else keep what Node said.
 */
export function nameVerifyError(code: string, leaf: tls.PeerCertificate | null): string {
  if (code !== 'UNSPECIFIED' || !leaf) return code
  return certificateWeakness(leaf)?.code ?? code
}

/** For tls.connect's `checkServerIdentity`: the usual host check, then the strength check. */
export function strictServerIdentity(check: (host: string, cert: tls.PeerCertificate) => Error | undefined) {
  return (host: string, cert: tls.PeerCertificate): Error | undefined => {
    const mismatch = check(host, cert)
    if (mismatch) return mismatch
    const weakness = certificateWeakness(cert)
    return weakness ? Object.assign(new Error(`certificate too weak: ${weakness.reason}`), { code: weakness.code }) : undefined
  }
}
