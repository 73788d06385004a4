// The conversations the pipeline runs: SMTP with fixed deadlines (the port-25 check, `clearport
// probe`), and discovery's SMTP/IMAP/POP3 verification, whose greeting and TLS deadlines follow
// the network's patience as it stands once the connection is up (2× the connect cutoff, 2–5 s).
import type { SmtpCapabilities } from '@shared/model'
import type { MailProtocol } from '@shared/settings'
import type { Patience } from '../net/patience'
import { imapProbe } from '../mailbox/imap-probe'
import { pop3Probe } from '../mailbox/pop3-probe'
import type { MailboxCapabilities } from '../mailbox/result'
import { defaultSmtpDeadlines, smtpProbe, type SmtpDeadlines, type SmtpProbeResult } from '../smtp/session'
import type { ConversationResult } from './conversation'
import type { Conversation, ConversationFor } from './pipeline'

/** SMTP's capability conversation under fixed deadlines. */
export function smtpConversation(deadlines?: Partial<SmtpDeadlines>): ConversationFor<SmtpProbeResult> {
  const conversation: Conversation<SmtpProbeResult> = {
    tlsMs: deadlines?.tls ?? defaultSmtpDeadlines.tls,
    run: (stream, session) => smtpProbe(stream, { ...session, deadlines }),
  }
  return () => conversation
}

/** What discovery keeps of any protocol's capabilities. */
export type ServiceCapabilities = Pick<MailboxCapabilities, 'auth' | 'passwordLogin' | 'raw'>

export type ServiceConversation = ConversationResult<ServiceCapabilities>

/** How long a server that accepted the connection may take to greet or to finish TLS. */
export function greetingPatienceMs(patience: Patience): number {
  return Math.min(5000, Math.max(2000, 2 * patience.cutoffMs))
}

const smtpService = (c: SmtpCapabilities | null): ServiceCapabilities | null => (c ? { auth: c.auth, passwordLogin: false, raw: c.raw } : null)

/** Discovery's conversation for `protocol`, its deadlines read from `patience` when connected. */
export function serviceConversation(protocol: MailProtocol, patience: Patience): ConversationFor<ServiceConversation> {
  return () => {
    const patienceMs = greetingPatienceMs(patience)
    return {
      tlsMs: patienceMs,
      run: async (stream, session): Promise<ServiceConversation> => {
        if (protocol !== 'smtp') {
          const probe = protocol === 'imap' ? imapProbe : pop3Probe
          return probe(stream, { ...session, deadlines: { greeting: patienceMs, reply: 3000, tls: patienceMs } })
        }
        const r = await smtpProbe(stream, { ...session, deadlines: { greeting: patienceMs, ehlo: 3000, starttls: 3000, tls: patienceMs } })
        return { ...r, capabilitiesBeforeTls: smtpService(r.capabilitiesBeforeTls), capabilitiesAfterTls: smtpService(r.capabilitiesAfterTls) }
      },
    }
  }
}
