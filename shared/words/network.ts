// The network check in plain words, one place per fact, keyed by the check's vocabularies: the
// answer a person acts on (which port a mail program sends on), the port-25 fact for people who
// run a mail server, and the evidence's words. Shared by the wizard, reports and the CLI.
import type { DnsFailure, Port25Report, Port25Verdict, TcpOutcome, VerdictHow } from '../model'
import { fill } from './fill'

/** What the person can do from this network: the one answer the network step leads with. */
export type SendingAnswer = 'works' | 'works-careful' | 'no-port' | 'offline' | 'unknown'

export const sendingTitle: Record<SendingAnswer, string> = {
  works: 'You can send mail from here: use port {port}',
  'works-careful': 'You can send mail from here: use port {port}',
  'no-port': 'A mail program cannot send mail from this network',
  offline: 'This computer seems to be offline',
  unknown: 'ClearPort could not find a port to send mail on',
}

export const sendingLine: Record<SendingAnswer, string> = {
  works: 'Your mail program should send on port {port} with your password. ClearPort uses it in the next steps.',
  'works-careful': 'Your mail program should send on port {port} with your password — but read the warning below first.',
  'no-port': 'This network blocks the ports mail programs send on (465 and 587). Use another network — a phone’s hotspot will do — or ask your internet provider to open them. You can still find and save your settings.',
  offline: 'No mail server could be reached on any port. Check that you are online (open a web page) and that no hotel or train Wi-Fi page is waiting for you to sign in, then check again.',
  unknown: 'The sending ports did not answer clearly. Check again in a minute; you can still find and save your settings.',
}

/** Port 25 is for mail servers passing mail on; a person's mail program never needs it. */
export const serverFactTitle = 'For people who run a mail server'

export const serverFact: Record<Port25Verdict, string> = {
  open: 'Port 25 (mail between servers) is open on this network.',
  blocked: 'Port 25 (mail between servers) is blocked on this network. That is normal for home and mobile connections: mail programs send on 465 or 587 instead.',
  intercepted: 'This network hands every port-25 connection (mail between servers) to a mail server of its own. Your mail program does not use port 25.',
  stripped: 'Something on this network removes the offer to encrypt from mail on port 25. Never sign in on port 25 here.',
  offline: 'Nothing about port 25 can be said while no connection gets through.',
  inconclusive: 'Whether port 25 (mail between servers) is open could not be decided: the servers answered differently.',
}

export const noGreetingFact = 'Port 25 (mail between servers) connects, but no mail server greets: security software or a filter on this network holds those connections. Your mail program does not use port 25.'

/** Intercepted and stripped stay clear warnings, whatever else works. */
export const verdictWarning: Partial<Record<Port25Verdict, { title: string; text: string }>> = {
  intercepted: {
    title: 'This network redirects mail traffic',
    text: 'Connections to mail servers on port 25 end at a server of this network, not the one they were meant for. Send only on an encrypted port with sign-in (465 or 587), as your mail program should.',
  },
  stripped: {
    title: 'This network removes encryption from mail',
    text: 'The offer to encrypt was removed from mail servers’ replies on the way. Use port 465, whose encryption starts at once and cannot be removed, and never send your password unencrypted here.',
  },
}

/** The port-25 fact's short title, as the CLI and reports have it. */
export const verdictTitle: Record<Port25Verdict, string> = {
  open: 'Port 25 is open',
  blocked: 'Port 25 is blocked',
  intercepted: 'Port 25 is intercepted',
  stripped: 'Encryption on port 25 is being stripped',
  offline: 'You seem to be offline',
  inconclusive: 'No clear answer',
}


/** One family's verdict in a few words, for the dual-stack lines. */
export const familyVerdictWords: Record<Port25Verdict, string> = {
  open: 'open',
  blocked: 'blocked',
  intercepted: 'intercepted',
  stripped: 'encryption stripped',
  offline: 'does not work on this network',
  inconclusive: 'unclear',
}

export const familyHowWords: Record<VerdictHow, string> = {
  timeout: 'connections to port 25 are silently dropped',
  reset: 'connections to port 25 are refused',
  unreachable: 'the network reports mail servers as unreachable on port 25',
  'no-greeting': 'port 25 connects, but no mail server greets',
}

/** The same fact as a sentence of its own (the verdict card's line), from the one table above. */
export const howWords = Object.fromEntries(
  Object.entries(familyHowWords).map(([how, words]) => [how, `${words.charAt(0).toUpperCase()}${words.slice(1)}.`]),
) as Record<VerdictHow, string>

export const dnsFailureWords: Record<DnsFailure, string> = {
  'not-found': 'name not found',
  'no-record': 'no such record',
  'no-answer': 'DNS did not answer',
  server: 'DNS server failed',
}

export const outcomeWords: Record<TcpOutcome, string> = {
  open: 'connected',
  timeout: 'no answer',
  refused: 'refused',
  unreachable: 'unreachable',
  reset: 'reset',
  'dns-error': 'look-up failed',
}

/** A sending port's state as the port list shows it (a port no provider of this network's offers is no alarm when another works). */
export type PortState = 'works' | 'blocked' | 'not-needed' | 'not-tested'

export const portStateWords: Record<PortState, string> = {
  works: 'works',
  blocked: 'blocked',
  'not-needed': 'not available here',
  'not-tested': 'not tested',
}

/** 465 first (RFC 8314: encrypted from the start), then 587, then 2525. */
const PREFERRED = [465, 587, 2525] as const

export function sendingPort(report: Pick<Port25Report, 'submission'>): number | null {
  for (const port of PREFERRED) if (report.submission.some((s) => s.port === port && s.usable === true)) return port
  return null
}

export function sendingAnswer(report: Pick<Port25Report, 'submission' | 'verdict'>): SendingAnswer {
  if (sendingPort(report) !== null) return verdictWarning[report.verdict] !== undefined ? 'works-careful' : 'works'
  if (report.verdict === 'offline') return 'offline'
  return report.submission.some((s) => s.usable === false) ? 'no-port' : 'unknown'
}

export function portState(report: Pick<Port25Report, 'submission'>, usable: boolean | null): PortState {
  if (usable === null) return 'not-tested'
  if (usable) return 'works'
  return sendingPort(report) !== null ? 'not-needed' : 'blocked'
}

/** The headline and its line, whole sentences with the port filled in. */
export function sendingWords(report: Pick<Port25Report, 'submission' | 'verdict'>): { answer: SendingAnswer; title: string; line: string } {
  const answer = sendingAnswer(report)
  const port = sendingPort(report) ?? ''
  return { answer, title: fill(sendingTitle[answer], { port }), line: fill(sendingLine[answer], { port }) }
}
