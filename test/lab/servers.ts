// Every server of the lab in one process, run inside the server namespace:
//   ip netns exec clearport-net node --import tsx test/lab/servers.ts CONFIG.json [--stdin-lifeline]
// Prints READY once everything listens; exits on SIGTERM/SIGINT and, with --stdin-lifeline, when
// its stdin closes — so a parent killed with SIGKILL cannot leave the servers running.
import { readFileSync } from 'node:fs'
import { serverConfigSchema } from './config'
import { startDns } from '../helpers/dns-server'
import type { Closable } from '../helpers/tcp-server'
import { startHttps, startSmtp, startTarpit } from './mail-servers'
import { startStripProxy } from './strip-proxy'

/** After this, exit even if a listener has not finished closing. */
const SHUTDOWN_DEADLINE_MS = 2_000

async function startAll(configPath: string): Promise<Closable[]> {
  const config = serverConfigSchema.parse(JSON.parse(readFileSync(configPath, 'utf8')))
  const starting = [
    startDns(config.dns),
    ...config.smtp.map(startSmtp),
    ...config.https.map(startHttps),
    ...config.stripProxies.map(startStripProxy),
    ...config.tarpits.map(startTarpit),
  ]
  const settled = await Promise.allSettled(starting)
  const up = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []))
  if (failed.length > 0) {
    await Promise.allSettled(up.map((c) => c.close()))
    throw new Error(`${failed.length} listener(s) failed: ${failed.map(String).join('; ')}`)
  }
  return up
}

function main(): void {
  const [configPath, ...flags] = process.argv.slice(2)
  if (!configPath) {
    process.stderr.write('usage: servers.ts CONFIG.json [--stdin-lifeline]\n')
    process.exit(64)
  }
  startAll(configPath).then(
    (closables) => {
      let stopping = false
      const stop = (): void => {
        if (stopping) return
        stopping = true
        setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref()
        void Promise.allSettled(closables.map((c) => c.close())).then(() => process.exit(0))
      }
      process.on('SIGTERM', stop)
      process.on('SIGINT', stop)
      if (flags.includes('--stdin-lifeline')) {
        process.stdin.on('close', stop)
        process.stdin.resume()
      }
      process.stdout.write('READY\n')
    },
    (err: unknown) => {
      process.stderr.write(`lab servers: ${err instanceof Error ? err.message : String(err)}\n`)
      process.exit(1)
    },
  )
}

main()
