// Argument parsing for the `clearport` command. Pure: argv in, a command or a usage error out.
import { parseArgs } from 'node:util'
import { parseEmailAddress, parseHost, parsePort } from '@shared/validate'
import type { SocketSecurity } from '@shared/vocabulary/socket-security'
import { andList, isOneOf } from '@shared/vocabulary/words'
import { exitCodes, UsageError } from './cli-error'
import { parseExportArgs, type ExportCommand } from './export-args'
import { dnsServer, ispdb, milliseconds, portMap } from './option-values'
import { OPTIONS, commandNames, formatsLine, helpFor, optionsFor } from './options'
import { SEND_HELP, parseSendArgs, rejectSecretArguments, type SendCommand } from './send-args'
import type { DiscoverCommand } from './discover'

export { UsageError }

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
${helpFor('general')}

Export (formats: ${formatsLine}).
Without settings, discovery's verified recommendation is used:
${helpFor('export')}

Test options (discover; for loopback test set-ups, not for everyday use):
${helpFor('test')}
${SEND_HELP}
Exit codes: ${exitCodes.done} done (whatever the verdict), ${exitCodes.failed} the check could not run, ${exitCodes.usage} bad usage, ${exitCodes.cancelled} cancelled.
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
      security: SocketSecurity
      dnsServer?: string
      timeoutMs?: number
    }
  | ({ name: 'discover' } & DiscoverCommand)

export function parseCommand(argv: string[]): Command {
  const secretOnArgv = rejectSecretArguments(argv)
  if (secretOnArgv) throw new UsageError(secretOnArgv)
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS })
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
  if (isOneOf(commandNames, name)) {
    const allowed: readonly string[] = optionsFor(name)
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
      throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are ${andList(commandNames)}`)
  }
}
