// Certificate failures, in words: OpenSSL's verification codes (as Node and ClearPort's own
// strength check report them) → a code of the taxonomy, a title and advice. Pure; used by the
// sign-in classifier (send-classify.ts) and by the text output of `probe` (certificateReason).
import type { CertificateSummary, TrustStore } from './model'
import { printableLine } from './printable'
import type { SendErrorFacts, SendProblem } from './send'

// Local TLS interception by antivirus "mail shields" and corporate proxies (field-notes.md,
// "How networks interfere", 6): their roots carry the product's name.
const INTERCEPTOR =
  /avast|\bavg\b|kaspersky|\beset\b|bitdefender|mail ?shield|web\/mail|norton|mcafee|sophos|trend ?micro|f-secure|g ?data|dr\.?web|fortinet|fortigate|zscaler|webroot|netskope/i

/** Whether a certificate issuer looks like an antivirus or proxy that reads TLS traffic. */
export function looksLikeInterception(issuer: string | null | undefined): boolean {
  return typeof issuer === 'string' && INTERCEPTOR.test(issuer)
}

const CERT_SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT'])
const CERT_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])
const CERT_WRONG_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH'])
// OpenSSL's names for a chain that is valid but too weak (X509_V_ERR_*); ClearPort's own strength
// check (engine/net/cert-strength.ts) reports the same names, so either source reads alike.
const CERT_WEAK = new Set(['CA_MD_TOO_WEAK', 'EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL'])
const CERT_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'CERT_REJECTED',
  'INVALID_CA',
])

export function isCertificateCode(code: string | null | undefined): boolean {
  return typeof code === 'string' && [CERT_SELF_SIGNED, CERT_EXPIRED, CERT_WRONG_HOST, CERT_WEAK, CERT_UNTRUSTED].some((set) => set.has(code))
}

const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed: no authority vouches for it',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends at a root this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issued by an authority this computer does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the issuer is missing from the chain or not trusted',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not valid yet (check this computer’s clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'issued for a different server name',
  HOSTNAME_MISMATCH: 'issued for a different server name',
  CA_MD_TOO_WEAK: 'signed with SHA-1 (or MD5), which can be forged',
  EE_KEY_TOO_SMALL: 'its RSA key is shorter than 2048 bits, which can be broken',
  CA_KEY_TOO_SMALL: 'an authority in its chain has an RSA key shorter than 2048 bits',
  CERT_REVOKED: 'revoked by its authority',
}

/** A verification code with what it means ("CA_MD_TOO_WEAK — signed with SHA-1 …"). */
export function certificateReason(code: string | null | undefined): string {
  if (!code) return 'unknown reason'
  const reason = REASONS[code]
  return reason ? `${code} — ${reason}` : code
}

const STORES: Record<TrustStore, string> = {
  public: 'a public root (Node’s bundled list)',
  system: 'this computer’s own certificate store',
  extra: 'an extra root given to ClearPort (NODE_EXTRA_CA_CERTS)',
}

/** The certificate's standing in words: "verified by …" with the store, or why not. */
export function certificateStanding(certificate: Pick<CertificateSummary, 'verified' | 'verifyError' | 'trustedBy'>): string {
  if (!certificate.verified) return `NOT verified: ${certificateReason(certificate.verifyError)}`
  return certificate.trustedBy ? `verified by ${STORES[certificate.trustedBy]}` : 'verified'
}

function where(facts: SendErrorFacts): string {
  return `${facts.service.toUpperCase()} ${facts.host}:${facts.port} (${facts.socket})`
}

type Verdict = Pick<SendProblem, 'code' | 'title' | 'advice'>

/** Server text is hostile: one printable line, bounded. */
const shown = (text: string, max: number): string => printableLine(text.trim(), max, '')

export function certificateVerdict(facts: SendErrorFacts, code: string): Verdict {
  const issuer = facts.certificate?.issuer ?? null
  const seen = issuer ? ` The certificate was issued by "${shown(issuer, 120)}".` : ''
  const noCreds = ' ClearPort stopped before sending your password.'
  if (looksLikeInterception(issuer)) {
    return {
      code: 'cert-intercepted',
      title: `Something on this computer or network is reading the encrypted connection to ${where(facts)}.`,
      advice: `The certificate did not come from your mail provider but from "${shown(issuer ?? '', 120)}" — an antivirus "mail shield" or a company proxy that opens encrypted mail traffic.${noCreds} Turn off the mail (or "SSL/TLS") scanning in your antivirus, or ask your administrator; do not tell your mail program to accept this certificate.`,
    }
  }
  if (CERT_WEAK.has(code)) {
    return {
      code: 'cert-weak',
      title: `The certificate of ${where(facts)} is too weak to trust: ${REASONS[code] ?? code}.`,
      advice: `The chain is otherwise in order, but an attacker can forge or break a certificate like this one, so it proves nothing about who answers.${seen}${noCreds} The provider has to replace it (RSA keys of at least 2048 bits, SHA-256 signatures); until then use another server of the same provider if it has one.`,
    }
  }
  if (CERT_SELF_SIGNED.has(code)) {
    return {
      code: 'cert-self-signed',
      title: `The server ${where(facts)} showed a self-signed certificate.`,
      advice: `No public authority vouches for this certificate, so ClearPort cannot tell the real server from an impostor.${seen}${noCreds} Check the server name with your provider; if this is your own server, install a certificate from a public authority (for example Let's Encrypt).`,
    }
  }
  if (CERT_EXPIRED.has(code)) {
    const early = code === 'CERT_NOT_YET_VALID'
    return {
      code: 'cert-expired',
      title: early ? `The certificate of ${where(facts)} is not valid yet.` : `The certificate of ${where(facts)} has expired.`,
      advice: `${early ? 'Check this computer’s date and time first: a clock set in the past makes new certificates look not yet valid.' : 'The provider has to renew it; until then mail programs will refuse the connection. Check this computer’s date and time too.'}${seen}${noCreds}`,
    }
  }
  if (CERT_WRONG_HOST.has(code)) {
    return {
      code: 'cert-wrong-host',
      title: `The certificate of ${where(facts)} is for a different server name.`,
      advice: `The server answered with a certificate that does not name "${facts.host}".${seen}${noCreds} Use the host name your provider documents (it is often the name in the certificate, e.g. smtp.provider.example rather than mail.yourdomain.example).`,
    }
  }
  return {
    code: 'cert-untrusted',
    title: `The certificate of ${where(facts)} comes from an authority this computer does not trust.`,
    advice: `The chain of trust ends at a root that is neither a public authority nor installed in this computer's own certificate store (a private authority, or something in between reading the connection).${seen}${noCreds} Check that you are on the network you think you are on; a company network may need its own root installed in the system store by the administrator.`,
  }
}
