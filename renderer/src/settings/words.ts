// Server settings in plain words: the tables are in shared/words/settings.ts; these are the
// lookups the views call (the editor's sign-in choices are the renderer's own).
import type { SocketSecurity } from '@shared/model'
import type { AuthMethod, MailProtocol } from '@shared/settings'
import { authTerms, protocolWords as protocols, socketTerms } from '@shared/words/settings'

export const protocolWords = (protocol: MailProtocol): string => protocols[protocol]
export const socketWords = (socket: SocketSecurity): string => socketTerms[socket].short
export const authWords = (auth: AuthMethod): string => authTerms[auth].short

export const authChoices: readonly AuthMethod[] = ['password-cleartext', 'password-encrypted', 'OAuth2', 'none']
