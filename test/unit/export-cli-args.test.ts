// `clearport export` argument parsing: pure, so every rule is checked without a process.
import { describe, expect, it } from 'vitest'
import { UsageError, parseCommand } from '../../electron/cli/args'

const parse = (...argv: string[]) => parseCommand(['export', ...argv])

describe('clearport export arguments', () => {
  it('server flags become settings: first is recommended, repeats are alternatives', () => {
    const command = parse('alice@example.test', '--format', 'thunderbird', '--imap', 'imap.example.test:993:SSL', '--smtp', 'smtp.example.test:465:ssl', '--smtp', '[2001:db8::1]:587:STARTTLS', '--name', 'Alice', '--auth', 'OAuth2,password-cleartext', '--username', '%EMAILLOCALPART%')
    expect(command).toMatchObject({
      name: 'export',
      format: 'thunderbird',
      force: false,
      settings: {
        kind: 'flags',
        account: {
          address: 'alice@example.test',
          displayName: 'Alice',
          providerId: 'example.test',
          incoming: [{ protocol: 'imap', host: 'imap.example.test', port: 993, socket: 'SSL', auth: ['OAuth2', 'password-cleartext'], username: '%EMAILLOCALPART%' }],
          outgoing: [
            { protocol: 'smtp', host: 'smtp.example.test', port: 465, socket: 'SSL' },
            { protocol: 'smtp', host: '2001:db8::1', port: 587, socket: 'STARTTLS' },
          ],
        },
      },
    })
  })

  it('IDN hosts are stored as punycode', () => {
    const command = parse('zoe@bücher.test', '--format', 'apple', '--pop3', 'pop.bücher.test:995:SSL', '--smtp', 'smtp.bücher.test:465:SSL')
    expect(command).toMatchObject({ address: 'zoe@xn--bcher-kva.test', settings: { account: { incoming: [{ host: 'pop.xn--bcher-kva.test' }] } } })
  })

  it('no settings at all means: ask discovery', () => {
    expect(parse('alice@example.test', '--format', 'json')).toMatchObject({ settings: { kind: 'discover' } })
    expect(parse('alice@example.test', '--format', 'json', '--settings', 'a.json', '-o', 'out.json', '--force')).toMatchObject({ settings: { kind: 'file', path: 'a.json' }, output: 'out.json', force: true })
  })

  it.each([
    [['alice@example.test'], /needs --format/],
    [['alice@example.test', '--format', 'pdf'], /--format must be one of thunderbird, thunderbird-prefs/],
    [['--format', 'json'], /one address/],
    [['not-an-address', '--format', 'json'], /has no "@"/],
    [['alice@example.test', '--format', 'json', '--imap', 'imap.example.test:993'], /--imap takes HOST:PORT:SSL\|STARTTLS\|plain/],
    [['alice@example.test', '--format', 'json', '--imap', 'imap.example.test:0:SSL', '--smtp', 's.example.test:465:SSL'], /port 0 is out of range/],
    [['alice@example.test', '--format', 'json', '--imap', 'imap.example.test:993:TLS1.3', '--smtp', 's.example.test:465:SSL'], /SSL, STARTTLS or plain/],
    [['alice@example.test', '--format', 'json', '--imap', 'evil host:993:SSL', '--smtp', 's.example.test:465:SSL'], /--imap: host "evil host"/],
    [['alice@example.test', '--format', 'json', '--imap', 'imap.example.test:993:SSL'], /give an outgoing server too/],
    [['alice@example.test', '--format', 'json', '--smtp', 's.example.test:465:SSL'], /give an incoming server too/],
    [['alice@example.test', '--format', 'json', '--imap', 'i.example.test:993:SSL', '--smtp', 's.example.test:465:SSL', '--auth', 'password'], /--auth takes/],
    [['alice@example.test', '--format', 'json', '--imap', 'i.example.test:993:SSL', '--smtp', 's.example.test:465:SSL', '--name', 'A\tB'], /--name: contains a control character/],
    [['alice@example.test', '--format', 'json', '--imap', 'i.example.test:993:SSL', '--smtp', 's.example.test:465:SSL', '--name', 'N'.repeat(10_000)], /--name: is longer than 200/],
    [['alice@example.test', '--format', 'json', '--settings', 'a.json', '--imap', 'i.example.test:993:SSL'], /exclude each other/],
    [['alice@example.test', '--format', 'json', '--name', 'Alice'], /go with --imap/],
    [['alice@example.test', '--format', 'json', '--force'], /--force only applies with -o/],
    [['alice@example.test', '--format', 'json', '--json'], /--json does not apply to "export"/],
    [['alice@example.test', '--format', 'json', '--dns-server', 'dns.example.test'], /must be an IP address/],
  ])('%j → %s', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError)
    expect(() => parse(...argv)).toThrow(message)
  })
})
