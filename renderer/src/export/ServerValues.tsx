// The values a person types into a mail program: the recommended incoming and outgoing server.
import type { JSX } from 'react'
import { hostWords } from '@shared/export/describe'
import { expandUsername, type AccountSettings, type ServerSettings } from '@shared/settings'
import { securityWords } from './words'

function Row({ label, server, address }: { label: string; server: ServerSettings | undefined; address: string }): JSX.Element | null {
  if (server === undefined) return null
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="mono">{hostWords(server.host)}</td>
      <td>{server.port}</td>
      <td>{securityWords[server.socket]}</td>
      <td className="mono">{expandUsername(server.username, address)}</td>
    </tr>
  )
}

export function ServerValues({ account }: { account: AccountSettings }): JSX.Element {
  const incoming = account.incoming[0]
  return (
    <table className="values">
      <caption className="visually-hidden">The values to type</caption>
      <thead>
        <tr><th scope="col">Server</th><th scope="col">Name</th><th scope="col">Port</th><th scope="col">Security</th><th scope="col">User name</th></tr>
      </thead>
      <tbody>
        <Row label={incoming?.protocol === 'pop3' ? 'Incoming (POP3)' : 'Incoming (IMAP)'} server={incoming} address={account.address} />
        <Row label="Outgoing (SMTP)" server={account.outgoing[0]} address={account.address} />
      </tbody>
    </table>
  )
}
