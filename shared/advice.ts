// Words for a person: one headline and one paragraph of advice per verdict. Pure.
import type { ProbeRecord, SubmissionPortStatus } from './model'
import type { VerdictFacts } from './verdict'

function list(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

export function sendingAdvice(submission: SubmissionPortStatus[]): string {
  const usable = submission.filter((s) => s.usable === true).map((s) => String(s.port))
  const unusable = submission.filter((s) => s.usable === false).map((s) => String(s.port))
  if (usable.length > 0) {
    const preferred = usable.includes('465') ? '465 (TLS from the first byte)' : `${usable[0]}`
    return `From this network, sending works on ${list(usable)}: set your mail program's outgoing server to ${preferred} with sign-in.`
  }
  if (unusable.length > 0) {
    return `This network also blocks the submission ports ${list(unusable)}, so a mail program cannot send from here: ask your internet provider to open 465 or 587, or use another network or a VPN.`
  }
  return ''
}

/** `greetingMs`: how long a connected port-25 server was given to greet. */
export function headlineFor(facts: VerdictFacts, probes: ProbeRecord[], silentCutoffMs: number, greetingMs?: number): string {
  const n = facts.failed.length
  switch (facts.verdict) {
    case 'open':
      return `Outbound port 25 is open: ${facts.answered.length} independent mail providers answered with their own greetings.`
    case 'blocked': {
      const rtt = Math.max(0, ...probes.filter((p) => p.role === 'control' && p.outcome === 'open').map((p) => p.ms))
      const how =
        facts.how === 'timeout'
          ? `went unanswered (silently dropped) for ${silentCutoffMs} ms, while their other ports answered within ${rtt} ms`
          : facts.how === 'reset'
            ? 'were refused at once (a TCP reset) while their other ports answered'
            : "were rejected by the network (ICMP 'unreachable / prohibited') while their other ports answered"
      return `Outbound port 25 is blocked: connections to ${n} providers ${how}.`
    }
    case 'intercepted':
      return `Your network intercepts port 25: different mail providers all answered with the same greeting "${facts.sharedBanner ?? ''}".`
    case 'stripped':
      return 'Port 25 reaches the real mail servers, but the offer to encrypt (STARTTLS) was removed from their replies on the way.'
    case 'offline':
      return 'No conclusion: this computer could not reach the test servers on any port, so port 25 cannot be judged.'
    case 'inconclusive': {
      if (facts.how === 'no-greeting') {
        const held = greetingMs ? ` for ${greetingMs / 1000} s` : ''
        return `No mail server greets on port 25: connections to ${list(facts.silent)} were accepted and then held silent${held}, while their other ports answered normally.`
      }
      return 'The evidence disagrees, so ClearPort cannot say for certain whether port 25 is blocked.'
    }
  }
}

export function adviceFor(facts: VerdictFacts, submission: SubmissionPortStatus[]): string {
  const sending = sendingAdvice(submission)
  switch (facts.verdict) {
    case 'open':
      return `Your network lets mail out on port 25. A mail program should still send on 465 or 587 with sign-in: port 25 is for delivery between mail servers. ${sending} If sending fails, the cause is the server settings or the password, not this network.`.trim()
    case 'blocked':
      return `Your internet provider or a firewall blocks outgoing port 25, as many do against spam. This is normal for home and cloud connections and does not stop a mail program. ${sending} If you run a mail server here, ask your provider to unblock port 25 or relay through a smarthost on 587, 465 or 2525.`.trim()
    case 'intercepted':
      return `Something on your network (usually your internet provider or a firewall) catches every outgoing port-25 connection and hands it to its own relay, so mail on 25 never reaches the server you chose. ${sending} If you run a mail server here, ask your provider to stop redirecting port 25 or use their relay deliberately.`.trim()
    case 'stripped':
      return `Something between this computer and the internet removes STARTTLS from mail traffic on port 25, so mail and passwords sent there would travel unencrypted. Never sign in on port 25 here. ${sending} 465 is the safest choice: its encryption starts with the first byte and cannot be removed. Ask your provider why STARTTLS is stripped.`.trim()
    case 'offline':
      return 'Check that you are online (open a web page), that no captive portal (hotel, train Wi-Fi) or company proxy is waiting for a sign-in, and that a firewall or VPN is not blocking this program. Then run the check again.'
    case 'inconclusive':
      if (facts.how === 'no-greeting') {
        return `Something between this computer and the internet takes every port-25 connection itself and then says nothing: usually antivirus or security software that scans mail, a filtering proxy, or a firewall that holds ("tarpits") port 25. Mail to other servers on port 25 will stall here. It does not affect a mail program that sends on 465 or 587 with sign-in, as it should. ${sending} If you run a mail server here, switch off the mail scanning or port-25 filter, or ask your network's administrator or internet provider.`.trim()
      }
      return `Some servers answered on port 25 and others did not, or they answered differently; the notes below say which. Run the check again in a minute; if the result stays mixed, your network may allow only some destinations. ${sending}`.trim()
  }
}
