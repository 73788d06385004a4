// Argument parsing for the `clearport` command. Pure: argv in, a command or a usage error out.
import { parseArgs } from 'node:util'
import { parseDnsServer, parseEmailAddress, parseHost, parsePort } from '@shared/validate'
import { parseExportArgs, type ExportCommand } from './export-args'
import { SEND_FLAGS, SEND_HELP, parseSendArgs, rejectSecretArguments, type SendCommand } from './send-args'
import type { DiscoverCommand } from './discover'

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export const HELP = `clearport — can mail leave this machine, and if not, why?

Usage:
  clearport port25 [--json] [--address you@example.com] [--dns-server HOST[:PORT]]
  clearport probe HOST PORT [--tls | --starttls] [--json] [--dns-server HOST[:PORT]]
  clearport discover you@example.com [--json] [--dns-server HOST[:PORT]] [--port25 FILE]
  clearport export you@example.com --format FORMAT [-o FILE [--force]]
                   [--settings FILE.json | --imap|--pop3 H:P:SEC --smtp H:P:SEC ...]
  clearport send you@example.com [--smtp H:P:SEC] [--imap H:P:SEC] [--password-stdin | --oauth [--open]] [--no-send] [--read-back]
  clearport --help | --version

Commands:
  port25   Check outbound port 25 against several large mail providers, with control
           connections on 587/465/443, and say whether it is open, blocked, intercepted
           or stripped; also which submission ports (587, 465, 2525) work from here.
  probe    Talk to one SMTP endpoint (every address it resolves to) and show the greeting,
           capabilities before and after TLS, the certificate and the transcript.
  discover Find the incoming (IMAP, POP3) and outgoing (SMTP) servers of an address from
           every source (provider catalog, autoconfig, ISPDB, Autodiscover, DNS SRV, MX,
           guessing), probe each one, and recommend the verified settings.

Options:
  --json                 Print one JSON object on stdout (progress still goes to stderr).
  --address ADDR         Also probe the mail server (MX) of this address's domain.
  --dns-server H[:P]     Use this DNS server (an IP address) instead of the system's.
  --tls                  probe: implicit TLS from the first byte (465).
  --starttls             probe: upgrade with STARTTLS after EHLO (587, 25).
  --quiet                No progress on stderr.
  --targets FILE         port25: a JSON file of providers to test against (see shared/targets.ts).
  --fixed-timeout MS     port25: wait a fixed time for silent connects instead of judging by the
                         round-trip times of the controls (for comparison only).
  --timeout MS           probe: how long a silent connect may take (default 4000).

Export (formats: thunderbird, thunderbird-prefs, outlook-autodiscover, outlook-prf, apple,
markdown, html, json). Without settings, discovery's verified recommendation is used:
  --format FORMAT        What to write; placement steps go to stderr.
  -o, --output FILE      Write FILE (atomically) instead of printing; --force replaces it.
  --settings FILE        Settings as JSON (shared/settings.ts AccountSettings; no password field).
  --imap|--pop3|--smtp HOST:PORT:SSL|STARTTLS|plain
                         A server; repeat for verified alternatives (first = recommended).
  --username TEMPLATE    Sign-in name (default %EMAILADDRESS%; %EMAILLOCALPART%, %EMAILDOMAIN%).
  --name "Your Name"     Display name.  --auth METHOD[,...]  e.g. password-cleartext, OAuth2.
  --port25 FILE          A "clearport port25 --json" report: for the report formats; for discover,
                         ports this network blocks are ranked last.

Test options (discover; for loopback test set-ups, not for everyday use):
  --port-map P=Q,...     Connect to port Q wherever a standard port P would be used (HTTP(S) and
                         mail), e.g. 443=8443,993=10993. Trust a test CA with NODE_EXTRA_CA_CERTS.
  --ispdb URL|off        Ask this online ISPDB base URL instead of Thunderbird's, or none (the
                         bundled copy of Thunderbird's provider database is used either way).
${SEND_HELP}
Exit codes: 0 done (whatever the verdict), 1 the check could not run, 2 bad usage, 130 cancelled.
`

export type Command =
  | ExportCommand
  | SendCommand
  | { name: 'help' }
  | { name: 'version' }
  | {
      name: 'port25'
      json: boolean
      quiet: boolean
      address?: string
      dnsServer?: string
      targetsFile?: string
      fixedTimeoutMs?: number
    }
  | {
      name: 'probe'
      json: boolean
      quiet: boolean
      host: string
      port: number
      security: 'plain' | 'STARTTLS' | 'SSL'
      dnsServer?: string
      timeoutMs?: number
    }
  | ({ name: 'discover' } & DiscoverCommand)

/** The options each command takes. */
const COMMAND_OPTIONS = {
  port25: ['json', 'quiet', 'address', 'dns-server', 'targets', 'fixed-timeout'],
  probe: ['json', 'quiet', 'tls', 'starttls', 'dns-server', 'timeout'],
  discover: ['json', 'quiet', 'dns-server', 'port-map', 'ispdb', 'port25'],
  export: ['quiet', 'dns-server', 'port-map', 'ispdb', 'format', 'output', 'force', 'settings', 'imap', 'pop3', 'smtp', 'username', 'name', 'auth', 'port25'],
  send: [...SEND_FLAGS],
} satisfies Record<string, string[]>

function milliseconds(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} takes milliseconds from 1 to 999999, not ${JSON.stringify(text)}`)
  return Number(text)
}

function dnsServer(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const parsed = parseDnsServer(text)
  if (!parsed.ok) throw new UsageError(parsed.message)
  return parsed.value.spec
}

/** "443=8443,993=10993" → { "443": 8443, "993": 10993 } (test option). */
function portMap(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined
  const map: Record<string, number> = {}
  for (const pair of text.split(',')) {
    const [from = '', to = '', extra] = pair.split('=')
    if (extra !== undefined || to === '') throw new UsageError(`--port-map takes PORT=PORT pairs separated by commas, not ${JSON.stringify(pair)}`)
    const a = parsePort(from, '--port-map port')
    if (!a.ok) throw new UsageError(a.message)
    const b = parsePort(to, '--port-map port')
    if (!b.ok) throw new UsageError(b.message)
    map[String(a.value)] = b.value
  }
  return map
}

function ispdb(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined
  if (text === 'off') return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`--ispdb takes an https URL or "off", not ${JSON.stringify(text)}`)
  }
  if (url.protocol !== 'https:') throw new UsageError(`--ispdb takes an https URL or "off", not ${JSON.stringify(text)}`)
  return url.href
}

export function parseCommand(argv: string[]): Command {
  const secretOnArgv = rejectSecretArguments(argv)
  if (secretOnArgv) throw new UsageError(secretOnArgv)
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        address: { type: 'string' },
        'dns-server': { type: 'string' },
        targets: { type: 'string' },
        'fixed-timeout': { type: 'string' },
        timeout: { type: 'string' },
        tls: { type: 'boolean' },
        starttls: { type: 'boolean' },
        'port-map': { type: 'string' },
        ispdb: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        settings: { type: 'string' },
        imap: { type: 'string', multiple: true },
        pop3: { type: 'string', multiple: true },
        smtp: { type: 'string', multiple: true },
        username: { type: 'string' },
        name: { type: 'string' },
        auth: { type: 'string' },
        port25: { type: 'string' },
        user: { type: 'string' },
        to: { type: 'string' },
        'no-send': { type: 'boolean' },
        'read-back': { type: 'boolean' },
        'delete-after': { type: 'boolean' },
        'allow-plaintext-auth': { type: 'boolean' },
        'password-stdin': { type: 'boolean' },
        'oauth-token-stdin': { type: 'boolean' },
        oauth: { type: 'boolean' },
        open: { type: 'boolean' },
      },
    })
  } catch (error) {
    // parseArgs' messages name the option; drop its advice about '--' which does not apply here.
    throw new UsageError((error as Error).message.split('. To specify')[0] ?? 'bad arguments')
  }
  const { values, positionals } = parsed
  if (values.help) return { name: 'help' }
  if (values.version) return { name: 'version' }
  const [name, ...rest] = positionals
  const json = values.json === true
  const quiet = values.quiet === true
  // Each command names the options it takes; any other one given is refused by name.
  if (name !== undefined && name in COMMAND_OPTIONS) {
    const allowed: readonly string[] = COMMAND_OPTIONS[name as keyof typeof COMMAND_OPTIONS]
    for (const [flag, value] of Object.entries(values)) {
      if (value !== undefined && !allowed.includes(flag)) throw new UsageError(`--${flag} does not apply to "${name}"`)
    }
  }
  switch (name) {
    case 'port25': {
      if (rest.length > 0) throw new UsageError(`port25 takes no arguments, got ${JSON.stringify(rest[0])}`)
      let address: string | undefined
      if (values.address !== undefined) {
        const parsedAddress = parseEmailAddress(values.address)
        if (!parsedAddress.ok) throw new UsageError(parsedAddress.message)
        address = parsedAddress.value.address
      }
      return {
        name: 'port25',
        json,
        quiet,
        address,
        dnsServer: dnsServer(values['dns-server']),
        targetsFile: values.targets,
        fixedTimeoutMs: milliseconds(values['fixed-timeout'], '--fixed-timeout'),
      }
    }
    case 'probe': {
      if (rest.length !== 2) throw new UsageError('probe takes a host and a port, e.g. "clearport probe smtp.example.com 587 --starttls"')
      const host = parseHost(rest[0] ?? '')
      if (!host.ok) throw new UsageError(host.message)
      const port = parsePort(rest[1] ?? '')
      if (!port.ok) throw new UsageError(port.message)
      if (values.tls && values.starttls) throw new UsageError('choose either --tls or --starttls, not both')
      return {
        name: 'probe',
        json,
        quiet,
        host: host.value.host,
        port: port.value,
        security: values.tls ? 'SSL' : values.starttls ? 'STARTTLS' : 'plain',
        dnsServer: dnsServer(values['dns-server']),
        timeoutMs: milliseconds(values.timeout, '--timeout'),
      }
    }
    case 'discover': {
      const port25File = values.port25
      if (rest.length !== 1) throw new UsageError('discover takes one address, e.g. "clearport discover you@example.com"')
      const parsedAddress = parseEmailAddress(rest[0] ?? '')
      if (!parsedAddress.ok) throw new UsageError(parsedAddress.message)
      return {
        name: 'discover',
        json,
        quiet,
        address: parsedAddress.value.address,
        dnsServer: dnsServer(values['dns-server']),
        portMap: portMap(values['port-map']),
        ispdbBaseUrl: ispdb(values.ispdb),
        ...(port25File !== undefined && { port25File }),
      }
    }
    case 'export': {
      const exported = parseExportArgs(rest, values)
      if (!exported.ok) throw new UsageError(exported.message)
      return { ...exported.value, portMap: portMap(values['port-map']), ispdbBaseUrl: ispdb(values.ispdb) }
    }
    case 'send': {
      const send = parseSendArgs(rest, values)
      if (!send.ok) throw new UsageError(send.message)
      return send.value
    }
    case undefined:
      throw new UsageError('no command given; try "clearport port25" or "clearport --help"')
    default:
      throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are port25, probe, discover, export and send`)
  }
}
