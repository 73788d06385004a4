// The whole proof, as a mail program would do it: resolve → connect (exact socket type) → sign in →
// check the envelope or send a test message → quit → (optionally) read it back over IMAP.
// Returns a SendResult for every outcome the servers can cause (a classified problem, never a
// throw); throws only when the person cancels. Everything returned passes through the redactor.
import { classifySendError, isCertificateCode, looksLikeInterception, socketMismatch, type ReadBackOutcome, type SendProblem, type SendRequest, type SendResult } from '@shared/send'
import type { CertificateSummary } from '@shared/model'
import { DeadlineError, SIGN_IN_DNS_LOOKUP_MS, isCancel, scope, withScope } from '../deadline'
import { DnsClient } from '../net/dns'
import type { CredentialsProvider } from './credentials'
import { inspectCertificate, speaksTls } from './diagnose'
import { factsFrom } from './facts'
import { createRedactor, redactDeep, type Redactor } from './redact'
import { defaultImapTimeouts, readBack, type ImapTimeouts } from './readback'
import { reach } from './reach'
import { composeTestMessage, newToken, sendTestMessage } from './send'
import { checkEnvelope } from './smtp-check'
import { SmtpSession, defaultSmtpTimeouts, type SmtpTimeouts } from './smtp-session'
import { StageError, Stages, type SendProgress } from './stages'
import { SmtpTranscript } from './transcript'

export interface TestSendOptions {
  request: SendRequest
  /** The secret for this one attempt; the caller disposes it afterwards. */
  credentials: CredentialsProvider
  /** "ip[:port]" of the DNS server to ask; absent: the system's. */
  dnsServer?: string
  /** Extra trusted roots (tests with their own CA). */
  ca?: string[]
  smtpTimeouts?: Partial<SmtpTimeouts>
  imapTimeouts?: Partial<ImapTimeouts>
  /** How long to wait for the message to arrive in the mailbox. */
  readBackWaitMs?: number
  pollMs?: number
  /** The whole attempt, ms. */
  overallMs?: number
  signal?: AbortSignal
  onProgress?: (event: SendProgress) => void
}

/** Errors where another address of the same host might still work. */
function connectLevel(error: unknown): boolean {
  const e = error as { code?: unknown; originalCode?: unknown; timeoutType?: unknown } | null
  if (!e) return false
  if (e.code === 'ESOCKET' && ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(String(e.originalCode))) return true
  return e.code === 'ETIMEDOUT' && e.timeoutType === 'CONNECT_TIMEOUT'
}

export async function testSend(options: TestSendOptions): Promise<SendResult> {
  const { request, credentials } = options
  const redact = createRedactor(credentials.user, credentials.secrets())
  const t0 = performance.now()
  const smtpTimeouts = { ...defaultSmtpTimeouts, ...options.smtpTimeouts }
  const imapTimeouts = { ...defaultImapTimeouts, ...options.imapTimeouts }
  const overall = scope(options.signal, options.overallMs ?? 240_000, 'the whole test')
  const signal = overall.signal
  const dns = new DnsClient({ server: options.dnsServer })
  const transcript = new SmtpTranscript(redact)
  const stages = new Stages(redact, options.onProgress)
  const result: SendResult = {
    request,
    ok: false,
    smtp: {
      connectedAddress: null,
      tls: null,
      offeredAuth: [],
      mechanism: null,
      signedIn: false,
      finalReply: null,
      accepted: [],
      rejected: [],
      token: null,
      messageId: null,
      serverMessageId: null,
    },
    readBack: null,
    timings: stages.timings,
    problem: null,
    warnings: [],
    transcript: transcript.lines,
    startedAt: new Date().toISOString(),
    elapsedMs: 0,
  }
  for (const [service, endpoint] of [['smtp', request.smtp], ['imap', request.imap]] as const) {
    const mismatch = endpoint && (service === 'smtp' || request.readBack) ? socketMismatch(service, endpoint) : null
    if (mismatch) result.warnings.push(mismatch)
  }
  let session: SmtpSession | null = null
  /** The address of the endpoint being talked to, for the follow-up diagnosis. */
  let address: string | null = null
  try {
    // ---- SMTP
    const { host, port, socket } = request.smtp
    const dnsStarted = performance.now()
    const addresses = await stages.run(
      'smtp',
      'resolve',
      () => withScope(signal, SIGN_IN_DNS_LOOKUP_MS, 'DNS look-up', (s) => dns.addresses(host, s)),
      (found) => found.map((a) => a.address).join(', '),
    )
    session = await stages.run(
      'smtp',
      'connect',
      async () => {
        // A port this network drops is known in about a second, not after nodemailer's 20 s.
        const reached = await reach(addresses.map((a) => a.address), port, { signal, observedRttMs: Math.round(performance.now() - dnsStarted) })
        let lastError: unknown = null
        for (const candidate of reached.order) {
          address = candidate
          try {
            return await SmtpSession.open({ host, address: candidate, port, socket, ca: options.ca, timeouts: smtpTimeouts, transcript, signal })
          } catch (error) {
            lastError = error
            if (!connectLevel(error) || isCancel(error)) throw error
            transcript.info(`${candidate}: ${error instanceof Error ? error.message : String(error)}; trying the next address`)
          }
        }
        throw lastError ?? new Error('no address to connect to')
      },
      (s) => `${s.connectedAddress ?? address ?? '?'}${s.verifiedTls ? ` over ${s.tlsSummary()?.protocol ?? 'TLS'}` : ' without TLS'}`,
    )
    result.smtp.connectedAddress = session.connectedAddress
    result.smtp.tls = session.tlsSummary()
    result.smtp.offeredAuth = transcript.offeredAuth() ?? []
    const warning = trustWarning(result.smtp.tls?.certificate ?? null, `${host}:${port}`)
    if (warning) result.warnings.push(warning)
    const open = session
    await stages.run(
      'smtp',
      'auth',
      () => open.login(credentials, request.mechanism, request.allowPlaintextAuth),
      () => `signed in as ${credentials.user}${open.mechanismUsed() ? ` with ${open.mechanismUsed()}` : ''}`,
    )
    result.smtp.signedIn = true
    result.smtp.mechanism = open.mechanismUsed()
    let sentAt = 0
    if (request.mode === 'check') {
      const envelope = await stages.run('smtp', 'envelope', () => checkEnvelope(open, request.address, request.to, transcript.offers('SMTPUTF8')), (e) => e.rcptReply)
      result.smtp.finalReply = envelope.rcptReply
      result.smtp.accepted = [request.to]
      await stages.run('smtp', 'reset', () => open.reset())
    } else {
      const message = await composeTestMessage({ from: request.address, to: request.to, token: newToken() })
      result.smtp.token = message.token
      result.smtp.messageId = message.messageId
      const sent = await stages.run('smtp', 'data', () => sendTestMessage(open, request.address, request.to, message), (s) => s.finalReply)
      sentAt = performance.now()
      result.smtp.finalReply = sent.finalReply
      result.smtp.accepted = sent.accepted
      result.smtp.rejected = sent.rejected
      result.smtp.serverMessageId = sent.serverMessageId
    }
    await stages.run('smtp', 'quit', () => open.quit(), (clean) => (clean ? 'closed' : 'closed without a reply to QUIT'))
    session = null

    // ---- IMAP read-back
    if (request.readBack && request.mode === 'send' && request.imap && result.smtp.token) {
      const imap = request.imap
      const outcome: ReadBackOutcome = {
        connectedAddress: null,
        tls: null,
        arrived: false,
        mailbox: null,
        uid: null,
        deliveryMs: null,
        pollMs: options.pollMs ?? 1000,
        deleted: false,
      }
      result.readBack = outcome
      address = null
      const imapDnsStarted = performance.now()
      const imapAddresses = await stages.run(
        'imap',
        'imap-resolve',
        () => withScope(signal, SIGN_IN_DNS_LOOKUP_MS, 'DNS look-up', (s) => dns.addresses(imap.host, s)),
        (found) => found.map((a) => a.address).join(', '),
      )
      address = imapAddresses[0]?.address ?? null
      // The same patience for the incoming server: a dropped IMAP port is named within seconds.
      // Only a failure is a stage of its own here; on success the read-back's connect is the stage.
      const imapReached = await reach(imapAddresses.map((a) => a.address), imap.port, { signal, observedRttMs: Math.round(performance.now() - imapDnsStarted) }).catch(
        (error: unknown) => (isCancel(error) ? Promise.reject(error) : stages.run('imap', 'imap-connect', () => Promise.reject(error))),
      )
      address = imapReached.order[0] ?? address
      await readBack({
        host: imap.host,
        address: address ?? imap.host,
        port: imap.port,
        socket: imap.socket,
        ca: options.ca,
        credentials,
        allowPlaintextAuth: request.allowPlaintextAuth,
        token: result.smtp.token,
        sentAt,
        waitMs: options.readBackWaitMs ?? 60_000,
        pollMs: outcome.pollMs,
        deleteAfter: request.deleteAfter,
        timeouts: imapTimeouts,
        signal,
        stages,
        outcome,
      })
      const imapWarning = trustWarning(outcome.tls?.certificate ?? null, `${imap.host}:${imap.port}`)
      if (imapWarning) result.warnings.push(imapWarning)
    }
    result.ok = true
  } catch (error) {
    const stageError = error instanceof StageError ? error : null
    const cause = stageError ? stageError.cause : error
    // The person cancelled: that is no finding, the caller says "cancelled".
    if (isCancel(cause) && options.signal?.aborted) throw cause
    result.problem = await explain(cause, stageError, request, address, transcript, options, redact)
  } finally {
    session?.close()
    overall.dispose()
    result.elapsedMs = Math.round(performance.now() - t0)
  }
  return redactDeep(result, redact)
}

/**
 * A chain that verified but whose root is no public authority: an antivirus or company proxy
 * reading the connection (its root installed in the OS store, which ClearPort trusts as mail
 * programs do). Worth a word even though it works.
 */
function trustWarning(certificate: CertificateSummary | null, where: string): string | null {
  if (!certificate?.verified) return null
  if (looksLikeInterception(certificate.issuer)) {
    return `The certificate of ${where} was issued by "${certificate.issuer}", which looks like an antivirus or proxy reading encrypted mail. It is trusted on this computer, but your mail passes through it.`
  }
  if (certificate.trustedBy === 'system') {
    return `The certificate of ${where} was vouched for by a root installed in this computer's own certificate store ("${certificate.issuer}"), not by a public authority: usually a company network or security software that inspects encrypted traffic. Your mail program trusts it too, but your mail passes through it.`
  }
  return null
}

async function explain(
  cause: unknown,
  stageError: StageError | null,
  request: SendRequest,
  address: string | null,
  transcript: SmtpTranscript,
  options: TestSendOptions,
  redact: Redactor,
): Promise<SendProblem> {
  const service = stageError?.service ?? 'smtp'
  const endpoint = service === 'imap' && request.imap ? request.imap : request.smtp
  const facts = factsFrom(cause, {
    service,
    stage: stageError?.stage ?? 'connect',
    host: endpoint.host,
    port: endpoint.port,
    socket: endpoint.socket,
    auth: request.auth,
  })
  if (service === 'smtp') {
    facts.offeredAuth = transcript.offeredAuth()
    // Bytes followed the go-ahead for TLS and TLS never came up: the probe's name for it too.
    if (transcript.injectedBytes > 0 && !transcript.upgraded && facts.stage === 'connect') facts.behaviour = 'starttls-injection'
  }
  // Follow-up looks (no credentials) under the person's signal: the attempt's own scope may be
  // the thing that expired.
  const diagnoseSignal = options.signal ?? new AbortController().signal
  if (address && !(cause instanceof DeadlineError)) {
    const target = { service, host: endpoint.host, address, port: endpoint.port, socket: endpoint.socket, ca: options.ca, signal: diagnoseSignal }
    if (isCertificateCode(facts.originalCode) || isCertificateCode(facts.code)) {
      const certificate = await inspectCertificate(target)
      if (certificate) facts.certificate = { issuer: certificate.issuer, subject: certificate.subject, verifyError: certificate.verifyError }
    }
    const greeting = facts.timeoutType === 'GREETING_TIMEOUT' || facts.code === 'GREETING_TIMEOUT'
    if (greeting && endpoint.socket !== 'SSL') facts.portSpeaksTls = await speaksTls(target)
  }
  // The classifier quotes the server; it gets the server's words already redacted, so its own
  // title and advice never need searching for echoes (redact.ts).
  return classifySendError(redactDeep(facts, redact))
}
