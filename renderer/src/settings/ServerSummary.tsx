// One server's settings as a small definition list.
import type { JSX } from 'react'
import type { ServerSettings } from '@shared/settings'
import { authWords, protocolWords, socketWords } from './words'

export function ServerSummary({ settings }: { settings: ServerSettings }): JSX.Element {
  return (
    <dl className="server-summary">
      <dt>Server</dt>
      <dd className="mono">{settings.host}</dd>
      <dt>Port</dt>
      <dd>{settings.port} ({protocolWords(settings.protocol)})</dd>
      <dt>Security</dt>
      <dd>{socketWords(settings.socket)}</dd>
      <dt>User name</dt>
      <dd className="mono">{settings.username}</dd>
      <dt>Sign-in</dt>
      <dd>{settings.auth.map(authWords).join(', ') || '—'}</dd>
    </dl>
  )
}
