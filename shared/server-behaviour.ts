// What a mail server did before sign-in, as ONE name that `probe`, `send` and the IMAP read-back
// all use (issue 14). Pure: a step and the server's answer in, a behaviour code (or null: the
// answer was the expected one) out. The engine's probes call these rules on the replies they
// parse themselves; the sign-in classifier (send-classify.ts) calls them on what nodemailer and
// imapflow reported, so one server's behaviour gets one name whichever command met it.

/** The server's behaviour, as a stable code (style.md §7). Add new codes here and in BEHAVIOUR_WORDS. */
export type ServerBehaviour =
  /** 421 before sign-in: busy, limiting connections, or closing. */
  | 'server-busy'
  /** The greeting was a real SMTP/IMAP/POP3 refusal (554, 221, BYE, -ERR, ...). */
  | 'greeting-refused'
  /** The first bytes were not a mail protocol at all (an HTTP server, a banner of another service). */
  | 'not-mail-server'
  /** EHLO got anything but 250 (5xx, 354, 220, 221, ...), with or without a HELO fallback. */
  | 'ehlo-refused'
  /** STARTTLS was not offered, or the server does not know the command (500/502). */
  | 'starttls-missing'
  /** STARTTLS was offered but answered with anything but 220 / OK (454, 530, 221, NO, BAD). */
  | 'starttls-refused'
  /** Bytes arrived after the STARTTLS go-ahead, before the handshake (CVE-2011-0411). */
  | 'starttls-injection'
  /** A basic command (RSET) was refused. */
  | 'command-refused'
  /** A reply larger than any honest server sends (a 1 MB line, 100,000 EHLO lines, a huge literal). */
  | 'reply-too-large'
  /** IMAP PREAUTH on an unencrypted connection: no sign-in, so no STARTTLS, so nothing is protected. */
  | 'preauth-plaintext'

/** SMTP steps before sign-in whose replies are judged. */
export type SmtpStep = 'greeting' | 'ehlo' | 'starttls' | 'rset'

/** The reply each step must get; anything else is named by the step. */
const EXPECTED: Record<SmtpStep, number> = { greeting: 220, ehlo: 250, starttls: 220, rset: 250 }
const REFUSED: Record<SmtpStep, ServerBehaviour> = { greeting: 'greeting-refused', ehlo: 'ehlo-refused', starttls: 'starttls-refused', rset: 'command-refused' }

/**
 * The reply to one SMTP step, judged. `code` null: the answer was not an SMTP reply at all.
 * 421 is always "busy" (RFC 5321 §3.8); STARTTLS unknown to the server (500, 502) means it is
 * missing, not refused; every other unexpected code is the step's refusal — 530 included, which
 * before sign-in means "TLS first" or "not here", never "your password was wrong".
 */
export function judgeSmtpReply(step: SmtpStep, code: number | null): ServerBehaviour | null {
  if (code === null || !Number.isInteger(code) || code < 200 || code > 599) return step === 'greeting' ? 'not-mail-server' : REFUSED[step]
  if (code === EXPECTED[step]) return null
  if (code === 421) return 'server-busy'
  if (step === 'starttls' && (code === 500 || code === 502)) return 'starttls-missing'
  return REFUSED[step]
}

/** The step a nodemailer command name stands for (`CONN` is the greeting); null: not judged here. */
export function smtpStepOf(command: string | null | undefined): SmtpStep | null {
  const verb = (command ?? '').trim().toUpperCase()
  if (verb === 'CONN') return 'greeting'
  if (verb === 'EHLO' || verb === 'HELO' || verb === 'LHLO') return 'ehlo'
  if (verb === 'STARTTLS') return 'starttls'
  if (verb === 'RSET') return 'rset'
  return null
}

/** The reply code at the start of a server line ("554 5.7.1 no" → 554); null if there is none. */
export function replyCodeOf(text: string | null | undefined): number | null {
  const match = /^(\d{3})(?:[ -]|$)/.exec(text ?? '')
  return match ? Number(match[1]) : null
}

export type ImapGreeting = 'OK' | 'PREAUTH' | 'BYE' | 'NO' | 'BAD' | 'other'

/** An IMAP greeting, judged; `secure`: the connection is already TLS (PREAUTH there is fine). */
export function judgeImapGreeting(status: ImapGreeting, secure: boolean): ServerBehaviour | null {
  if (status === 'OK') return null
  if (status === 'PREAUTH') return secure ? null : 'preauth-plaintext'
  if (status === 'other') return 'not-mail-server'
  return 'greeting-refused'
}

/** Title and advice per behaviour; `where` names the endpoint ("SMTP host:587 (STARTTLS)"). */
export interface BehaviourWords {
  title: (where: string, reply: string) => string
  advice: string
  seeAlso?: 'port25'
}

const NO_PASSWORD = 'ClearPort stopped before sending your password.'

export const BEHAVIOUR_WORDS: Record<ServerBehaviour, BehaviourWords> = {
  'server-busy': {
    title: (where) => `${where} is busy or closing the connection (421).`,
    advice: 'The server asked to try again later: it is overloaded, limits connections from your address, or is being restarted. Wait a few minutes and try again; if it persists, the provider may be limiting this network.',
  },
  'greeting-refused': {
    title: (where, reply) => `${where} refused the connection in its greeting${reply}.`,
    advice: `The server answered, but with a refusal instead of a welcome: it does not take connections from this address or network (a block list, a country or provider filter), or this is not the right port for sending. ${NO_PASSWORD} A 530 here usually means "TLS first": try SSL/TLS on port 465 (SMTP) or 993 (IMAP). Otherwise check the server name and port with your provider; if they are right, the provider is refusing this network.`,
    seeAlso: 'port25',
  },
  'not-mail-server': {
    title: (where) => `${where} is not a mail server: it answered in another protocol.`,
    advice: `Something answers on this port, but it does not speak mail (it looked like a web server or another service). ${NO_PASSWORD} Check the port number (SMTP: 465 or 587, IMAP: 993 or 143); a proxy or captive portal on this network may also be answering for every port.`,
    seeAlso: 'port25',
  },
  'ehlo-refused': {
    title: (where, reply) => `${where} refused the EHLO greeting${reply}.`,
    advice: `The server would not start an ESMTP session (EHLO is how every mail program introduces itself; without it there is no encryption and no sign-in). ClearPort closed the connection. ${NO_PASSWORD} A 530 here usually means the server wants TLS first: try SSL/TLS on port 465. Otherwise the server refuses this network or is misconfigured.`,
  },
  'starttls-missing': {
    title: (where) => `${where} did not upgrade to TLS with STARTTLS.`,
    advice: 'The server (or something between you and it) did not offer STARTTLS. ClearPort does not send a password over an unencrypted connection. Use SSL/TLS on port 465 (SMTP) or 993 (IMAP); if STARTTLS is missing only on this network, the network is stripping it.',
    seeAlso: 'port25',
  },
  'starttls-refused': {
    title: (where, reply) => `${where} offered STARTTLS but refused to start it${reply}.`,
    advice: `The server announced encryption and then would not switch it on (a temporary TLS fault on the server, a missing certificate, or a middlebox interfering). This is a TLS problem, not a sign-in or greylisting one. ${NO_PASSWORD} Try SSL/TLS on port 465 (SMTP) or 993 (IMAP); if it persists, tell your provider STARTTLS fails.`,
    seeAlso: 'port25',
  },
  'starttls-injection': {
    title: (where) => `Data was slipped into the connection to ${where} right after STARTTLS.`,
    advice: `Bytes arrived after the server's go-ahead for TLS and before the encrypted session began: something on the way is injecting commands or replies (the attack of CVE-2011-0411), or the server is badly broken. ClearPort threw them away and did not sign in. ${NO_PASSWORD} Use SSL/TLS (465 / 993), which leaves no plain-text moment, and check the network you are on.`,
    seeAlso: 'port25',
  },
  'command-refused': {
    title: (where, reply) => `${where} refused a basic SMTP command${reply}.`,
    advice: 'The server refused RSET, a command every SMTP server must accept; ClearPort closed the connection. The server is misconfigured or something in between rewrites the conversation; tell your provider.',
  },
  'reply-too-large': {
    title: (where) => `${where} sent an answer far larger than any mail server sends.`,
    advice: `A single reply ran past ClearPort's limits (a line of a megabyte, an EHLO list of many thousand lines, or a huge IMAP literal). Honest servers send a few hundred bytes; ClearPort closed the connection rather than buffer it. ${NO_PASSWORD} This is a broken or hostile server, or something in between; check the server name.`,
  },
  'preauth-plaintext': {
    title: (where) => `${where} skipped sign-in (PREAUTH) on an unencrypted connection.`,
    advice: `The server declared the session signed in before any password, so STARTTLS is no longer possible (RFC 9051 §6.2.1) and everything would travel unencrypted; a man in the middle answers PREAUTH for exactly that reason. ClearPort refused the session. ${NO_PASSWORD} Use SSL/TLS on port 993.`,
    seeAlso: 'port25',
  },
}
