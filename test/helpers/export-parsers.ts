// Reads an export back the way the mail program would, with independent parsers (an XML parser,
// an ini parser, a plist parser, JSON, Thunderbird's user.js line format), and says which servers
// it names: what the journey tests check a saved file against.
import { XMLParser } from 'fast-xml-parser'
import { parse as parseIni } from 'ini'
import type { ExportFormat } from '@shared/export/types'

export const exportXml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => ['incomingServer', 'outgoingServer', 'authentication', 'domain', 'Protocol'].includes(name),
})

/** user.js as Thunderbird's pref parser reads it: user_pref("name", literal); one per line. */
export function parseUserJs(text: string): Map<string, unknown> {
  const prefs = new Map<string, unknown>()
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('//')) continue
    const m = /^user_pref\(("(?:[^"\\]|\\.)*"), (.+)\);$/.exec(line)
    if (!m) throw new Error(`not a pref line: ${line}`)
    prefs.set(JSON.parse(m[1] ?? '') as string, JSON.parse(m[2] ?? ''))
  }
  return prefs
}

/** Text of a saved file: a PRF with non-ASCII text is UTF-16LE with a byte-order mark. */
export function exportText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
  return bytes.toString('utf8')
}

export interface ParsedServers {
  /** "host:port" of the first (recommended) incoming and outgoing server the file names. */
  incoming: string
  outgoing: string
  /** How many servers per direction the file carries (1 where the format holds only one). */
  counts: { incoming: number; outgoing: number }
}

type Node = Record<string, unknown>
const hp = (host: unknown, port: unknown): string => `${String(host)}:${String(port)}`

/**
 * Parses one export; rejects when the file is not what its format promises. Async: plist is an
 * ES module only, loaded on demand (Playwright's test files are CommonJS).
 */
export async function parseExport(format: ExportFormat, bytes: Buffer): Promise<ParsedServers> {
  const text = exportText(bytes)
  switch (format) {
    case 'thunderbird': {
      const provider = exportXml.parse(text).clientConfig.emailProvider as { incomingServer: Node[]; outgoingServer: Node[] }
      return {
        incoming: hp(provider.incomingServer[0]?.hostname, provider.incomingServer[0]?.port),
        outgoing: hp(provider.outgoingServer[0]?.hostname, provider.outgoingServer[0]?.port),
        counts: { incoming: provider.incomingServer.length, outgoing: provider.outgoingServer.length },
      }
    }
    case 'thunderbird-prefs': {
      const prefs = parseUserJs(text)
      const account = prefs.get('mail.accountmanager.accounts') as string
      const server = prefs.get(`mail.account.${account}.server`) as string
      const smtp = (prefs.get('mail.smtpservers') as string).split(',')
      return {
        incoming: hp(prefs.get(`mail.server.${server}.hostname`), prefs.get(`mail.server.${server}.port`)),
        outgoing: hp(prefs.get(`mail.smtpserver.${smtp[0]}.hostname`), prefs.get(`mail.smtpserver.${smtp[0]}.port`)),
        counts: { incoming: 1, outgoing: smtp.length },
      }
    }
    case 'outlook-autodiscover': {
      const protocols = exportXml.parse(text).Autodiscover.Response.Account.Protocol as Node[]
      const inc = protocols.filter((p) => p.Type !== 'SMTP')
      const out = protocols.filter((p) => p.Type === 'SMTP')
      return { incoming: hp(inc[0]?.Server, inc[0]?.Port), outgoing: hp(out[0]?.Server, out[0]?.Port), counts: { incoming: inc.length, outgoing: out.length } }
    }
    case 'outlook-prf': {
      const account = parseIni(text).Account1 as Node
      const p = account.IMAPServer !== undefined ? 'IMAP' : 'POP3'
      return { incoming: hp(account[`${p}Server`], account[`${p}Port`]), outgoing: hp(account.SMTPServer, account.SMTPPort), counts: { incoming: 1, outgoing: 1 } }
    }
    case 'apple': {
      const { parse: parsePlist } = await import('plist')
      const profile = parsePlist(text) as { PayloadContent: Node[] }
      const mail = profile.PayloadContent.find((p) => p.PayloadType === 'com.apple.mail.managed')
      if (!mail) throw new Error('no com.apple.mail.managed payload')
      return {
        incoming: hp(mail.IncomingMailServerHostName, mail.IncomingMailServerPortNumber),
        outgoing: hp(mail.OutgoingMailServerHostName, mail.OutgoingMailServerPortNumber),
        counts: { incoming: 1, outgoing: 1 },
      }
    }
    case 'json': {
      const doc = JSON.parse(text) as { account: { incoming: Node[]; outgoing: Node[] } }
      const { incoming, outgoing } = doc.account
      return { incoming: hp(incoming[0]?.host, incoming[0]?.port), outgoing: hp(outgoing[0]?.host, outgoing[0]?.port), counts: { incoming: incoming.length, outgoing: outgoing.length } }
    }
    case 'markdown':
    case 'html': {
      // A sheet for people: its settings table names the recommended servers first, in that order.
      const rows = [...text.matchAll(/(Incoming|Outgoing) \(recommended\)[^\n]*?\b([a-z0-9.-]+\.[a-z]{2,})\b[^\n]*?\b(\d{2,5})\b/gi)]
      const find = (dir: string): string => {
        const row = rows.find((r) => r[1]?.toLowerCase() === dir)
        if (!row) throw new Error(`the ${format} sheet names no recommended ${dir} server`)
        return `${row[2]}:${row[3]}`
      }
      if (format === 'html' && !/^<!DOCTYPE html>/i.test(text.trimStart())) throw new Error('not an HTML document')
      return { incoming: find('incoming'), outgoing: find('outgoing'), counts: { incoming: 1, outgoing: 1 } }
    }
  }
}
