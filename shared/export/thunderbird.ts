// Thunderbird's clientConfig v1.1 (the autoconfig / ISPDB format). Every server in the settings is
// written, recommended first, verified alternatives after: Thunderbird treats repeated
// <incomingServer>/<outgoingServer> entries as ordered alternatives. User names keep their
// %EMAILADDRESS%-style placeholders, which Thunderbird fills in itself.
//
// The placement steps are not written into the file beyond a fixed one-line comment: the same
// file must work unchanged both in Thunderbird's isp/ folder and on an autoconfig web server, and
// a comment cannot safely quote values (XML forbids "--" inside comments, and punycode domains
// contain "xn--"). The full steps travel as `instructions` next to the file.
import type { AccountSettings, ServerSettings } from '../settings'
import { hostWords } from './describe'
import type { ExportFile } from './types'
import { buildXml, type XmlNode } from './xml'

function server(s: ServerSettings): XmlNode {
  return {
    '@_type': s.protocol,
    hostname: s.host,
    port: s.port,
    socketType: s.socket,
    authentication: s.auth,
    username: s.username,
  }
}

export function renderThunderbird(account: AccountSettings): ExportFile {
  const domain = account.address.slice(account.address.lastIndexOf('@') + 1)
  const text = buildXml({
    clientConfig: {
      '@_version': '1.1',
      '#comment': ' Thunderbird mail settings written by ClearPort. See the instructions that came with this file. ',
      emailProvider: {
        '@_id': account.providerId,
        domain: account.domains,
        displayName: account.providerName,
        displayShortName: account.providerName,
        incomingServer: account.incoming.map(server),
        outgoingServer: account.outgoing.map(server),
      },
    },
  })
  const instructions = [
    'Thunderbird settings file (clientConfig 1.1).',
    '',
    'On one computer you do not need this file: in Thunderbird choose Add Mail Account, type your name,',
    `your address (${account.address}) and password, then "Configure manually" and type the servers listed below.`,
    'Never copy files into Thunderbird’s program folder.',
    '',
    'For everyone on the domain, the domain owner publishes it; Thunderbird then finds the servers by itself:',
    `  Serve it as https://autoconfig.${domain}/mail/config-v1.1.xml`,
    `  or as https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml  (Content-Type: text/xml).`,
    '',
    'Servers in the file, in order of preference:',
    ...[...account.incoming, ...account.outgoing].map((s, i) => `  ${i + 1}. ${s.protocol.toUpperCase()} ${hostWords(s.host)}:${s.port} ${s.socket}`),
  ]
  if ([...account.incoming, ...account.outgoing].some((s) => s.auth[0] === 'OAuth2')) {
    instructions.push('', 'OAuth2: Thunderbird signs in through the provider’s web page only for providers it knows; otherwise use an app password.')
  }
  return { filename: `${domain}.xml`, mimeType: 'application/xml', text: `${text}\n`, encoding: 'utf-8', instructions: instructions.join('\n') }
}
