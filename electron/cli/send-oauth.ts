// `clearport send --oauth`: the browser sign-in for the CLI. The provider comes from the address
// (oauth-clients.json's own providers, the catalog, the bundled ISPDB), the client registration
// from the config folder and the environment. The sign-in page's URL goes to stderr (stdout stays
// the result); --open hands it to the desktop's opener at once, a terminal opens it on Enter.
// Failures of the OAuth part print as one problem (text, or JSON with --json) and exit 1.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { BROWSER_WAIT_MS, oauthProblem, type OAuthProblem, type OAuthServices } from '@shared/oauth'
import type { SendEndpoint, SendResult } from '@shared/send'
import { toAsciiDomain } from '@shared/validate'
import { OAuthError } from '../engine/oauth/errors'
import { explainTokenRefusal } from '../engine/oauth/explain'
import { OAuthConfigError, clientFor, cliConfigDir, envName, loadOAuthConfig } from '../engine/oauth/config'
import { oauthSignIn } from '../engine/oauth/flow'
import { oauthProviderFor } from '../engine/oauth/providers'
import type { OAuth2Credentials } from '../engine/send/credentials'
import type { SendCommand } from './send-args'
import type { SendIo } from './send'
import { jsonText } from './text'

/** The desktop's own opener for a URL (never a shell: the URL is one argument). */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]]
  const child = spawn(command, args, { stdio: 'ignore', detached: true })
  child.on('error', () => {})
  child.unref()
}

function printProblem(problem: OAuthProblem, command: SendCommand, io: SendIo, extra: string | null = null): number {
  if (command.json) io.out(`${jsonText({ ok: false, oauth: problem })}\n`)
  else io.out(`${[problem.title, problem.advice, problem.detail && `Detail: ${problem.detail}`, extra].filter(Boolean).join('\n')}\n`)
  return 1
}

/**
 * The access token for this one run, from the browser sign-in; or the exit code when the OAuth
 * part failed (its problem already printed).
 */
export async function browserCredentials(command: SendCommand, user: string, servers: { smtp: SendEndpoint; imap: SendEndpoint | null }, io: SendIo, signal: AbortSignal): Promise<OAuth2Credentials | number> {
  const domain = toAsciiDomain(command.address.split('@').pop() ?? '', 'domain')
  let name = domain.ok ? domain.value : command.address
  try {
    const config = await loadOAuthConfig(cliConfigDir(io.env), io.env)
    const provider = await oauthProviderFor(name, config)
    if (!provider) return printProblem(oauthProblem('provider-unknown', name), command, io)
    name = provider.name
    const client = clientFor(config, provider.id, provider.oauth2)
    if (!client) {
      const missing = `Set CLEARPORT_OAUTH_CLIENT_ID_${envName(provider.id)}${provider.oauth2.clientSecretRequired ? ` and CLEARPORT_OAUTH_CLIENT_SECRET_${envName(provider.id)}` : ''}, or add "${provider.id}" under "clients" in ${config.file}.${provider.oauth2.appPasswordUrl ? ` Without OAuth: make an app password at ${provider.oauth2.appPasswordUrl} and use --password-stdin.` : ''}`
      return printProblem(oauthProblem('client-missing', provider.name), command, io, missing)
    }
    const services: (keyof OAuthServices)[] = ['smtp', ...(command.readBack && servers.imap ? (['imap'] as const) : [])]
    let lines: ReturnType<typeof createInterface> | null = null
    try {
      return await oauthSignIn({
        address: command.address,
        user,
        provider,
        client,
        services,
        signal,
        ...(command.dnsServer !== undefined && { dnsServer: command.dnsServer }),
        open: (url) => {
          io.err(`clearport: sign in with ${provider.name} in your browser:\n  ${url}\n`)
          if (command.open) openInBrowser(url)
          else if (io.stdin.isTTY) {
            io.err('clearport: press Enter to open it in your browser (or open it yourself)\n')
            lines = createInterface({ input: io.stdin })
            lines.once('line', () => openInBrowser(url))
          }
          io.err(`clearport: waiting for the browser to come back (${BROWSER_WAIT_MS / 60_000} minutes; Ctrl-C cancels)\n`)
        },
        onPhase: (phase, detail) => {
          if (!command.quiet && phase === 'exchange') io.err(`clearport: signed in; fetching the access token from ${detail}\n`)
        },
      })
    } finally {
      ;(lines as ReturnType<typeof createInterface> | null)?.close()
    }
  } catch (error) {
    if (error instanceof OAuthError) return printProblem(oauthProblem(error.code, name, error.detail ?? error.message), command, io)
    if (error instanceof OAuthConfigError) return printProblem(oauthProblem('config-invalid', name, error.message), command, io)
    throw error
  }
}

/** After a password send refused for "this account needs OAuth": the route, in one line. */
export function oauthRouteHint(result: SendResult, command: SendCommand): string | null {
  const code = result.problem?.code
  if (result.request.auth !== 'password' || (code !== 'basic-auth-disabled' && code !== 'app-password-required')) return null
  return `clearport: this account can sign in with OAuth2 instead: clearport send ${command.address} --oauth${command.readBack ? ' --read-back' : ''}`
}

/** A result whose token the server refused, with the decoded reason (engine/oauth/explain.ts). */
export function explainedResult(result: SendResult): SendResult {
  return explainTokenRefusal(result, 'your provider')
}
