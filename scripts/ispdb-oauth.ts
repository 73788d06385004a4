// The <oAuth2> block of an ISPDB file (issuer, scope, authURL, tokenURL) as ClearPort's provider
// OAuth data (shared/providers/oauth-fields.ts). The ISPDB gives one scope list for every
// protocol; ClearPort asks per attempt only for what it uses, so scopes that name a protocol
// (Microsoft's IMAP.AccessAsUser.All, Yandex's mail:smtp) go to that protocol, the rest to all.
// Scopes that are not mail (Google's contacts/calendar/carddav) and offline_access (ClearPort
// keeps no refresh token) are left out.
import { asObject, parseXml, textOf } from '../electron/engine/discover/xml'
import { oauthProviderSchema, type OAuthProviderData, type OAuthServices } from '../shared/providers/oauth-fields'

type Service = keyof OAuthServices
const SERVICE_WORDS: [Service, RegExp][] = [
  ['imap', /imap/i],
  ['pop3', /\bpop|\.pop|pop\./i],
  ['smtp', /smtp/i],
]
const NOT_MAIL = /contacts|calendar|carddav|caldav|^offline_access$/i

/** Issuers known to give desktop clients a secret their token endpoint demands. */
const SECRET_ISSUERS = new Set(['accounts.google.com'])

export function splitScopes(scope: string, services: readonly Service[]): OAuthServices {
  const kept = scope.split(/\s+/).filter((s) => s !== '' && !NOT_MAIL.test(s))
  const out: OAuthServices = {}
  for (const service of services) {
    const named = kept.filter((s) => SERVICE_WORDS.find(([name]) => name === service)![1].test(s))
    const general = kept.filter((s) => !SERVICE_WORDS.some(([, pattern]) => pattern.test(s)))
    const list = [...named, ...general]
    // A protocol no scope names (mail.ru's single "mail.imap" covers SMTP too) gets them all.
    out[service] = list.length > 0 ? list : kept
  }
  for (const service of services) if (out[service]?.length === 0) delete out[service]
  return out
}

/** The file's OAuth data, null when it has no usable <oAuth2> block (with the reason). */
export function importOAuth2(text: string, services: readonly Service[]): { data: OAuthProviderData | null; problem: string | null } {
  const parsed = parseXml(text, () => false)
  if (!parsed.ok) return { data: null, problem: parsed.message }
  const provider = asObject(asObject(parsed.value['clientConfig'])?.['emailProvider'])
  const block = asObject(provider?.['oAuth2'] ?? asObject(parsed.value['clientConfig'])?.['oAuth2'])
  if (!block) return { data: null, problem: null }
  const issuer = textOf(block['issuer']) ?? ''
  const candidate = {
    issuer,
    authorizationEndpoint: textOf(block['authURL']) ?? '',
    tokenEndpoint: textOf(block['tokenURL']) ?? '',
    scopes: splitScopes(textOf(block['scope']) ?? '', services),
    clientSecretRequired: SECRET_ISSUERS.has(issuer),
  }
  const checked = oauthProviderSchema.safeParse(candidate)
  if (!checked.success) return { data: null, problem: `<oAuth2> left out: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}` }
  return { data: checked.data, problem: null }
}
