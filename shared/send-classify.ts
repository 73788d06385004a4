// The PURE classifier of sign-in and test-send failures: what nodemailer, imapflow and Node
// reported (SendErrorFacts) → one code, a title and a paragraph a person can act on.
// Facts behind the rules: ../shared/field-notes.md ("Submission ports", "Authentication in 2026",
// "Client hazards") and toolchain.md §5 (nodemailer's error matrix).
import { printable } from './printable'
import type { SendErrorFacts, SendProblem, SendService } from './send'
import { certificateVerdict, isCertificateCode } from './send-certificate'
import { BEHAVIOUR_WORDS, judgeSmtpReply, replyCodeOf, smtpStepOf, type ServerBehaviour } from './server-behaviour'

/** Ports that speak TLS from the first byte, per service (RFC 8314). */
export const TLS_PORTS: Record<SendService, number[]> = { smtp: [465], imap: [993] }
/** Server words are hostile: no control characters, bounded length. */
export function cleanReply(text: string | null | undefined, max = 300): string | null {
  if (typeof text !== 'string' || text.trim() === '') return null
  const clean = printable(text).trim()
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}

// ---------------------------------------------------------------------------------------------
// The classifier

const REFUSED = new Set(['ECONNREFUSED'])
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'EACCES', 'EPERM'])
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])
const DNS = new Set(['ENOTFOUND', 'ENODATA', 'EAI_AGAIN', 'ETIMEOUT', 'ESERVFAIL', 'EREFUSED', 'EDNS', 'NoConnection'])

function isGmail(facts: SendErrorFacts): boolean {
  return /(^|\.)(gmail|googlemail|google)\.com$/i.test(facts.host) || /gsmtp|support\.google\.com|google\.com\/mail/i.test(facts.response ?? '')
}

function isMicrosoft(facts: SendErrorFacts): boolean {
  return /(^|\.)(office365|outlook|hotmail|live)\.com$/i.test(facts.host) || /outlook\.|office365|microsoft|protection\.outlook/i.test(facts.response ?? '')
}

function where(facts: SendErrorFacts): string {
  return `${facts.service.toUpperCase()} ${facts.host}:${facts.port} (${facts.socket})`
}

type Verdict = Pick<SendProblem, 'code' | 'title' | 'advice'> & { seeAlso?: 'port25' }

// ---------------------------------------------------------------------------------------------
// What the server did before sign-in: the rules `probe` uses too (server-behaviour.ts)

/** imapflow's codes for an answer past its limits. */
const TOO_LARGE = new Set(['LineTooLarge', 'LiteralTooLarge', 'ResponseTooLarge', 'TooManyTokens', 'TooManyResponses', 'MAX_IMAP_NESTING_REACHED'])
/** Library codes that mean ClearPort called the library wrongly: its own bug, `internal`. */
const MISUSE = new Set(['InstanceReused', 'NoMailboxSelected', 'InvalidSearchQuery', 'InvalidSequenceSet', 'UnsupportedTransportOption', 'ERR_INVALID_URL', 'CLEARPORT_DISPOSED'])
/** nodemailer's codes for a session step that got the wrong reply (toolchain.md §5). */
const STEP_FAILURE = new Set(['EPROTOCOL', 'ECONNECTION', 'ETLS'])

function behaviourOf(facts: SendErrorFacts): ServerBehaviour | null {
  if (facts.behaviour) return facts.behaviour
  const codes = [facts.code, facts.originalCode]
  const message = facts.message ?? ''
  if (codes.some((c) => c !== null && TOO_LARGE.has(c)) || /response exceeds maximum allowed size/i.test(message)) return 'reply-too-large'
  if (codes.includes('STARTTLS_INJECTION')) return 'starttls-injection'
  if (facts.service === 'imap') {
    if (/after a PREAUTH greeting/i.test(message)) return 'preauth-plaintext'
    if (/does not support STARTTLS/i.test(message)) return 'starttls-missing'
    return null
  }
  const step = smtpStepOf(facts.command)
  if (step === null || facts.response === null || !STEP_FAILURE.has(facts.code ?? '')) return null
  return judgeSmtpReply(step, facts.responseCode ?? replyCodeOf(facts.response))
}

function behaviourVerdict(facts: SendErrorFacts, behaviour: ServerBehaviour): Verdict {
  const words = BEHAVIOUR_WORDS[behaviour]
  const reply = facts.response ? ` ("${cleanReply(facts.response, 80)}")` : ''
  return { code: behaviour, title: words.title(where(facts), reply), advice: words.advice, ...(words.seeAlso && { seeAlso: words.seeAlso }) }
}

const PORT_CHECK = 'Run the port check ("clearport port25", or the first step in the app) to see which ports this network lets out.'

function replyVerdict(facts: SendErrorFacts): Verdict | null {
  const reply = facts.response ?? ''
  const rc = facts.responseCode
  const command = (facts.command ?? '').toUpperCase()
  const isAuth = command.startsWith('AUTH') || command.startsWith('LOGIN') || facts.stage === 'auth' || facts.authenticationFailed
  // Microsoft: basic authentication switched off for the tenant or the user (field-notes.md,
  // "Authentication in 2026"): 535 5.7.139 and 550 5.7.30, whatever command they answer.
  if (/5\.7\.139/.test(reply) || /5\.7\.30\b/.test(reply) || /basic auth(entication)? is (not supported|disabled)|SmtpClientAuthentication is disabled/i.test(reply)) {
    return {
      code: 'basic-auth-disabled',
      title: `${facts.host} no longer accepts a password sign-in for sending.`,
      advice:
        'Microsoft has switched off password ("basic") sign-in for SMTP on this account or organisation. Outlook.com accounts need OAuth2 (a sign-in through Microsoft’s page) since September 2024; for Microsoft 365 an administrator can enable "Authenticated SMTP" for the mailbox, or use a mail program that signs in with OAuth2.',
    }
  }
  // Gmail: an account with 2-Step Verification takes an app password, never the normal one.
  if (/5\.7\.9\b|application-specific password|app password/i.test(reply)) {
    return {
      code: 'app-password-required',
      title: `${facts.host} wants an app password, not your account password.`,
      advice:
        'Google accepts only an app password (16 letters, created under Security → App passwords, which needs 2-Step Verification) or OAuth2 for mail programs. Create one and use it here and in your mail program.',
    }
  }
  if (rc === 421) return behaviourVerdict(facts, 'server-busy')
  if (rc === 530 || (!isAuth && /authentication required/i.test(reply))) {
    return {
      code: 'auth-required',
      title: `${where(facts)} requires a sign-in before it takes mail.`,
      advice: 'The server refused to accept mail without authentication. Make sure the outgoing server is set to sign in (usually with the same name and password as incoming mail); if ClearPort did sign in, the server did not count it — check the user name.',
    }
  }
  if (isAuth && (rc === 504 || rc === 502 || /unrecognized authentication type|mechanism not supported|unsupported auth/i.test(reply))) {
    return {
      code: 'auth-not-offered',
      title: `${where(facts)} does not offer this way of signing in.`,
      advice: `The server refused the sign-in method${facts.offeredAuth && facts.offeredAuth.length > 0 ? ` (it offers ${facts.offeredAuth.join(', ')})` : ''}. ${facts.auth === 'oauth2' ? 'This server may not accept OAuth2 tokens for SMTP; use a password or app password if the provider allows it.' : 'Choose a method the server offers.'}`,
    }
  }
  if (isAuth && (rc === 535 || rc === 534 || rc === 454 || (rc !== null && rc >= 500) || facts.code === 'EAUTH' || facts.authenticationFailed)) {
    if (facts.auth === 'oauth2') {
      return {
        code: 'auth-failed',
        title: `${facts.host} refused the access token.`,
        advice: `The OAuth2 token was not accepted for ${facts.service.toUpperCase()}. Tokens expire after about an hour; it may also lack the mail scope (Google: https://mail.google.com/, Microsoft: https://outlook.office.com/SMTP.Send and IMAP.AccessAsUser.All) or belong to another user name. Get a fresh token for this address and try again.`,
      }
    }
    const gmail = isGmail(facts)
      ? ' Gmail accepts only an app password (needs 2-Step Verification) or OAuth2, never your Google account password.'
      : isMicrosoft(facts)
        ? ' Microsoft accounts may need OAuth2 instead of a password.'
        : ''
    return {
      code: 'auth-failed',
      title: `${where(facts)} refused the user name or password${rc ? ` (${rc})` : ''}.`,
      advice: `Check the password and the user name (many providers want the full address as the user name).${gmail} A provider may also lock sign-ins after several failures or from a new location: its web mail usually says so.`,
    }
  }
  if (rc !== null && rc >= 500 && command.startsWith('MAIL')) {
    return {
      code: 'sender-denied',
      title: `${where(facts)} does not let this account send as this address (${rc}).`,
      advice: 'The server refused the sender address. Send from the address that belongs to the account you signed in with; providers refuse other "From" addresses unless they are added as aliases.',
    }
  }
  if (rc !== null && rc >= 500 && command.startsWith('RCPT')) {
    if (/relay|5\.7\.1\b|not permitted|denied|not allowed/i.test(reply)) {
      return {
        code: 'relay-denied',
        title: `${where(facts)} will not pass mail on for you (relaying denied, ${rc}).`,
        advice: 'The server treats you as a stranger: the sign-in did not count for sending, or this is an incoming (MX) server rather than the outgoing one. Use the provider’s submission server (port 587 or 465) and sign in there.',
      }
    }
    return {
      code: 'recipient-rejected',
      title: `${where(facts)} refused the recipient (${rc}).`,
      advice: 'The server does not accept mail for this address. Check the address for typing errors.',
    }
  }
  if (rc !== null && rc >= 500 && facts.stage === 'data') {
    return {
      code: 'message-rejected',
      title: `${where(facts)} refused the test message (${rc}).`,
      advice: 'The server took the envelope but refused the message itself (a spam or policy filter, or a sending limit). Its reply below says why.',
    }
  }
  if (rc !== null && rc >= 400 && rc < 500) {
    return {
      code: 'temporary-failure',
      title: `${where(facts)} answered with a temporary failure (${rc}).`,
      advice: 'The server asked to try again later (greylisting, a sending limit or a passing fault). Wait a few minutes and try again.',
    }
  }
  return null
}

function connectionVerdict(facts: SendErrorFacts): Verdict | null {
  const codes = [facts.originalCode, facts.code].filter((c): c is string => typeof c === 'string')
  const message = facts.message ?? ''
  if (codes.some((c) => c === 'ERR_SSL_WRONG_VERSION_NUMBER') || /wrong version number/i.test(message)) {
    return {
      code: 'tls-on-starttls-port',
      title: `${where(facts)} does not speak TLS from the first byte ("wrong version number").`,
      advice: `ClearPort started TLS at once, but the server answered in plain text: this port expects STARTTLS. Set the connection security to STARTTLS for port ${facts.port}, or use the server's TLS port (${facts.service === 'smtp' ? '465' : '993'}) with SSL/TLS.`,
    }
  }
  const greeting = facts.timeoutType === 'GREETING_TIMEOUT' || /greeting/i.test(`${facts.code ?? ''} ${message}`)
  if (greeting && facts.socket !== 'SSL') {
    if (facts.portSpeaksTls === true || TLS_PORTS[facts.service].includes(facts.port)) {
      return {
        code: 'plaintext-on-tls-port',
        title: `${where(facts)} waits for TLS, so its greeting never came.`,
        advice: `Port ${facts.port} speaks TLS from the first byte${facts.portSpeaksTls ? ' (ClearPort checked: a TLS handshake there works)' : ''}. Set the connection security to SSL/TLS for this port, or use STARTTLS on port ${facts.service === 'smtp' ? '587' : '143'}.`,
      }
    }
    return {
      code: 'greeting-timeout',
      title: `${where(facts)} accepted the connection but never greeted.`,
      advice: 'Something took the connection and said nothing: an overloaded server, a firewall or antivirus holding the connection, or a port that expects TLS first. Try SSL/TLS on 465 or STARTTLS on 587.',
      seeAlso: 'port25',
    }
  }
  if (greeting) {
    return {
      code: 'greeting-timeout',
      title: `${where(facts)} never greeted after the TLS handshake.`,
      advice: 'The TLS connection was made but the server said nothing. The server may be overloaded or something in between is holding the connection; try again, or try STARTTLS on port 587.',
      seeAlso: 'port25',
    }
  }
  if (codes.some((c) => DNS.has(c)) || facts.code === 'EDNS' || facts.stage === 'resolve' || facts.stage === 'imap-resolve') {
    return {
      code: 'dns-failed',
      title: `The server name ${facts.host} could not be looked up.`,
      advice: 'Check the server name for typing errors. If it is right, this computer’s DNS is failing: check the network connection, or try another DNS server.',
    }
  }
  if (codes.some((c) => REFUSED.has(c))) {
    return {
      code: 'connection-refused',
      title: `${where(facts)} refused the connection.`,
      advice: `Nothing listens on port ${facts.port} there, or a firewall answered for it. Check the port number; if the port is right, this network may block it. ${PORT_CHECK}`,
      seeAlso: 'port25',
    }
  }
  if (codes.some((c) => UNREACHABLE.has(c))) {
    return {
      code: 'network-unreachable',
      title: `${where(facts)} cannot be reached from this network.`,
      advice: `The network reported that the server is unreachable (no route, or a firewall rejecting it). Check the connection; if other sites work, this network blocks the port. ${PORT_CHECK}`,
      seeAlso: 'port25',
    }
  }
  if (facts.timeoutType === 'CONNECT_TIMEOUT' || codes.includes('CONNECT_TIMEOUT') || (codes.includes('ETIMEDOUT') && facts.timeoutType === null && facts.stage === 'connect')) {
    return {
      code: 'connection-timeout',
      title: `Could not connect to ${where(facts)} — this network seems to block port ${facts.port}.`,
      advice: `The connection attempt went unanswered: a firewall on this network (or at the provider) is dropping it. Many home and cloud networks drop outgoing mail ports; try the other submission port (465 or 587). ${PORT_CHECK}`,
      seeAlso: 'port25',
    }
  }
  if (codes.some((c) => isCertificateCode(c))) {
    return certificateVerdict(facts, codes.find((c) => isCertificateCode(c)) ?? '')
  }
  if (codes.some((c) => c.startsWith('ERR_SSL_') || c === 'ETLS') || (facts.code === 'ESOCKET' && /ssl|tls/i.test(message))) {
    return {
      code: 'tls-failed',
      title: `The TLS handshake with ${where(facts)} failed.`,
      advice: 'The server and ClearPort could not agree on encryption (an old TLS version, or the connection was cut during the handshake). ClearPort stopped before sending your password. A server that offers only outdated TLS needs updating by its provider.',
    }
  }
  if (codes.some((c) => LOST.has(c)) || facts.code === 'ECONNECTION' || (facts.code !== 'EAUTH' && /closed|reset/i.test(message))) {
    return {
      code: 'connection-lost',
      title: `${where(facts)} closed the connection unexpectedly.`,
      advice: 'The server (or something in between) hung up mid-conversation. Try again; if it repeats, the server may be refusing this network, or a firewall cuts mail connections.',
      seeAlso: 'port25',
    }
  }
  if (facts.timeoutType !== null || codes.includes('ETIMEDOUT')) {
    return {
      code: 'deadline',
      title: `${where(facts)} stopped answering.`,
      advice: 'The server went silent in the middle of the conversation. Try again later; a server that keeps doing this is overloaded or throttling this network.',
    }
  }
  return null
}

/**
 * What went wrong, in one code and one paragraph. Pure: the same facts always give the same
 * problem. The order matters: ClearPort's own refusals and deadlines first, then the server's
 * words (a reply says more than a socket code), then the connection.
 */
export function classifySendError(facts: SendErrorFacts): SendProblem {
  const problem = (verdict: Verdict): SendProblem => ({
    ...verdict,
    service: facts.service,
    stage: facts.stage,
    response: cleanReply(facts.response),
    responseCode: facts.responseCode,
    command: cleanReply(facts.command, 60),
    detail: [facts.code, facts.originalCode, facts.timeoutType, facts.serverResponseCode].filter(Boolean).join(' / ') || 'no code',
    seeAlso: verdict.seeAlso ?? null,
  })
  if (facts.code === 'CLEARPORT_PLAINTEXT') {
    return problem({
      code: 'plaintext-auth-refused',
      title: `ClearPort did not send your password to ${where(facts)}: the connection is not encrypted.`,
      advice: `Anyone on the way could read a password sent like this. Use SSL/TLS (port ${facts.service === 'smtp' ? '465' : '993'}) or STARTTLS (port ${facts.service === 'smtp' ? '587' : '143'}). If you must test this server unencrypted, allow it for this one attempt (--allow-plaintext-auth).`,
    })
  }
  if (facts.code === 'CLEARPORT_NOT_DELIVERED') {
    return problem({
      code: 'not-delivered',
      title: 'The server accepted the test message, but it did not arrive in the mailbox in time.',
      advice: 'The outgoing side works. The message may be delayed, filtered into another folder, or the incoming server belongs to a different account. Look for it in your mail program (the subject starts with "ClearPort test") and check the spam folder.',
    })
  }
  if (facts.deadline !== null) {
    return problem({
      code: 'deadline',
      title: `${where(facts)} took longer than ${facts.deadline.ms} ms (${facts.deadline.step}); ClearPort closed the connection.`,
      advice: 'The server kept the connection open but did not finish its answer in time (a trickling or stuck server, or a very slow link). Mail programs wait forever here; try again later, or another port of the same provider.',
      seeAlso: 'port25',
    })
  }
  if (isCertificateCode(facts.originalCode) || isCertificateCode(facts.code) || facts.certificate?.verifyError) {
    const code = [facts.originalCode, facts.code, facts.certificate?.verifyError].find((c) => isCertificateCode(c)) ?? facts.certificate?.verifyError ?? ''
    return problem(certificateVerdict(facts, code))
  }
  const behaviour = behaviourOf(facts)
  if (behaviour) return problem(behaviourVerdict(facts, behaviour))
  const byReply = facts.responseCode !== null || facts.authenticationFailed || facts.code === 'EAUTH' ? replyVerdict(facts) : null
  if (byReply) return problem(byReply)
  const byConnection = connectionVerdict(facts)
  if (byConnection) return problem(byConnection)
  if (facts.code === 'EAUTH') {
    return problem({
      code: 'auth-failed',
      title: `Signing in to ${where(facts)} failed.`,
      advice: 'The sign-in did not complete. Check the user name and the password or token.',
    })
  }
  // Anything a server or library named (a reply, a code) is the server's doing: `protocol`.
  // `internal` is left for ClearPort's own bugs: an error with no code and no reply at all, or a
  // library's complaint about how ClearPort called it.
  const ours = (facts.responseCode === null && facts.response === null && facts.code === null && facts.originalCode === null) || MISUSE.has(facts.code ?? '')
  return problem({
    code: ours ? 'internal' : 'protocol',
    title: ours ? `Talking to ${where(facts)} failed unexpectedly.` : `${where(facts)} gave an answer ClearPort could not make sense of.`,
    advice: ours
      ? 'This looks like a fault in ClearPort itself. Try again; if it repeats, please report it with the details below.'
      : 'The details below show what happened. Try again; if it repeats, the transcript helps your provider’s support.',
  })
}

/** Facts with everything unknown: callers fill in what they know. */
export function emptyFacts(base: Pick<SendErrorFacts, 'service' | 'stage' | 'host' | 'port' | 'socket' | 'auth'>): SendErrorFacts {
  return {
    ...base,
    code: null,
    originalCode: null,
    timeoutType: null,
    responseCode: null,
    response: null,
    command: null,
    message: null,
    authenticationFailed: false,
    serverResponseCode: null,
    certificate: null,
    portSpeaksTls: null,
    offeredAuth: null,
    behaviour: null,
    deadline: null,
  }
}
