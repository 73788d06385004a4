// Arguments of `clearport export`. Pure: parsed option values in, the export command or one clear
// usage message out. Settings come from a JSON file (--settings), from server flags, or — when
// neither is given — from discovery's recommendation at run time.
import { exportFormats, isExportFormat, parseAccountSettings, ExportError, type ExportFormat } from '@shared/export/index'
import type { AccountSettings, AuthMethod, ServerSettings } from '@shared/settings'
import { parseEmailAddress, parseHost, parsePort } from '@shared/validate'
import { authMethods, isIncomingAuth } from '@shared/vocabulary/account'
import { socketFromWord, socketSecurities } from '@shared/vocabulary/socket-security'
import { isOneOf, orList } from '@shared/vocabulary/words'
import { UsageError } from './cli-error'
import { dnsServer } from './option-values'

export type SettingsSource =
  | { kind: 'file'; path: string }
  | { kind: 'flags'; account: AccountSettings }
  | { kind: 'discover' }

export interface ExportCommand {
  name: 'export'
  quiet: boolean
  address: string
  format: ExportFormat
  output?: string
  force: boolean
  settings: SettingsSource
  /** A Port25Report as `clearport port25 --json` prints it, for the report formats. */
  port25File?: string
  dnsServer?: string
  /** Discovery test options (see `clearport discover`). */
  portMap?: Record<string, number>
  ispdbBaseUrl?: string | null
}

/** The option values `export` reads (a subset of the CLI's parseArgs values). */
export interface ExportValues {
  format?: string
  output?: string
  force?: boolean
  quiet?: boolean
  settings?: string
  imap?: string[]
  pop3?: string[]
  smtp?: string[]
  username?: string
  name?: string
  auth?: string
  port25?: string
  'dns-server'?: string
}

export type ExportParse = { ok: true; value: Omit<ExportCommand, 'portMap' | 'ispdbBaseUrl'> } | { ok: false; message: string }

/** "HOST:PORT:SSL|STARTTLS|plain"; HOST may be [IPv6]. */
function parseServerFlag(flag: string, text: string, protocol: ServerSettings['protocol'], auth: AuthMethod[], username: string): ServerSettings {
  const usage = `${flag} takes HOST:PORT:SSL|STARTTLS|plain, e.g. ${flag} ${protocol === 'smtp' ? 'smtp.example.com:465:SSL' : 'imap.example.com:993:SSL'}`
  const parts = /^(\[[^\]]+\]|[^:]+):([^:]+):([^:]+)$/.exec(text)
  if (!parts) throw new UsageError(`${usage}, not ${JSON.stringify(text.slice(0, 80))}`)
  const host = parseHost(parts[1] ?? '')
  if (!host.ok) throw new UsageError(`${flag}: ${host.message}`)
  const port = parsePort(parts[2] ?? '', `${flag} port`)
  if (!port.ok) throw new UsageError(port.message)
  const socket = socketFromWord(parts[3] ?? '')
  if (!socket) throw new UsageError(`${flag}: the security must be ${orList(socketSecurities)}, not ${JSON.stringify(parts[3])}`)
  return { protocol, host: host.value.host, port: port.value, socket, auth, username }
}

function parseAuth(text: string | undefined): AuthMethod[] {
  if (text === undefined) return ['password-cleartext']
  const list = text.split(',').map((s) => s.trim())
  for (const method of list) {
    if (!isOneOf(authMethods, method)) throw new UsageError(`--auth takes ${authMethods.join(', ')} (several separated by commas), not ${JSON.stringify(method.slice(0, 40))}`)
  }
  return list as AuthMethod[]
}

function accountFromFlags(address: string, values: ExportValues): AccountSettings {
  const auth = parseAuth(values.auth)
  const username = values.username ?? '%EMAILADDRESS%'
  const incoming = [
    ...(values.imap ?? []).map((t) => parseServerFlag('--imap', t, 'imap', auth.filter(isIncomingAuth), username)),
    ...(values.pop3 ?? []).map((t) => parseServerFlag('--pop3', t, 'pop3', auth.filter(isIncomingAuth), username)),
  ]
  const outgoing = (values.smtp ?? []).map((t) => parseServerFlag('--smtp', t, 'smtp', auth, username))
  if (incoming.length === 0) throw new UsageError('give an incoming server too: --imap HOST:PORT:SECURITY or --pop3 HOST:PORT:SECURITY')
  if (outgoing.length === 0) throw new UsageError('give an outgoing server too: --smtp HOST:PORT:SECURITY')
  const domain = address.slice(address.lastIndexOf('@') + 1)
  try {
    return parseAccountSettings({
      address,
      ...(values.name !== undefined ? { displayName: values.name } : {}),
      providerName: domain,
      providerId: domain,
      domains: [domain],
      incoming,
      outgoing,
    })
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(`${flagFor(error.field)}: ${error.reason}`)
    throw error
  }
}

/** The flag a settings field came from, so the message names what the person typed. */
function flagFor(field: string): string {
  if (field === 'displayName') return '--name'
  if (field.endsWith('.username')) return '--username'
  if (field.endsWith('.auth')) return '--auth'
  if (field.startsWith('incoming')) return '--imap/--pop3'
  if (field.startsWith('outgoing')) return '--smtp'
  return field
}

export function parseExportArgs(rest: string[], values: ExportValues): ExportParse {
  try {
    if (rest.length !== 1) throw new UsageError('export takes one address, e.g. "clearport export you@example.com --format thunderbird"')
    const email = parseEmailAddress(rest[0] ?? '')
    if (!email.ok) throw new UsageError(email.message)
    const address = email.value.address
    if (values.format === undefined) throw new UsageError(`export needs --format: ${exportFormats.join(', ')}`)
    if (!isExportFormat(values.format)) throw new UsageError(`--format must be one of ${exportFormats.join(', ')}, not ${JSON.stringify(values.format.slice(0, 40))}`)
    const serverFlags = (values.imap?.length ?? 0) + (values.pop3?.length ?? 0) + (values.smtp?.length ?? 0)
    const accountFlags = values.username !== undefined || values.name !== undefined || values.auth !== undefined
    if (values.settings !== undefined && (serverFlags > 0 || accountFlags)) {
      throw new UsageError('--settings and the server flags (--imap, --pop3, --smtp, --username, --name, --auth) exclude each other')
    }
    if (serverFlags === 0 && accountFlags) throw new UsageError('--username, --name and --auth go with --imap/--pop3 and --smtp')
    let settings: SettingsSource
    if (values.settings !== undefined) settings = { kind: 'file', path: values.settings }
    else if (serverFlags > 0) settings = { kind: 'flags', account: accountFromFlags(address, values) }
    else settings = { kind: 'discover' }
    if (values.output !== undefined && values.output.trim() === '') throw new UsageError('-o needs a file name')
    if (values.force && values.output === undefined) throw new UsageError('--force only applies with -o FILE')
    const dns = dnsServer(values['dns-server'])
    return {
      ok: true,
      value: {
        name: 'export',
        quiet: values.quiet === true,
        address,
        format: values.format,
        ...(values.output !== undefined ? { output: values.output } : {}),
        force: values.force === true,
        settings,
        ...(values.port25 !== undefined ? { port25File: values.port25 } : {}),
        ...(dns !== undefined ? { dnsServer: dns } : {}),
      },
    }
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, message: error.message }
    throw error
  }
}
