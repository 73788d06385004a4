// A field path of the settings ("account.incoming.1.port") in words a person reads ("the port of
// the second incoming server"): what the app shows when an export cannot be made. The CLI keeps
// the path itself, which is what someone editing a settings file needs.
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth']

const FIELD: Readonly<Record<string, string>> = {
  host: 'server name',
  port: 'port',
  socket: 'security setting',
  auth: 'sign-in method',
  username: 'user name',
  protocol: 'kind of server',
}

const TOP: Readonly<Record<string, string>> = {
  address: 'your email address',
  displayName: 'your name',
  providerName: 'the provider’s name',
  providerId: 'the provider’s id',
  domains: 'the provider’s domains',
  format: 'the format',
  account: 'the settings',
  report: 'the report',
}

export function fieldWords(path: string): string {
  const parts = path.split('.').filter((p) => p !== '' && p !== 'account')
  const [first, second, third] = parts
  if (first === undefined) return 'the settings'
  if (first === 'incoming' || first === 'outgoing') {
    if (second === undefined || !/^\d+$/.test(second)) return `the ${first} servers`
    const server = `the ${ORDINALS[Number(second)] ?? `number ${Number(second) + 1}`} ${first} server`
    return third === undefined ? server : `the ${FIELD[third] ?? third} of ${server}`
  }
  return TOP[first] ?? (first === 'report' || parts.length > 1 ? 'the report' : `the ${first}`)
}

/** "account.incoming: lists more than 10 servers" → "The incoming servers: lists more than 10 servers." */
export function exportErrorWords(field: string, reason: string): string {
  const words = fieldWords(field)
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}: ${reason.replace(/\.$/, '')}.`
}
