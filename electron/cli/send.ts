// `clearport send`: read the secret (stdin or environment, never argv), pick the servers (given,
// or discovery's verified recommendation), run the proof, print the result. The secret is handed
// to a credentials provider for this one run and forgotten afterwards; every line printed comes
// from a result the engine already redacted, and error messages are redacted here once more.
import type { Readable } from 'node:stream'
import type { SendEndpoint, SendRequest } from '@shared/send'
import { expandUsername } from '@shared/settings'
import { withScope } from '../engine/deadline'
import { discover } from '../engine/discover/index'
import { suppliedAccessToken, suppliedPassword, type CredentialsProvider } from '../engine/send/credentials'
import { createRedactor } from '../engine/send/redact'
import { testSend } from '../engine/send/run'
import type { SendProgress } from '../engine/send/stages'
import type { SendCommand } from './send-args'
import { formatSendResult, progressLine } from './send-format'
import { jsonText } from './text'
import { exitCodes, RunError, UsageError } from './cli-error'

// A missing or empty secret is bad usage (exit 2); anything else that ends the run is exit 1.
export { UsageError as SendUsageError, RunError as SendRunError } from './cli-error'

export interface SendIo {
  out(text: string): void
  err(text: string): void
  stdin: Readable & { isTTY?: boolean }
  env: NodeJS.ProcessEnv
}

/** Longest secret accepted: an access token (a JWT) can run to a few KiB. */
const MAX_SECRET_BYTES = 16_384
/** stdin that stays open without ever sending anything must not hang the command. */
const STDIN_DEADLINE_MS = 30_000

/** Read the whole of stdin (a pipe), bounded in size and time; one trailing newline is dropped. */
export async function readSecretFromStdin(stdin: SendIo['stdin'], flag: string, signal: AbortSignal, deadlineMs = STDIN_DEADLINE_MS): Promise<string> {
  if (stdin.isTTY) {
    throw new UsageError(`${flag} reads from a pipe, but stdin is a terminal; e.g. "pass show mail | clearport send ... ${flag}"`)
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    await withScope(signal, deadlineMs, 'stdin', (s) => {
      return new Promise<void>((resolve, reject) => {
        const cleanup = (): void => {
          stdin.removeListener('data', onData)
          stdin.removeListener('end', onEnd)
          stdin.removeListener('error', onError)
          s.removeEventListener('abort', onAbort)
        }
        const onData = (chunk: Buffer | string): void => {
          const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
          size += buffer.length
          if (size > MAX_SECRET_BYTES) {
            cleanup()
            stdin.destroy()
            reject(new UsageError(`${flag}: more than ${MAX_SECRET_BYTES} bytes arrived on stdin; that is not a password or token`))
            return
          }
          chunks.push(buffer)
        }
        const onEnd = (): void => {
          cleanup()
          resolve()
        }
        const onError = (): void => {
          cleanup()
          reject(new UsageError(`${flag}: stdin could not be read`))
        }
        const onAbort = (): void => {
          cleanup()
          stdin.destroy()
          reject(s.reason instanceof Error ? s.reason : new Error('stdin read aborted'))
        }
        stdin.on('data', onData)
        stdin.once('end', onEnd)
        stdin.once('error', onError)
        s.addEventListener('abort', onAbort, { once: true })
        stdin.resume()
      })
    })
  } catch (error) {
    if (error instanceof Error && error.name === 'DeadlineError') {
      throw new UsageError(`${flag}: nothing ended on stdin within ${Math.round(deadlineMs / 1000)} s; pipe the secret in and close the pipe`)
    }
    throw error
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
  chunks.length = 0
  if (text === '') throw new UsageError(`${flag}: nothing arrived on stdin (it was empty or closed)`)
  return text
}

interface Secret {
  kind: 'password' | 'oauth2' | 'browser'
  value: string
}

/** Read the secret first, so an empty stdin fails at once rather than after discovery. */
async function readSecret(command: SendCommand, io: SendIo, signal: AbortSignal): Promise<Secret> {
  if (command.secretFrom === 'oauth') return { kind: 'browser', value: '' }
  if (command.secretFrom === 'oauth-token-stdin') return { kind: 'oauth2', value: await readSecretFromStdin(io.stdin, '--oauth-token-stdin', signal) }
  if (command.secretFrom === 'password-stdin') return { kind: 'password', value: await readSecretFromStdin(io.stdin, '--password-stdin', signal) }
  const fromEnv = io.env.CLEARPORT_PASSWORD
  // Forget it at once: nothing this process starts later should inherit it.
  delete io.env.CLEARPORT_PASSWORD
  if (fromEnv !== undefined && fromEnv !== '') return { kind: 'password', value: fromEnv }
  throw new UsageError('no password: pipe it in with --password-stdin, set CLEARPORT_PASSWORD, or give a token with --oauth-token-stdin (never on the command line)')
}

interface Servers {
  smtp: SendEndpoint
  imap: SendEndpoint | null
  /** Sign-in name from discovery's username template, if discovery was asked. */
  username: string | null
}

/** The servers to use: as given, or discovery's verified recommendation for the missing ones. */
async function chooseServers(command: SendCommand, io: SendIo, signal: AbortSignal): Promise<Servers> {
  const needImap = command.readBack && command.imap === null
  if (command.smtp !== null && !needImap) return { smtp: command.smtp, imap: command.imap, username: null }
  if (!command.quiet) io.err(`clearport: no ${command.smtp === null ? '--smtp' : '--imap'} given; asking discovery for ${command.address}'s settings\n`)
  const report = await discover(command.address, {
    signal,
    ...(command.dnsServer !== undefined && { dnsServer: command.dnsServer }),
    ...(command.portMap !== undefined && { portMap: command.portMap }),
    ...(command.ispdbBaseUrl !== undefined && { ispdbBaseUrl: command.ispdbBaseUrl }),
  })
  const recommended = report.recommended
  const outgoing = recommended?.outgoing[0]
  const incoming = recommended?.incoming.find((s) => s.protocol === 'imap')
  const mapped = (s: { host: string; port: number; socket: SendEndpoint['socket'] }): SendEndpoint => ({
    host: s.host,
    port: command.portMap?.[String(s.port)] ?? s.port,
    socket: s.socket,
  })
  const smtp = command.smtp ?? (outgoing ? mapped(outgoing) : null)
  if (!smtp) throw new RunError(`discovery found no verified outgoing server for ${command.address}; give one with --smtp HOST:PORT:SSL|STARTTLS`)
  const imap = command.imap ?? (command.readBack ? (incoming ? mapped(incoming) : null) : null)
  if (command.readBack && !imap) throw new RunError(`discovery found no verified IMAP server for ${command.address}; give one with --imap HOST:PORT:SSL|STARTTLS`)
  const template = command.smtp === null ? outgoing?.username : incoming?.username
  if (!command.quiet) {
    io.err(`clearport: using ${smtp.host}:${smtp.port} ${smtp.socket} to send${imap && command.imap === null ? ` and ${imap.host}:${imap.port} ${imap.socket} to read back` : ''}\n`)
  }
  return { smtp, imap, username: template ? expandUsername(template, command.address) : null }
}

export async function runSend(command: SendCommand, signal: AbortSignal, io: SendIo): Promise<number> {
  const secret = await readSecret(command, io, signal)
  const servers = await chooseServers(command, io, signal)
  const user = command.user ?? servers.username ?? command.address
  // --oauth: the token comes from the browser sign-in (send-oauth.ts), or its problem was printed.
  const credentials: CredentialsProvider | number =
    secret.kind === 'browser' ? await (await import('./send-oauth')).browserCredentials(command, user, servers, io, signal) : secret.kind === 'oauth2' ? suppliedAccessToken(user, secret.value) : suppliedPassword(user, secret.value)
  if (typeof credentials === 'number') return credentials
  const redact = createRedactor(user, credentials.secrets())
  try {
    const request: SendRequest = {
      address: command.address,
      smtp: servers.smtp,
      imap: servers.imap,
      username: user,
      auth: credentials.kind,
      mechanism: credentials.kind === 'oauth2' ? 'XOAUTH2' : null,
      to: command.to ?? command.address,
      mode: command.noSend ? 'check' : 'send',
      readBack: command.readBack,
      deleteAfter: command.deleteAfter,
      allowPlaintextAuth: command.allowPlaintextAuth,
    }
    const result = await testSend({
      request,
      credentials,
      signal,
      ...(command.dnsServer !== undefined && { dnsServer: command.dnsServer }),
      onProgress: (event: SendProgress) => {
        if (!command.quiet && event.status !== 'started') io.err(`${progressLine(event)}\n`)
      },
    })
    // A refused token in words about the token; a refused password that needs OAuth: the route.
    const oauth = await import('./send-oauth')
    const shown = oauth.explainedResult(result)
    io.out(command.json ? `${jsonText(shown)}\n` : `${formatSendResult(shown)}\n`)
    const hint = oauth.oauthRouteHint(result, command)
    if (hint && !command.quiet) io.err(`${hint}\n`)
    return result.ok ? exitCodes.done : exitCodes.failed
  } catch (error) {
    // Defence in depth: no message leaves this function with the secret in it.
    if (error instanceof Error && error.name !== 'AbortError') throw new RunError(redact(error.message))
    throw error
  } finally {
    credentials.dispose()
  }
}
