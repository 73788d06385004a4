// Pure parsing of an EHLO reply into capabilities (RFC 5321 §4.1.1.1, extensions by keyword).
import type { SmtpCapabilities } from '@shared/model'
import type { SmtpReply } from './reply-parser'

const KEYWORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/
// "AUTH=LOGIN" is the pre-RFC 4954 spelling some old servers still send.
const EHLO_WORD = /^[A-Za-z0-9][A-Za-z0-9=-]*$/

export function parseCapabilities(reply: SmtpReply): SmtpCapabilities {
  const [first = '', ...rest] = reply.lines
  const caps: SmtpCapabilities = {
    domain: first.trim().split(/\s+/)[0] ?? '',
    startTls: false,
    auth: [],
    size: null,
    pipelining: false,
    eightBitMime: false,
    smtpUtf8: false,
    enhancedStatusCodes: false,
    chunking: false,
    raw: [],
  }
  const auth = new Set<string>()
  for (const line of rest) {
    const [word = '', ...params] = line.trim().split(/\s+/)
    if (!EHLO_WORD.test(word)) continue
    const keyword = word.toUpperCase()
    caps.raw.push([keyword, ...params].join(' '))
    switch (keyword) {
      case 'STARTTLS':
        caps.startTls = true
        break
      case 'AUTH':
        for (const mech of params) if (KEYWORD.test(mech)) auth.add(mech.toUpperCase())
        break
      case 'SIZE': {
        const size = Number(params[0])
        caps.size = Number.isSafeInteger(size) && size >= 0 ? size : null
        break
      }
      case 'PIPELINING':
        caps.pipelining = true
        break
      case '8BITMIME':
        caps.eightBitMime = true
        break
      case 'SMTPUTF8':
        caps.smtpUtf8 = true
        break
      case 'ENHANCEDSTATUSCODES':
        caps.enhancedStatusCodes = true
        break
      case 'CHUNKING':
        caps.chunking = true
        break
      default:
        // Old servers announce "AUTH=LOGIN PLAIN" (pre-RFC 4954 syntax).
        if (keyword.startsWith('AUTH=')) {
          for (const mech of [keyword.slice(5), ...params]) if (KEYWORD.test(mech)) auth.add(mech.toUpperCase())
        }
    }
  }
  caps.auth = [...auth]
  return caps
}

/** A firewall that masks STARTTLS (Cisco "fixup") replaces it with X's, e.g. "XXXXXXXA". */
export function hasMaskedStartTls(reply: SmtpReply): boolean {
  return reply.lines.slice(1).some((line) => /^X{4,}A?$/i.test(line.trim()))
}
