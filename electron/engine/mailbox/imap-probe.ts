// One IMAP capability probe over a connected socket: greeting, CAPABILITY, optionally STARTTLS
// and CAPABILITY again over TLS, LOGOUT. Never signs in. Pre-TLS capabilities are forgotten after
// STARTTLS and every byte buffered before the handshake is discarded (RFC 9051 §6.2.1,
// RFC 2595 §3.1). Returns what was seen; throws only when cancelled.
import type net from 'node:net'
import { judgeImapGreeting } from '@shared/server-behaviour'
import { endedBy, goesOnToTls, upgradeRefused, type ConversationOptions } from '../probe/conversation'
import { MailboxProtocolError, classifyMailboxError } from './classify'
import { LineConnection } from './connection'
import { capabilitiesFromCode, interpretImapCapabilities, parseImapLine, type ImapStatus } from './imap-parser'
import { startMailboxProbe, type MailboxCapabilities, type MailboxDeadlines, type MailboxProbeResult } from './result'

export type MailboxProbeOptions = ConversationOptions<MailboxDeadlines>

/** Most untagged lines we read while waiting for one tagged result. */
const MAX_UNTAGGED = 50

function toCaps(raw: string[]): MailboxCapabilities {
  const c = interpretImapCapabilities(raw)
  return { raw: c.raw, startTls: c.startTls, auth: c.auth, passwordLogin: !c.loginDisabled }
}

export async function imapProbe(socket: net.Socket, options: MailboxProbeOptions): Promise<MailboxProbeResult> {
  const { deadlines, result } = startMailboxProbe(options)
  const { signal } = options
  const conn = new LineConnection(socket, options.transcript)
  let step = 'greeting'
  let counter = 0

  /** Send a tagged command; collect CAPABILITY lines until its tagged result. */
  const command = async (cmd: string, name: string): Promise<{ status: ImapStatus; text: string; capabilities: string[] | null }> => {
    counter += 1
    const tag = `c${counter}`
    step = name
    conn.send(`${tag} ${cmd}`)
    let capabilities: string[] | null = null
    for (let i = 0; i <= MAX_UNTAGGED; i += 1) {
      const parsed = parseImapLine(await conn.read(name, deadlines.reply, signal))
      if (parsed.kind === 'capability') capabilities = parsed.capabilities
      if (parsed.kind === 'status' && parsed.tag === tag) {
        return { status: parsed.status, text: parsed.text, capabilities: capabilities ?? capabilitiesFromCode(parsed.code) }
      }
      if (parsed.kind === 'status' && parsed.tag === '*' && parsed.status === 'BYE') {
        throw new MailboxProtocolError(`the server said goodbye: ${parsed.text.slice(0, 200)}`, 'greeting-refused')
      }
    }
    throw new MailboxProtocolError(`more than ${MAX_UNTAGGED} lines without a result to ${cmd}`)
  }
  const capability = async (name: string): Promise<string[]> => {
    const reply = await command('CAPABILITY', name)
    if (reply.status !== 'OK') throw new MailboxProtocolError(`CAPABILITY was refused: ${reply.status} ${reply.text.slice(0, 200)}`)
    return reply.capabilities ?? []
  }
  const logout = (): Promise<void> => conn.farewell('z LOGOUT', 1000, signal)

  try {
    const line = await conn.read('greeting', deadlines.greeting, signal)
    const greeting = parseImapLine(line)
    result.banner = line.slice(0, 300)
    const status = greeting.kind === 'status' && greeting.tag === '*' ? greeting.status : 'other'
    // The rule the read-back uses too: BYE is a refusal, PREAUTH without TLS leaves nothing to protect.
    const behaviour = judgeImapGreeting(status, options.mode === 'implicit')
    if (behaviour !== null) {
      const message = behaviour === 'not-mail-server' ? `not an IMAP greeting: ${JSON.stringify(line.slice(0, 80))}` : `the server refused the session: ${line.slice(0, 200)}`
      result.error = { code: behaviour, message }
      conn.close()
      return result
    }
    // A greeting may carry the capabilities (RFC 9051 §7.1); they count only for this session.
    const first = capabilitiesFromCode(greeting.kind === 'status' ? greeting.code : null) ?? (await capability('capability'))
    result.capabilitiesBeforeTls = toCaps(first)
    if (!(await goesOnToTls(result, options.mode, 'STARTTLS', logout))) return result
    // Whatever follows the tagged answer in plain text is never parsed (RFC 2595 §3.1).
    conn.expectTlsBoundary((l) => {
      const parsed = parseImapLine(l)
      return parsed.kind === 'status' && parsed.tag !== '*'
    })
    const ready = await command('STARTTLS', 'starttls')
    if (ready.status !== 'OK') return upgradeRefused(result, conn, `STARTTLS was refused: ${ready.status} ${ready.text.slice(0, 200)}`, logout)
    await conn.upgradeToTls(result, { ...options, ms: deadlines.tls, after: 'the STARTTLS OK', rfc: 'RFC 2595 §3.1', onStep: (now) => (step = now) })
    result.capabilitiesAfterTls = toCaps(await capability('capability after TLS'))
    await logout()
    return result
  } catch (error) {
    return endedBy(result, conn, error, () => classifyMailboxError(error, step))
  }
}
