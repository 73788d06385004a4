// `clearport send` arguments. Pure: parsed flag values in, a SendCommand or a message out.
// Secrets never come from argv (other users can read a process's arguments): see
// `rejectSecretArguments`, which runs before the generic parser could echo a value back.
import { parseEndpointSpec, type SendEndpoint } from '@shared/send'
import { parseDnsServer, parseEmailAddress, parsePort, quote, type Parsed } from '@shared/validate'

export interface SendCommand {
  name: 'send'
  json: boolean
  quiet: boolean
  address: string
  /** null: use discovery's recommendation. */
  smtp: SendEndpoint | null
  imap: SendEndpoint | null
  user: string | null
  to: string | null
  noSend: boolean
  readBack: boolean
  deleteAfter: boolean
  allowPlaintextAuth: boolean
  /** Where the secret comes from; null: the environment (CLEARPORT_PASSWORD); oauth: the browser sign-in. */
  secretFrom: 'password-stdin' | 'oauth-token-stdin' | 'oauth' | null
  /** --oauth: open the sign-in page in the browser at once (else print it, and open on Enter at a terminal). */
  open: boolean
  dnsServer?: string
  /** Test option, as for discover: standard port → port actually used, for discovered servers. */
  portMap?: Record<string, number>
  /** Test option, as for discover: the ISPDB base URL discovery asks (null: none). */
  ispdbBaseUrl?: string | null
}

/** The flags `send` understands (anything else given is a usage error naming the flag). */
export const SEND_FLAGS = [
  'json', 'quiet', 'smtp', 'imap', 'user', 'to', 'no-send', 'read-back', 'delete-after',
  'allow-plaintext-auth', 'password-stdin', 'oauth-token-stdin', 'oauth', 'open', 'dns-server', 'port-map', 'ispdb',
] as const

export const SEND_HELP = `
Send (prove the settings: sign in, send a test message to yourself, read it back):
  clearport send you@example.com [--smtp HOST:PORT:SSL|STARTTLS] [--imap HOST:PORT:SSL|STARTTLS]
                 [--user NAME] [--password-stdin | --oauth [--open] | --oauth-token-stdin] [--to ADDR]
                 [--no-send] [--read-back [--delete-after]] [--allow-plaintext-auth] [--json]
  The password comes from stdin (--password-stdin) or CLEARPORT_PASSWORD, an OAuth2 access
  token from stdin (--oauth-token-stdin) — never from the command line. Without --smtp (and
  --imap for --read-back) discovery's verified recommendation is used.
  --oauth                Sign in with the provider in your browser (OAuth2 with PKCE); needs a
                         client ID in oauth-clients.json (config folder) or
                         CLEARPORT_OAUTH_CLIENT_ID_<PROVIDER>. --open opens the page at once.
  --no-send              Sign in, MAIL FROM + RCPT TO for your address, RSET: nothing is sent.
  --read-back            Sign in to the incoming (IMAP) server and wait for the test message.
  --delete-after         Delete the test message once it was read back.
  --allow-plaintext-auth Send the password without TLS for this one attempt (plain endpoints).
  Exit codes: 0 proven, 1 a check failed (the reason and advice are printed), 2 bad usage.
`

const SECRET_FLAG = /^--?(password|passwd|pass|pw|token|oauth-token|access-token|secret)(=|$)/i

/**
 * Refuse a secret on the command line before any parser sees it: parse errors quote unknown
 * options, and the value would end up on screen and in shell history either way.
 */
export function rejectSecretArguments(argv: string[]): string | null {
  const hit = argv.find((arg) => SECRET_FLAG.test(arg))
  if (!hit) return null
  const flag = hit.split('=')[0] ?? hit
  return `${flag} is not accepted: passwords and tokens never go on the command line (other programs can read it). Use --password-stdin, --oauth-token-stdin or the CLEARPORT_PASSWORD environment variable`
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

function one(values: Values, flag: string): string | undefined {
  const value = values[flag]
  if (value === undefined) return undefined
  const list = Array.isArray(value) ? value : [value]
  if (list.length !== 1) throw new Error(`--${flag} may be given once for "send"`)
  const [first] = list
  if (typeof first !== 'string') throw new Error(`--${flag} takes a value`)
  return first
}

function portMap(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined
  const map: Record<string, number> = {}
  for (const pair of text.split(',')) {
    const [from = '', to = '', extra] = pair.split('=')
    const a = parsePort(from, '--port-map port')
    const b = parsePort(to, '--port-map port')
    if (extra !== undefined || !a.ok || !b.ok) throw new Error(`--port-map takes PORT=PORT pairs separated by commas, not ${quote(pair)}`)
    map[String(a.value)] = b.value
  }
  return map
}

function ispdb(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined
  if (text === 'off') return null
  const url = URL.canParse(text) ? new URL(text) : null
  if (!url || url.protocol !== 'https:') throw new Error(`--ispdb takes an https URL or "off", not ${quote(text)}`)
  return url.href
}

export function parseSendArgs(rest: string[], values: Values): Parsed<SendCommand> {
  try {
    for (const [flag, value] of Object.entries(values)) {
      if (value !== undefined && !(SEND_FLAGS as readonly string[]).includes(flag)) return { ok: false, message: `--${flag} does not apply to "send"` }
    }
    if (rest.length !== 1) return { ok: false, message: 'send takes one address, e.g. "clearport send you@example.com --password-stdin"' }
    const address = parseEmailAddress(rest[0] ?? '')
    if (!address.ok) return address
    const endpoint = (flag: 'smtp' | 'imap'): SendEndpoint | null => {
      const text = one(values, flag)
      if (text === undefined) return null
      const parsed = parseEndpointSpec(text, `--${flag}`)
      if (!parsed.ok) throw new Error(parsed.message)
      return parsed.value
    }
    const flag = (name: string): boolean => values[name] === true
    const userText = one(values, 'user')
    // eslint-disable-next-line no-control-regex
    if (userText !== undefined && (userText.length === 0 || userText.length > 320 || /[\x00-\x1f\x7f]/.test(userText))) {
      return { ok: false, message: `--user ${quote(userText)} must be 1–320 characters without control characters` }
    }
    let to: string | null = null
    const toText = one(values, 'to')
    if (toText !== undefined) {
      const parsed = parseEmailAddress(toText)
      if (!parsed.ok) return { ok: false, message: `--to: ${parsed.message}` }
      to = parsed.value.address
    }
    if (flag('password-stdin') && flag('oauth-token-stdin')) return { ok: false, message: 'choose either --password-stdin or --oauth-token-stdin, not both' }
    if (flag('oauth') && (flag('password-stdin') || flag('oauth-token-stdin'))) return { ok: false, message: '--oauth signs in through the browser: drop --password-stdin / --oauth-token-stdin' }
    if (flag('open') && !flag('oauth')) return { ok: false, message: '--open opens the --oauth sign-in page; give --oauth too' }
    if (flag('no-send') && flag('read-back')) return { ok: false, message: '--read-back needs a message to read: it cannot be combined with --no-send' }
    if (flag('delete-after') && !flag('read-back')) return { ok: false, message: '--delete-after deletes the message found by --read-back; give --read-back too' }
    if (flag('read-back') && to !== null && to !== address.value.address) {
      return { ok: false, message: '--read-back looks in your own mailbox, so the test message must go to your own address (drop --to)' }
    }
    let dnsServer: string | undefined
    const dnsText = one(values, 'dns-server')
    if (dnsText !== undefined) {
      const parsed = parseDnsServer(dnsText)
      if (!parsed.ok) return parsed
      dnsServer = parsed.value.spec
    }
    return {
      ok: true,
      value: {
        name: 'send',
        json: flag('json'),
        quiet: flag('quiet'),
        address: address.value.address,
        smtp: endpoint('smtp'),
        imap: endpoint('imap'),
        user: userText ?? null,
        to,
        noSend: flag('no-send'),
        readBack: flag('read-back'),
        deleteAfter: flag('delete-after'),
        allowPlaintextAuth: flag('allow-plaintext-auth'),
        secretFrom: flag('password-stdin') ? 'password-stdin' : flag('oauth-token-stdin') ? 'oauth-token-stdin' : flag('oauth') ? 'oauth' : null,
        open: flag('open'),
        ...(dnsServer !== undefined && { dnsServer }),
        ...(values['port-map'] !== undefined && { portMap: portMap(one(values, 'port-map')) }),
        ...(values.ispdb !== undefined && { ispdbBaseUrl: ispdb(one(values, 'ispdb')) }),
      },
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}
