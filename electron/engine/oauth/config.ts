// Client registration is configuration (issue 13): ClearPort has no registration of its own and
// never uses another program's. The person (or their organisation) puts theirs in
// oauth-clients.json in ClearPort's configuration folder — Electron's userData for the app,
// $CLEARPORT_CONFIG_DIR or $XDG_CONFIG_HOME/clearport (~/.config/clearport) for the CLI — and the
// CLI also reads CLEARPORT_OAUTH_CLIENT_ID_<PROVIDER> / CLEARPORT_OAUTH_CLIENT_SECRET_<PROVIDER>
// (provider id upper-cased, other characters as "_": GMAIL_COM). A secret is accepted only for
// providers that demand one from desktop apps. The file may also define an organisation's own
// provider (its domains and OAuth data), checked by the same schema as the catalog's.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { parseOrThrow } from '@shared/providers/fields'
import { oauthProviderSchema, type OAuthProviderData } from '@shared/providers/oauth-fields'

export const CLIENTS_FILE = 'oauth-clients.json'

const clientId = z.string().min(1, 'a clientId must not be empty').max(512).regex(/^[\x21-\x7e]+$/, 'a clientId is printable ASCII without spaces')
const clientSecret = z.string().min(1, 'a clientSecret must not be empty').max(512).regex(/^[\x21-\x7e]+$/, 'a clientSecret is printable ASCII without spaces')
const clientSchema = z.strictObject({ clientId, clientSecret: clientSecret.optional() })
export type ClientRegistration = z.infer<typeof clientSchema>

const customProvider = z.strictObject({
  id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9.-]*$/, 'an id is lower-case letters, digits, "." and "-"'),
  name: z.string().min(1).max(80),
  domains: z.array(z.string().min(3).max(253).regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'a domain is lower-case ASCII with a dot')).min(1),
  oauth2: oauthProviderSchema,
})
export type CustomProvider = z.infer<typeof customProvider>

const fileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(1, { error: 'version must be 1' }),
  /** Provider id (catalog, ISPDB or custom) → registration. */
  clients: z.record(z.string().min(1).max(253), clientSchema).default({}),
  providers: z.array(customProvider).max(50).default([]),
})

export interface OAuthConfig {
  /** Where the file was looked for (named in "what is missing"). */
  file: string
  clients: Record<string, ClientRegistration>
  providers: CustomProvider[]
}

export class OAuthConfigError extends Error {
  override readonly name = 'OAuthConfigError'
}

/** The CLI's configuration folder. */
export function cliConfigDir(env: NodeJS.ProcessEnv): string {
  if (env['CLEARPORT_CONFIG_DIR']) return env['CLEARPORT_CONFIG_DIR']
  const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config')
  return join(base, 'clearport')
}

/** CLEARPORT_OAUTH_CLIENT_ID_<this> names the provider `id`. */
export const envName = (id: string): string => id.toUpperCase().replace(/[^A-Z0-9]/g, '_')

/** Read the folder's oauth-clients.json (absent: no registrations) and, for the CLI, the environment. */
export async function loadOAuthConfig(dir: string, env: NodeJS.ProcessEnv = {}): Promise<OAuthConfig> {
  const file = join(dir, CLIENTS_FILE)
  let text: string | null = null
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new OAuthConfigError(`${file} could not be read: ${(error as Error).message}`)
  }
  let data: unknown = { version: 1 }
  if (text !== null) {
    if (text.length > 256 * 1024) throw new OAuthConfigError(`${file} is larger than 256 KiB; that is not a client list`)
    try {
      data = JSON.parse(text)
    } catch (error) {
      throw new OAuthConfigError(`${file} is not valid JSON: ${(error as Error).message}`)
    }
  }
  const parsed = parseOrThrow(fileSchema, data, file, (m) => new OAuthConfigError(m))
  const clients: Record<string, ClientRegistration> = { ...parsed.clients }
  for (const [key, value] of Object.entries(env)) {
    const match = /^CLEARPORT_OAUTH_CLIENT_(ID|SECRET)_([A-Z0-9_]+)$/.exec(key)
    if (!match || !value) continue
    const id = Object.keys(clients).find((k) => envName(k) === match[2]) ?? match[2]!.toLowerCase().replace(/_/g, '.')
    // Each variable is checked on its own (a bad secret is refused too); the message never echoes the value.
    const checked = (match[1] === 'ID' ? clientId : clientSecret).safeParse(value)
    if (!checked.success) throw new OAuthConfigError(`${key}: ${checked.error.issues[0]?.message ?? 'invalid'}`)
    const current = clients[id]
    clients[id] = match[1] === 'ID' ? { ...current, clientId: value } : { clientId: current?.clientId ?? '', ...current, clientSecret: value }
  }
  return { file, clients, providers: parsed.providers }
}

/**
 * The registration for one provider, checked against what the provider demands. Null when none
 * is configured; throws when one is configured wrongly (a secret where none belongs, or missing).
 */
export function clientFor(config: OAuthConfig, providerId: string, provider: OAuthProviderData): ClientRegistration | null {
  const client = config.clients[providerId]
  if (!client || client.clientId === '') return null
  if (client.clientSecret !== undefined && !provider.clientSecretRequired) {
    throw new OAuthConfigError(`${config.file}: clients.${providerId}.clientSecret: this provider's desktop apps are public clients; remove the secret (CLEARPORT_OAUTH_CLIENT_SECRET_${envName(providerId)})`)
  }
  if (client.clientSecret === undefined && provider.clientSecretRequired) {
    throw new OAuthConfigError(`${config.file}: clients.${providerId}.clientSecret is missing: this provider's token endpoint demands the secret it issued with the desktop client (CLEARPORT_OAUTH_CLIENT_SECRET_${envName(providerId)})`)
  }
  return client
}
