// Argument parsing for the `clearport` command. Pure: argv in, a command or a usage error out.
import { parseArgs } from 'node:util'
import { parseDnsServer, parseEmailAddress, parseHost, parsePort } from '@shared/validate'

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export const HELP = `clearport — can mail leave this machine, and if not, why?

Usage:
  clearport port25 [--json] [--address you@example.com] [--dns-server HOST[:PORT]]
  clearport probe HOST PORT [--tls | --starttls] [--json] [--dns-server HOST[:PORT]]
  clearport --help | --version

Commands:
  port25   Check outbound port 25 against several large mail providers, with control
           connections on 587/465/443, and say whether it is open, blocked, intercepted
           or stripped; also which submission ports (587, 465, 2525) work from here.
  probe    Talk to one SMTP endpoint (every address it resolves to) and show the greeting,
           capabilities before and after TLS, the certificate and the transcript.

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

Exit codes: 0 done (whatever the verdict), 1 the check could not run, 2 bad usage, 130 cancelled.
`

export type Command =
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

export function parseCommand(argv: string[]): Command {
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
  const onlyFor = (flags: (keyof typeof values)[], command: string): void => {
    for (const flag of flags) if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to "${command}"`)
  }
  switch (name) {
    case 'port25': {
      if (rest.length > 0) throw new UsageError(`port25 takes no arguments, got ${JSON.stringify(rest[0])}`)
      onlyFor(['tls', 'starttls', 'timeout'], 'port25')
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
      onlyFor(['address', 'targets', 'fixed-timeout'], 'probe')
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
    case undefined:
      throw new UsageError('no command given; try "clearport port25" or "clearport --help"')
    default:
      throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are port25 and probe`)
  }
}
