// TLS handshake over an already connected socket (implicit TLS on 465/993, or after STARTTLS).
//
// The probe validates the certificate chain and the host name with Node's normal checks, but
// reports a failure as a finding instead of aborting, so the person sees *why* (expired, wrong
// host, self-signed, too weak, an antivirus root). Roots: Node's public ones, the OS store where
// the runtime can read it, NODE_EXTRA_CA_CERTS (trust.ts); the summary says which one vouched.
// Nothing secret is ever sent by a probe; code that signs in must refuse a session whose
// `certificate.verified` is false, and verifies with `signInTls` below.
import net from 'node:net'
import tls from 'node:tls'
import type { CertificateSummary, TlsSummary } from '@shared/model'
import { isIPv4, isIPv6 } from '@shared/validate'
import { abortReason } from '../deadline'
import { certificateWeakness, nameVerifyError, strictServerIdentity } from './cert-strength'
import { trustContext, trustStoreOf } from './trust'

export class TlsHandshakeError extends Error {
  override readonly name = 'TlsHandshakeError'
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message)
  }
}

export interface TlsOptions {
  /** The host name the certificate must match (also sent as SNI when it is a name). */
  host: string
  signal: AbortSignal
  /**
   * Extra trusted roots (tests). Node's public roots, the OS store where the runtime can read it,
   * and NODE_EXTRA_CA_CERTS are trusted with or without them (trust.ts).
   */
  ca?: string[]
}

/**
 * TLS options for a connection that will carry a password (nodemailer, imapflow): validation on,
 * TLS 1.2 at least, the same roots as the probe, and the strength check as part of the identity
 * check, so a weak chain ends the handshake before any credential is sent.
 */
export function signInTls(host: string, ca: string[] | undefined, servername: string | undefined): tls.ConnectionOptions {
  const context = trustContext(ca, 'TLSv1.2')
  return {
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(servername !== undefined && { servername }),
    ...(context && { secureContext: context }),
    checkServerIdentity: strictServerIdentity(tls.checkServerIdentity),
  }
}

function names(entity: tls.Certificate | undefined): string {
  if (!entity) return ''
  const parts: string[] = []
  for (const key of ['CN', 'O', 'OU'] as const) {
    const value = entity[key]
    if (value) parts.push(`${key}=${Array.isArray(value) ? value.join('+') : value}`)
  }
  return parts.join(', ')
}

/**
 * What a peer's certificate is and whether it holds: verified means the chain ended in a trusted
 * root, the name matched, AND no key or signature in it is too weak (cert-strength.ts) — a 1024-bit
 * key that OpenSSL accepts is reported EE_KEY_TOO_SMALL, a SHA-1 chain CA_MD_TOO_WEAK rather than
 * Node's "UNSPECIFIED".
 */
export function summariseCertificate(socket: tls.TLSSocket, ca: string[] = []): CertificateSummary | null {
  const cert = socket.getPeerCertificate(true)
  if (!cert || Object.keys(cert).length === 0) return null
  const weakness = socket.authorized ? certificateWeakness(cert) : null
  const verified = socket.authorized && weakness === null
  const verifyError = socket.authorized ? (weakness?.code ?? null) : nameVerifyError(String(socket.authorizationError ?? 'UNKNOWN'), cert)
  return {
    subject: names(cert.subject),
    subjectAltNames: (cert.subjectaltname ?? '')
      .split(/,\s*/)
      .filter(Boolean)
      .map((entry) => entry.replace(/^(DNS|IP Address):/, '')),
    issuer: names(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    fingerprint256: cert.fingerprint256,
    verified,
    verifyError,
    trustedBy: socket.authorized ? trustStoreOf(cert, ca) : null,
  }
}

/** The probe step name for a handshake that follows bytes injected after the STARTTLS go-ahead. */
export const TLS_AFTER_INJECTION = 'tls after injection'

/**
 * A handshake that failed or got no answer right after bytes were injected (and discarded) is the
 * injection's doing: one name, `starttls-injection`, for SMTP, IMAP and POP3 probes and `send`.
 */
export function injectionFailure(error: unknown, step: string): { code: 'starttls-injection'; message: string } | null {
  if (step !== TLS_AFTER_INJECTION) return null
  const what = error instanceof TlsHandshakeError ? error.message : error instanceof Error && error.name === 'DeadlineError' ? `the TLS handshake got no answer (${error.message})` : null
  return what === null ? null : { code: 'starttls-injection', message: `bytes were injected after the STARTTLS go-ahead and discarded; then ${what}` }
}

/** OpenSSL's messages carry source paths; keep the reason and say what it usually means. */
export function explainTlsError(error: Error & { reason?: string }): string {
  const reason = error.reason ?? error.message
  const hint = /wrong version number/i.test(reason) ? ' — the server did not speak TLS here (a STARTTLS or plain port?)' : ''
  return `TLS handshake failed: ${reason}${hint}`
}

/**
 * Handshake over `socket`. Resolves with the TLS socket and its summary; rejects with a
 * TlsHandshakeError (the server broke the handshake) or the signal's reason (deadline, cancel).
 */
export function handshake(socket: net.Socket, options: TlsOptions): Promise<{ socket: tls.TLSSocket; summary: TlsSummary }> {
  const { host, signal } = options
  const isName = !isIPv4(host) && !isIPv6(host)
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal))
    const secure = tls.connect({
      socket,
      host,
      servername: isName ? host : undefined,
      // Validation happens (see `authorized` below); failures are reported, not hidden.
      rejectUnauthorized: false,
      secureContext: trustContext(options.ca),
      minVersion: 'TLSv1',
    })
    const cleanup = (): void => {
      secure.removeListener('secureConnect', onSecure)
      secure.removeListener('error', onError)
      secure.removeListener('close', onClose)
      signal.removeEventListener('abort', onAbort)
    }
    const onSecure = (): void => {
      cleanup()
      const cipher = secure.getCipher()
      resolve({
        socket: secure,
        summary: {
          protocol: secure.getProtocol() ?? null,
          cipher: cipher?.standardName ?? cipher?.name ?? null,
          servername: host,
          certificate: summariseCertificate(secure, options.ca),
        },
      })
    }
    const onError = (error: NodeJS.ErrnoException & { reason?: string }): void => {
      cleanup()
      secure.destroy()
      reject(new TlsHandshakeError(explainTlsError(error), error.code ?? null))
    }
    const onClose = (): void => {
      cleanup()
      reject(new TlsHandshakeError('the server closed the connection during the TLS handshake', 'ECONNRESET'))
    }
    const onAbort = (): void => {
      cleanup()
      secure.destroy()
      reject(abortReason(signal))
    }
    secure.once('secureConnect', onSecure)
    secure.once('error', onError)
    secure.once('close', onClose)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
