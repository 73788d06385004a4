import { describe, expect, it } from 'vitest'
import { HELP, UsageError, parseCommand } from '../../electron/cli/args'
import { CliError, RunError, exitCodes } from '../../electron/cli/cli-error'
import { OPTIONS, commandNames, optionsFor, type CommandName, type OptionName } from '../../electron/cli/options'
import { SEND_FLAGS } from '../../electron/cli/send-args'

describe('parseCommand', () => {
  it('reads port25 with its options', () => {
    expect(parseCommand(['port25', '--json', '--address', 'Me@Example.com', '--dns-server', '192.0.2.53'])).toEqual({
      name: 'port25',
      json: true,
      quiet: false,
      address: 'Me@example.com',
      dnsServer: '192.0.2.53:53',
      targetsFile: undefined,
      fixedTimeoutMs: undefined,
    })
  })

  it('reads discover with a port-25 report file', () => {
    expect(parseCommand(['discover', 'Me@Example.com', '--port25', 'report.json'])).toMatchObject({ name: 'discover', address: 'Me@example.com', port25File: 'report.json' })
  })

  it('reads probe with host, port and security', () => {
    expect(parseCommand(['probe', 'smtp.example.com', '465', '--tls'])).toMatchObject({ name: 'probe', host: 'smtp.example.com', port: 465, security: 'SSL' })
    expect(parseCommand(['probe', '[::1]', '587', '--starttls'])).toMatchObject({ host: '::1', security: 'STARTTLS' })
  })

  it.each([
    [[], /no command/],
    [['frobnicate'], /unknown command/],
    [['port25', '--nope'], /Unknown option '--nope'/],
    [['port25', 'extra'], /takes no arguments/],
    [['port25', '--address', 'nobody'], /no "@"/],
    [['port25', '--dns-server', 'resolver.example'], /must be an IP address/],
    [['port25', '--tls'], /does not apply/],
    [['port25', '--fixed-timeout', 'soon'], /milliseconds/],
    [['probe', 'host'], /a host and a port/],
    [['probe', 'host', '0'], /out of range/],
    [['probe', 'host', 'smtp'], /not a number/],
    [['probe', 'bad\r\nhost', '25'], /line break/],
    [['probe', 'host', '25', '--tls', '--starttls'], /either --tls or --starttls/],
    // Each command takes only its own options; another command's is refused by name.
    [['port25', '--format', 'thunderbird'], /--format does not apply to "port25"/],
    [['probe', 'host', '25', '--port25', 'r.json'], /--port25 does not apply to "probe"/],
    [['discover', 'me@example.com', '--smtp', 'h:465:SSL'], /--smtp does not apply to "discover"/],
    [['export', 'me@example.com', '--format', 'json', '--json'], /--json does not apply to "export"/],
    [['send', 'me@example.com', '--format', 'json'], /--format does not apply to "send"/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
    expect(() => parseCommand(argv)).toThrow(message)
  })
})

describe('the option table', () => {
  const commandsOf = (name: OptionName): readonly CommandName[] => OPTIONS[name].commands

  it('every command refuses exactly the options its table rows do not name', () => {
    // A minimal valid invocation per command, so only the option under test can be refused.
    const base: Record<CommandName, string[]> = {
      port25: ['port25'],
      probe: ['probe', 'smtp.example.test', '587'],
      discover: ['discover', 'me@example.test'],
      export: ['export', 'me@example.test', '--format', 'json'],
      send: ['send', 'me@example.test'],
    }
    for (const command of commandNames) {
      for (const name of Object.keys(OPTIONS) as OptionName[]) {
        if (commandsOf(name).length === 0) continue
        const argv = [...base[command], `--${name}`, ...(OPTIONS[name].type === 'string' ? ['x'] : [])]
        const refused = (() => {
          try {
            parseCommand(argv)
            return null
          } catch (error) {
            return (error as Error).message
          }
        })()
        const notApplicable = refused?.includes(`--${name} does not apply to "${command}"`) ?? false
        expect(notApplicable, `${argv.join(' ')} → ${refused}`).toBe(!commandsOf(name).includes(command))
      }
    }
  })

  it('the help lists every option that has a help row, from the same table', () => {
    for (const [name, spec] of Object.entries(OPTIONS)) {
      for (const row of Object.values(spec.help)) expect(HELP, name).toContain(row[0])
    }
    expect(optionsFor('send')).toEqual(SEND_FLAGS)
  })

  it('usage errors carry exit code 2, run errors 1: one type, its code with it', () => {
    const error = (() => {
      try {
        parseCommand(['port25', '--nope'])
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(exitCodes.usage)
    expect(new RunError('x').exitCode).toBe(exitCodes.failed)
  })
})
