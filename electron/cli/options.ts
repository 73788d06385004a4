// Every option of the `clearport` command, declared once: the parser's configuration, which
// commands take it (anything else given is refused by name) and its help line come from this
// table. Adding an option is one row.
import { exportFormats } from '@shared/export/types'

export const commandNames = ['port25', 'probe', 'discover', 'export', 'send'] as const

export type CommandName = (typeof commandNames)[number]

/** Where an option's help line is printed (sections in this order; see `helpFor`). */
export type HelpSection = 'general' | 'export' | 'test' | 'send'

interface OptionSpec {
  type: 'boolean' | 'string'
  short?: string
  multiple?: boolean
  /** The commands that take it; none: a global option (--help, --version). */
  commands: readonly CommandName[]
  /** Section → [flag as shown, text]; one text line per array entry; absent: not listed. */
  help: Partial<Record<HelpSection, readonly [string, ...string[]]>>
}

const SERVER = 'A server; repeat for verified alternatives (first = recommended).'

export const OPTIONS = {
  help: { type: 'boolean', short: 'h', commands: [], help: {} },
  version: { type: 'boolean', commands: [], help: {} },
  json: { type: 'boolean', commands: ['port25', 'probe', 'discover', 'send'], help: { general: ['--json', 'Print one JSON object on stdout (progress still goes to stderr).'] } },
  address: { type: 'string', commands: ['port25'], help: { general: ['--address ADDR', "Also probe the mail server (MX) of this address's domain."] } },
  'dns-server': { type: 'string', commands: ['port25', 'probe', 'discover', 'export', 'send'], help: { general: ['--dns-server H[:P]', "Use this DNS server (an IP address) instead of the system's."] } },
  tls: { type: 'boolean', commands: ['probe'], help: { general: ['--tls', 'probe: implicit TLS from the first byte (465).'] } },
  starttls: { type: 'boolean', commands: ['probe'], help: { general: ['--starttls', 'probe: upgrade with STARTTLS after EHLO (587, 25).'] } },
  quiet: { type: 'boolean', short: 'q', commands: ['port25', 'probe', 'discover', 'export', 'send'], help: { general: ['--quiet', 'No progress on stderr.'] } },
  targets: { type: 'string', commands: ['port25'], help: { general: ['--targets FILE', 'port25: a JSON file of providers to test against (see shared/targets.ts).'] } },
  'fixed-timeout': {
    type: 'string',
    commands: ['port25'],
    help: { general: ['--fixed-timeout MS', 'port25: wait a fixed time for silent connects instead of judging by the', 'round-trip times of the controls (for comparison only).'] },
  },
  timeout: { type: 'string', commands: ['probe'], help: { general: ['--timeout MS', 'probe: how long a silent connect may take (default 4000).'] } },
  format: { type: 'string', commands: ['export'], help: { export: ['--format FORMAT', 'What to write; placement steps go to stderr.'] } },
  output: { type: 'string', short: 'o', commands: ['export'], help: { export: ['-o, --output FILE', 'Write FILE (atomically) instead of printing; --force replaces it.'] } },
  force: { type: 'boolean', commands: ['export'], help: { export: ['--force', 'With -o: replace an existing file.'] } },
  settings: { type: 'string', commands: ['export'], help: { export: ['--settings FILE', 'Settings as JSON (shared/settings.ts AccountSettings; no password field).'] } },
  imap: {
    type: 'string',
    multiple: true,
    commands: ['export', 'send'],
    help: { export: ['--imap HOST:PORT:SSL|STARTTLS|plain', SERVER], send: ['--imap HOST:PORT:SSL|STARTTLS', 'The incoming (IMAP) server for --read-back.'] },
  },
  pop3: { type: 'string', multiple: true, commands: ['export'], help: { export: ['--pop3 HOST:PORT:SSL|STARTTLS|plain', SERVER] } },
  smtp: {
    type: 'string',
    multiple: true,
    commands: ['export', 'send'],
    help: { export: ['--smtp HOST:PORT:SSL|STARTTLS|plain', SERVER], send: ['--smtp HOST:PORT:SSL|STARTTLS', 'The outgoing server to sign in to.'] },
  },
  username: { type: 'string', commands: ['export'], help: { export: ['--username TEMPLATE', 'Sign-in name (default %EMAILADDRESS%; %EMAILLOCALPART%, %EMAILDOMAIN%).'] } },
  name: { type: 'string', commands: ['export'], help: { export: ['--name "Your Name"', 'Display name.'] } },
  auth: { type: 'string', commands: ['export'], help: { export: ['--auth METHOD[,...]', 'e.g. password-cleartext, OAuth2.'] } },
  port25: {
    type: 'string',
    commands: ['discover', 'export'],
    help: { export: ['--port25 FILE', 'A "clearport port25 --json" report: for the report formats; for discover,', 'ports this network blocks are ranked last.'] },
  },
  'port-map': {
    type: 'string',
    commands: ['discover', 'export', 'send'],
    help: {
      test: ['--port-map P=Q,...', 'Connect to port Q wherever a standard port P would be used (HTTP(S) and', 'mail), e.g. 443=8443,993=10993. Trust a test CA with NODE_EXTRA_CA_CERTS.'],
    },
  },
  ispdb: {
    type: 'string',
    commands: ['discover', 'export', 'send'],
    help: {
      test: ['--ispdb URL|off', "Ask this online ISPDB base URL instead of Thunderbird's, or none (the", "bundled copy of Thunderbird's provider database is used either way)."],
    },
  },
  user: { type: 'string', commands: ['send'], help: { send: ['--user NAME', 'Sign in as NAME (default: the address).'] } },
  to: { type: 'string', commands: ['send'], help: { send: ['--to ADDR', 'Send the test message to ADDR instead of yourself.'] } },
  'no-send': { type: 'boolean', commands: ['send'], help: { send: ['--no-send', 'Sign in, MAIL FROM + RCPT TO for your address, RSET: nothing is sent.'] } },
  'read-back': { type: 'boolean', commands: ['send'], help: { send: ['--read-back', 'Sign in to the incoming (IMAP) server and wait for the test message.'] } },
  'delete-after': { type: 'boolean', commands: ['send'], help: { send: ['--delete-after', 'Delete the test message once it was read back.'] } },
  'allow-plaintext-auth': { type: 'boolean', commands: ['send'], help: { send: ['--allow-plaintext-auth', 'Send the password without TLS for this one attempt (plain endpoints).'] } },
  'password-stdin': { type: 'boolean', commands: ['send'], help: { send: ['--password-stdin', 'Read the password from stdin (or set CLEARPORT_PASSWORD).'] } },
  'oauth-token-stdin': { type: 'boolean', commands: ['send'], help: { send: ['--oauth-token-stdin', 'Read an OAuth2 access token from stdin.'] } },
  oauth: {
    type: 'boolean',
    commands: ['send'],
    help: {
      send: [
        '--oauth',
        'Sign in with the provider in your browser (OAuth2 with PKCE); needs a',
        'client ID in oauth-clients.json (config folder) or',
        'CLEARPORT_OAUTH_CLIENT_ID_<PROVIDER>. --open opens the page at once.',
      ],
    },
  },
  open: { type: 'boolean', commands: ['send'], help: {} },
} as const satisfies Record<string, OptionSpec>

export type OptionName = keyof typeof OPTIONS

/** The options `command` takes, in table order. */
export function optionsFor(command: CommandName): OptionName[] {
  return (Object.keys(OPTIONS) as OptionName[]).filter((name) => (OPTIONS[name].commands as readonly CommandName[]).includes(command))
}

const FLAG_WIDTH = 22

/** The help lines of one section: the flag, then its text in a column (wrapped lines aligned). */
export function helpFor(section: HelpSection): string {
  const lines: string[] = []
  for (const spec of Object.values(OPTIONS) as OptionSpec[]) {
    const row = spec.help[section]
    if (!row) continue
    const [flag, ...text] = row
    const fits = flag.length <= FLAG_WIDTH
    if (!fits) lines.push(`  ${flag}`)
    text.forEach((line, i) => lines.push(`  ${(i === 0 && fits ? flag : '').padEnd(FLAG_WIDTH)} ${line}`))
  }
  return lines.join('\n')
}

export const formatsLine = exportFormats.join(', ')
