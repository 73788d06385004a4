// TLS handshake over an already connected socket (implicit TLS on 465/993, or after STARTTLS).
//
// The probe validates the certificate chain and the host name with Node's normal checks, but
// reports a failure as a finding instead of aborting, so the person sees *why* (expired, wrong
// host, self-signed, an antivirus root). Nothing secret is ever sent by a probe; code that signs
// in must refuse a session whose `certificate.verified` is false.
import net from 'node:net'
import tls from 'node:tls'
import type { CertificateSummary, TlsSummary } from '@shared/model'
import { isIPv4, isIPv6 } from '@shared/validate'
import { abortReason } from '../deadline'

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
  /** Extra trusted roots (tests); the system's roots and NODE_EXTRA_CA_CERTS are always trusted. */
  ca?: string[]
}

const contexts = new Map<string, tls.SecureContext>()

/**
 * A secure context trusting the system's roots plus `ca`, built once per CA set and minimum
 * version: parsing ~150 root certificates on every handshake costs tens of milliseconds.
 */
export function secureContextTrusting(ca: string[], minVersion: tls.SecureVersion = 'TLSv1'): tls.SecureContext {
  const key = `${minVersion}\n${ca.join('\n')}`
  let context = contexts.get(key)
  if (!context) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...ca], minVersion })
    contexts.set(key, context)
  }
  return context
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

export function summariseCertificate(socket: tls.TLSSocket): CertificateSummary | null {
  const cert = socket.getPeerCertificate(false)
  if (!cert || Object.keys(cert).length === 0) return null
  const verifyError = socket.authorized ? null : String(socket.authorizationError ?? 'UNKNOWN')
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
    verified: socket.authorized,
    verifyError,
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
      secureContext: options.ca ? secureContextTrusting(options.ca) : undefined,
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
          certificate: summariseCertificate(secure),
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
