// Words for settings values, shared by the settings sheet, the report and the instructions.
import type { SocketSecurity } from '../model'
import type { AuthMethod, ServerSettings } from '../settings'
import { authTerms, protocolWords, socketTerms } from '../words/settings'
import { toDisplayHost } from './idn'

export { protocolWords }

/** The explained form (shared/words/settings.ts holds both forms of each). */
export const socketWords = (socket: SocketSecurity): string => socketTerms[socket].explained
export const authWords = (auth: AuthMethod): string => authTerms[auth].explained

/** "imap.bücher.test (xn--...)" when the display form differs, else the host. */
export function hostWords(host: string): string {
  const shown = toDisplayHost(host)
  return shown === host ? host : `${shown} (${host})`
}

export function serverLine(server: ServerSettings): string {
  return `${protocolWords[server.protocol]} ${hostWords(server.host)}, port ${server.port}, ${socketWords(server.socket)}`
}
