// One POP3 capability probe over a connected socket: greeting, CAPA, optionally STLS and CAPA
// again over TLS, QUIT. Never signs in. Pre-TLS capabilities are forgotten after STLS and every
// byte buffered before the handshake is discarded (RFC 2595 §4, §3.1). Throws only when cancelled.
import type net from 'node:net'
import { isCancel, withScope } from '../deadline'
import { TLS_AFTER_INJECTION, handshake } from '../net/tls'
import { classifyMailboxError } from './classify'
import { LineConnection } from './connection'
import type { MailboxProbeOptions } from './imap-probe'
import { MultilineCollector, interpretCapa, parsePop3Status } from './pop3-parser'
import { defaultMailboxDeadlines, emptyMailboxResult, type MailboxCapabilities, type MailboxProbeResult } from './result'

export async function pop3Probe(socket: net.Socket, options: MailboxProbeOptions): Promise<MailboxProbeResult> {
  const deadlines = { ...defaultMailboxDeadlines, ...options.deadlines }
  const { signal } = options
  const result = emptyMailboxResult(options.tls ?? null)
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
    if (options.mode !== 'starttls') {
      await quit()
      return result
    }
    if (!result.capabilitiesBeforeTls.startTls) {
      result.error = { code: 'starttls-missing', message: 'the server did not offer STLS' }
      await quit()
      return result
    }
    step = 'stls'
    // Whatever follows the answer to STLS in plain text is never parsed (RFC 2595 §3.1).
    conn.expectTlsBoundary()
    conn.send('STLS')
    const ready = parsePop3Status(await conn.read('stls', deadlines.reply, signal))
    if (!ready.ok) {
      conn.endBoundary()
      result.error = { code: 'starttls-refused', message: `STLS was refused: ${ready.text.slice(0, 200)}` }
      await quit()
      return result
    }
    const { socket: raw, discarded } = conn.releaseForTls()
    result.injectedBytes = discarded
    if (discarded > 0) conn.log('info', `discarded ${discarded} bytes sent after the STLS +OK, before TLS (RFC 2595 §3.1)`)
    step = discarded > 0 ? TLS_AFTER_INJECTION : 'tls'
    const secured = await withScope(signal, deadlines.tls, 'tls', (s) => handshake(raw, { host: options.host, signal: s, ca: options.ca }))
    result.tls = secured.summary
    conn.log('info', `TLS ${secured.summary.protocol ?? '?'} ${secured.summary.cipher ?? ''}`.trim())
    conn.resumeOver(secured.socket)
    result.capabilitiesAfterTls = await capa('capa after TLS')
    await quit()
    return result
  } catch (error) {
    conn.close()
    if (isCancel(error)) throw error
    result.error = classifyMailboxError(error, step)
    return result
  }
}
