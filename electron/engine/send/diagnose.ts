// Follow-up looks after a failure, never carrying credentials: which certificate the server
// showed (the sign-in itself stops at a failed validation and so never sees it), and whether a
// port that never greeted speaks TLS from the first byte. They turn "certificate error" into
// "issued by Avast Mail Shield", and "greeting timeout" into "this is a TLS port".
import type net from 'node:net'
import type { CertificateSummary, SocketSecurity, TranscriptLine } from '@shared/model'
import { isCancel, scope, withScope } from '../deadline'
import { connectTcp } from '../net/tcp'
import { handshake } from '../net/tls'
import { smtpProbe } from '../smtp/session'

export interface DiagnoseTarget {
  service: 'smtp' | 'imap'
  /** The name the certificate must carry. */
  host: string
  address: string
  port: number
  socket: SocketSecurity
  ca?: string[]
  signal: AbortSignal
  /** Whole look, ms. */
  ms?: number
}

async function connected<T>(target: DiagnoseTarget, fn: (socket: net.Socket, signal: AbortSignal) => Promise<T>): Promise<T | null> {
  return withScope(target.signal, target.ms ?? 6000, 'diagnose', async (signal) => {
    const giveUp = scope(signal, Math.min(target.ms ?? 6000, 4000), 'connect')
    try {
      const tcp = await connectTcp(target.address, target.port, { signal, giveUp: giveUp.signal })
      if (!tcp.socket) return null
      const socket = tcp.socket
      try {
        return await fn(socket, signal)
      } finally {
        socket.destroy()
      }
    } finally {
      giveUp.dispose()
    }
  }).catch((error: unknown) => {
    // A cancel is the person's; anything else just means "no extra evidence".
    if (isCancel(error) && target.signal.aborted) throw error
    return null
  })
}

/** The certificate the server presents, validated but not enforced (null if none was seen). */
export async function inspectCertificate(target: DiagnoseTarget): Promise<CertificateSummary | null> {
  if (target.socket === 'plain') return null
  if (target.socket === 'SSL') {
    return connected(target, async (socket, signal) => {
      const secured = await handshake(socket, { host: target.host, signal, ca: target.ca })
      secured.socket.destroy()
      return secured.summary.certificate
    })
  }
  if (target.service !== 'smtp') return null
  return connected(target, async (socket, signal) => {
    const transcript: TranscriptLine[] = []
    const result = await smtpProbe(socket, { host: target.host, mode: 'starttls', ehloName: '[127.0.0.1]', signal, transcript, ca: target.ca })
    return result.tls?.certificate ?? null
  })
}

/** Whether a TLS handshake succeeds on this port from the first byte (any certificate). */
export async function speaksTls(target: DiagnoseTarget): Promise<boolean> {
  const found = await connected(target, async (socket, signal) => {
    const secured = await handshake(socket, { host: target.host, signal, ca: target.ca })
    secured.socket.destroy()
    return true
  })
  return found === true
}
