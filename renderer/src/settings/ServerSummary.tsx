// One server's settings as a small definition list.
import type { JSX } from 'react'
import { expandUsername, type ServerSettings } from '@shared/settings'
import { useApp } from '../store'
import { authWords, protocolWords, socketWords } from './words'

export function ServerSummary({ settings }: { settings: ServerSettings }): JSX.Element {
  // People see their own user name, not the %EMAILADDRESS% placeholder the settings carry.
  const address = useApp((s) => (s.parsed?.ok ? s.parsed.value.address : null))
  const username = address ? expandUsername(settings.username, address) : settings.username
  return (
    <dl className="server-summary">
      <dt>Server</dt>
      <dd className="mono">{settings.host}</dd>
      <dt>Port</dt>
      <dd>{settings.port} ({protocolWords(settings.protocol)})</dd>
      <dt>Security</dt>
      <dd>{socketWords(settings.socket)}</dd>
      <dt>User name</dt>
      <dd className="mono">{username}</dd>
      <dt>Sign-in</dt>
      <dd>{settings.auth.map(authWords).join(', ') || '—'}</dd>
    </dl>
  )
}
