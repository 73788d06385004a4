// A man in the middle that removes STARTTLS, as Cisco PIX/ASA "SMTP fixup" and some carriers do
// (field notes §5): the server's EHLO reply loses its STARTTLS line, and a client that sends
// STARTTLS anyway has the command masked so the real server answers 500 — the stream therefore
// stays plain text and line-based from start to end.
import net from 'node:net'
import type { ServerConfig } from './config'
import { listenTracked, type Closable } from '../helpers/tcp-server'

/** No SMTP line is anywhere near this (RFC 5321 §4.5.3.1); more means garbage — cut the link. */
const MAX_PENDING_CHARS = 16 * 1024
const CONNECT_DEADLINE_MS = 5_000
const IDLE_DEADLINE_MS = 30_000
/** The masked command Cisco's fixup is commonly cited to send (unconfirmed, field notes §5). */
const MASKED_COMMAND = 'XXXXXXXA'

const replyLine = /^(\d{3})([ -])(.*)$/s
const startTlsLine = /^\d{3}[ -]STARTTLS\s*$/i

/**
 * Drops STARTTLS from one complete multi-line reply and repairs the continuation marks: every
 * line but the last says `250-`, the last `250 ` (RFC 5321 §4.2.1), or the client would stop
 * reading early or wait forever.
 */
export function stripStartTls(lines: readonly string[]): string[] {
  const kept = lines.filter((l) => !startTlsLine.test(l))
  if (kept.length === 0) return [...lines]
  return kept.map((line, i) => {
    const m = replyLine.exec(line)
    if (!m) return line
    return `${m[1]}${i === kept.length - 1 ? ' ' : '-'}${m[3]}`
  })
}

/** Splits a byte stream (latin1, so bytes pass unchanged) into CRLF-terminated lines. */
class LineBuffer {
  private pending = ''
  push(chunk: Buffer): string[] {
    const parts = (this.pending + chunk.toString('latin1')).split('\n')
    this.pending = parts.pop() ?? ''
    if (this.pending.length > MAX_PENDING_CHARS) throw new Error('line too long')
    return parts.map((p) => p.replace(/\r$/, ''))
  }
}

/** Server → client: holds each multi-line reply until its last line, then strips it. */
export class ReplyStripper {
  private readonly lines = new LineBuffer()
  private group: string[] = []
  push(chunk: Buffer): Buffer {
    let out = ''
    for (const line of this.lines.push(chunk)) {
      const m = replyLine.exec(line)
      if (m && m[2] === '-') {
        this.group.push(line)
        if (this.group.length > 100) throw new Error('reply has too many lines')
        continue
      }
      const reply = stripStartTls([...this.group, line])
      this.group = []
      out += reply.map((l) => `${l}\r\n`).join('')
    }
    return Buffer.from(out, 'latin1')
  }
}

/** Client → server: masks a STARTTLS command, passes every other line unchanged. */
export class CommandMasker {
  private readonly lines = new LineBuffer()
  push(chunk: Buffer): Buffer {
    const out = this.lines.push(chunk).map((l) => `${/^STARTTLS\s*$/i.test(l) ? MASKED_COMMAND : l}\r\n`)
    return Buffer.from(out.join(''), 'latin1')
  }
}

type ProxyConfig = ServerConfig['stripProxies'][number]

export function startStripProxy(cfg: ProxyConfig): Promise<Closable> {
  const server = net.createServer((client) => {
    const upstream = net.connect({
      host: cfg.upstreamAddress,
      port: cfg.upstreamPort,
      // Leave from the proxy's own address, as a middlebox would.
      localAddress: cfg.address,
    })
    const pair = [client, upstream]
    const closeBoth = (): void => pair.forEach((s) => s.destroy())
    // The client side is tracked by listenTracked; closing either side closes both.
    for (const s of pair) {
      s.on('close', closeBoth)
      s.on('error', closeBoth)
      s.setTimeout(IDLE_DEADLINE_MS, closeBoth)
    }
    const connectTimer = setTimeout(closeBoth, CONNECT_DEADLINE_MS)
    upstream.once('connect', () => clearTimeout(connectTimer))
    upstream.once('close', () => clearTimeout(connectTimer))
    const replies = new ReplyStripper()
    const commands = new CommandMasker()
    const relay = (from: net.Socket, to: net.Socket, filter: (b: Buffer) => Buffer): void => {
      from.on('data', (chunk: Buffer) => {
        try {
          const out = filter(chunk)
          if (out.length > 0) to.write(out)
        } catch {
          closeBoth()
        }
      })
      from.on('end', () => to.end())
    }
    relay(upstream, client, (b) => replies.push(b))
    relay(client, upstream, (b) => commands.push(b))
  })
  return listenTracked(server, cfg.address, cfg.port)
}
