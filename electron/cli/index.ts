// The `clearport` command: the same engine as the app, headless.
import { formatEndpoint, formatPort25, probeLine } from './format'
import { jsonText, screen } from './text'
import { HELP, parseCommand, type Command } from './args'
import { CliError, RunError, UsageError, exitCodes } from './cli-error'
import { readJsonFile } from './json-file'
import { BadInputError } from '@shared/input-error'
import { checkPort25 } from '../engine/port25/check'
import { portCheckDnsConfig } from '../engine/port25/watched-dns'
import { probeSmtpEndpoint } from '../engine/endpoint'
import { DnsClient, DnsError } from '../engine/net/dns'
import { isCancel, withDnsDeadline } from '../engine/deadline'
import { targetSetSchema, defaultTargets, type TargetSet } from '@shared/targets'
import { version } from '../../package.json'

async function readTargets(file: string): Promise<TargetSet> {
  const parsed = targetSetSchema.safeParse(await readJsonFile(file, 'targets file'))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`the targets file ${JSON.stringify(file)} is invalid at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

/** A DNS server the person named must answer before we blame the network on it. */
async function checkDnsServer(server: string, probeName: string, signal: AbortSignal): Promise<void> {
  try {
    // Re-sent like the check's own look-ups: one lost query on a lossy link is no dead server.
    await withDnsDeadline(signal, (s) => new DnsClient({ server, ...portCheckDnsConfig }).mx(probeName, s))
  } catch (error) {
    if (error instanceof DnsError && error.serverFailed) throw new RunError(`the DNS server ${server} did not answer (${error.code})`)
  }
}

async function run(command: Command, signal: AbortSignal, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  switch (command.name) {
    case 'help':
      out(HELP)
      return exitCodes.done
    case 'version':
      out(`clearport ${version}\n`)
      return exitCodes.done
    case 'port25': {
      const targets = command.targetsFile ? await readTargets(command.targetsFile) : defaultTargets
      if (command.dnsServer) {
        const first = targets.providers.find((p) => p.mxDomain)?.mxDomain ?? 'example.com'
        await checkDnsServer(command.dnsServer, first, signal)
      }
      const report = await checkPort25({
        address: command.address,
        dnsServer: command.dnsServer,
        targets,
        signal,
        patience: command.fixedTimeoutMs ? { fixedMs: command.fixedTimeoutMs } : undefined,
        onProgress: (event) => {
          if (command.quiet) return
          if (event.type === 'probe') err(`${probeLine(event.probe)}\n`)
          else err(`clearport: ${event.detail}\n`)
        },
      })
      out(command.json ? `${jsonText(report)}\n` : `${formatPort25(report)}\n`)
      return exitCodes.done
    }
    case 'probe': {
      const report = await probeSmtpEndpoint({
        host: command.host,
        port: command.port,
        security: command.security,
        dnsServer: command.dnsServer,
        connectTimeoutMs: command.timeoutMs,
        signal,
        onRecord: (record) => {
          if (!command.quiet) err(`${probeLine(record)}\n`)
        },
      })
      out(command.json ? `${jsonText(report)}\n` : `${formatEndpoint(report)}\n`)
      return report.ok ? exitCodes.done : exitCodes.failed
    }
    // Each command loads its own engine part when it runs: `clearport port25` stays small.
    case 'discover': {
      if (command.dnsServer) await checkDnsServer(command.dnsServer, command.address.slice(command.address.lastIndexOf('@') + 1), signal)
      const { runDiscover } = await import('./discover')
      return runDiscover(command, signal, out, err)
    }
    // Their errors are CliErrors carrying their exit code: bad input 2, a failure while running 1.
    case 'export': {
      const { runExport } = await import('./export')
      return runExport(command, signal, { stdout: (data) => void process.stdout.write(data), stderr: err })
    }
    case 'send': {
      const { runSend } = await import('./send')
      return runSend(command, signal, { out, err, stdin: process.stdin, env: process.env })
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  // Every line the command prints passes the one gate for server text (shared/printable.ts);
  // `export` writes its files to stdout through its own writer, byte for byte.
  const out = (s: string): void => void process.stdout.write(screen(s))
  const err = (s: string): void => void process.stderr.write(screen(s))
  const controller = new AbortController()
  const onSigint = (): void => controller.abort()
  process.once('SIGINT', onSigint)
  try {
    return await run(parseCommand(argv), controller.signal, out, err)
  } catch (error) {
    if (error instanceof CliError) {
      err(`clearport: ${error.message}\n`)
      return error.exitCode
    }
    if (error instanceof BadInputError) {
      err(`clearport: ${error.message}\n`)
      return exitCodes.usage
    }
    if (isCancel(error)) {
      err('clearport: cancelled\n')
      return exitCodes.cancelled
    }
    err(`clearport: ${error instanceof Error ? error.message : String(error)}\n`)
    return exitCodes.failed
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
