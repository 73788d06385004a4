// One POP3 capability probe over a connected socket: greeting, CAPA, optionally STLS and CAPA
// again over TLS, QUIT. Never signs in. Pre-TLS capabilities are forgotten after STLS and every
// byte buffered before the handshake is discarded (RFC 2595 §4, §3.1). Throws only when cancelled.
import type net from 'node:net'
import { endedBy, goesOnToTls, upgradeRefused } from '../probe/conversation'
import { classifyMailboxError } from './classify'
import { LineConnection } from './connection'
import type { MailboxProbeOptions } from './imap-probe'
import { MultilineCollector, interpretCapa, parsePop3Status } from './pop3-parser'
import { startMailboxProbe, type MailboxCapabilities, type MailboxProbeResult } from './result'

export async function pop3Probe(socket: net.Socket, options: MailboxProbeOptions): Promise<MailboxProbeResult> {
  const { deadlines, result } = startMailboxProbe(options)
  const { signal } = options
  const conn = new LineConnection(socket, options.transcript)
  let step = 'greeting'

  /** CAPA (RFC 2449); a server without it answers -ERR and offers nothing we can rely on. */
  const capa = async (name: string): Promise<MailboxCapabilities> => {
    step = name
    conn.send('CAPA')
    const status = parsePop3Status(await conn.read(name, deadlines.reply, signal))
    if (!status.ok) return { raw: [], startTls: false, auth: [], passwordLogin: false }
    const collector = new MultilineCollector()
    while (!collector.add(await conn.read(name, deadlines.reply, signal))) {
      // Read until the terminating ".".
    }
    const c = interpretCapa(collector.lines)
    return { raw: c.raw, startTls: c.stls, auth: c.sasl, passwordLogin: c.user }
  }
  const quit = (): Promise<void> => conn.farewell('QUIT', 1000, signal)

  try {
    const line = await conn.read('greeting', deadlines.greeting, signal)
    result.banner = line.slice(0, 300)
    let greeting
    try {
      greeting = parsePop3Status(line)
    } catch {
      result.error = { code: 'not-mail-server', message: `not a POP3 greeting: ${JSON.stringify(line.slice(0, 80))}` }
      conn.close()
      return result
    }
    if (!greeting.ok) {
      result.error = { code: 'greeting-refused', message: `the server refused the session: ${greeting.text.slice(0, 200)}` }
      conn.close()
      return result
    }
    result.capabilitiesBeforeTls = await capa('capa')
    if (!(await goesOnToTls(result, options.mode, 'STLS', quit))) return result
    step = 'stls'
    // Whatever follows the answer to STLS in plain text is never parsed (RFC 2595 §3.1).
    conn.expectTlsBoundary()
    conn.send('STLS')
    const ready = parsePop3Status(await conn.read('stls', deadlines.reply, signal))
    if (!ready.ok) return upgradeRefused(result, conn, `STLS was refused: ${ready.text.slice(0, 200)}`, quit)
    await conn.upgradeToTls(result, { ...options, ms: deadlines.tls, after: 'the STLS +OK', rfc: 'RFC 2595 §3.1', onStep: (now) => (step = now) })
    result.capabilitiesAfterTls = await capa('capa after TLS')
    await quit()
    return result
  } catch (error) {
    return endedBy(result, conn, error, () => classifyMailboxError(error, step))
  }
}
