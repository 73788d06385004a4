// `clearport send` arguments. Pure: parsed flag values in, a SendCommand or a message out.
// Secrets never come from argv (other users can read a process's arguments): see
// `rejectSecretArguments`, which runs before the generic parser could echo a value back.
import { parseEndpointSpec, type SendEndpoint } from '@shared/send'
import { parseEmailAddress, quote, type Parsed } from '@shared/validate'
import { exitCodes } from './cli-error'
import { dnsServer, ispdb, portMap } from './option-values'
import { helpFor, optionsFor } from './options'

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

/** The flags `send` understands (from the option table; anything else given is refused by name). */
export const SEND_FLAGS: readonly string[] = optionsFor('send')

export const SEND_HELP = `
Send (prove the settings: sign in, send a test message to yourself, read it back):
  clearport send you@example.com [--smtp HOST:PORT:SSL|STARTTLS] [--imap HOST:PORT:SSL|STARTTLS]
                 [--user NAME] [--password-stdin | --oauth [--open] | --oauth-token-stdin] [--to ADDR]
                 [--no-send] [--read-back [--delete-after]] [--allow-plaintext-auth] [--json]
  The password comes from stdin (--password-stdin) or CLEARPORT_PASSWORD, an OAuth2 access
  token from stdin (--oauth-token-stdin) — never from the command line. Without --smtp (and
  --imap for --read-back) discovery's verified recommendation is used.
${helpFor('send')}
  Exit codes: ${exitCodes.done} proven, ${exitCodes.failed} a check failed (the reason and advice are printed), ${exitCodes.usage} bad usage.
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

export function parseSendArgs(rest: string[], values: Values): Parsed<SendCommand> {
  try {
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
    const dns = dnsServer(one(values, 'dns-server'))
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
        ...(dns !== undefined && { dnsServer: dns }),
        ...(values['port-map'] !== undefined && { portMap: portMap(one(values, 'port-map')) }),
        ...(values.ispdb !== undefined && { ispdbBaseUrl: ispdb(one(values, 'ispdb')) }),
      },
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}
