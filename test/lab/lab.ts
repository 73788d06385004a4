// The network lab as a library: the lab test and the benchmark start it, switch the simulated
// network between scenarios, run the real CLI inside the client namespace, and stop it.
// One lab per machine at a time (lock.ts): the namespace names are fixed (topology.ts).
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeLabCerts } from './certs'
import { buildServerConfig, leafRequests } from './config'
import { REPO_ROOT, run, runOk, type RunOptions, type RunResult } from './exec'
import { acquireLabLock } from './lock'
import { createTopology, destroyTopology, setIpv6Route } from './netns'
import { startServers, stopServers } from './server-process'
import { scenarioExpectations, scenarioRuleset, type ScenarioName } from './scenarios'
import { CLIENT_NS, DNS_ADDR, PROVIDERS, labTargets } from './topology'

export { labAvailable } from './netns'
export { scenarioExpectations, scenarioNames, type ScenarioExpectation, type ScenarioName } from './scenarios'
export type { RunResult } from './exec'

const CLI_ENTRY = join(REPO_ROOT, 'bin', 'clearport.js')

const NFT_DEADLINE_MS = 5_000
/** Longer than any verdict may take (a dropped port is judged in seconds, not 30 s). */
const CLI_DEADLINE_MS = 30_000

export interface Lab {
  /** Temporary folder with the certificates, the server config and the targets file. */
  readonly dir: string
  /** The lab CA (PEM); runCli passes it as NODE_EXTRA_CA_CERTS. */
  readonly caPath: string
  /** Targets file for `clearport port25 --targets` (providers A, B, C of topology.ts). */
  readonly targetsPath: string
  /** Value for `--dns-server`. */
  readonly dnsServer: string
  /** How long startLab took, in ms. */
  readonly startMs: number
  /** `clearport port25 --json --quiet` arguments for a scenario (its resolver, the lab targets). */
  port25Args(name: ScenarioName): string[]
  /** Replaces the client namespace's nftables ruleset (and IPv6 route) with the scenario's. */
  applyScenario(name: ScenarioName): Promise<void>
  /** Runs `node bin/clearport.js ...args` in the client namespace (kill after timeoutMs). */
  runCli(args: readonly string[], env?: NodeJS.ProcessEnv, timeoutMs?: number): Promise<RunResult>
  /** Runs any command in the client namespace. */
  runInClient(cmd: string, args: readonly string[], opts?: RunOptions): Promise<RunResult>
  stop(): Promise<void>
}

const DIR_PREFIX = 'clearport-lab-'

/** Removes lab folders (they hold CA keys) whose owning process died without cleaning up. */
function sweepStaleDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue
    const dir = join(tmpdir(), name)
    let alive = false
    try {
      process.kill(Number(readFileSync(join(dir, 'owner.pid'), 'utf8')), 0)
      alive = true
    } catch {
      // No pid file, or the owner is gone.
    }
    if (!alive) rmSync(dir, { recursive: true, force: true })
  }
}

const WARM_UP_DEADLINE_MS = 5_000

/**
 * Connects from the client to one server per family until both answer. A fresh veth has empty
 * neighbour caches, and once in a few starts the very first IPv6 exchange took about a second
 * (a retransmission), which a check run at that moment reads as a dead IPv6. A real network's
 * router has long been resolved; so is the lab's before any scenario is measured.
 */
async function warmUp(): Promise<void> {
  const targets = [PROVIDERS[0]!.submissionAddr, PROVIDERS[0]!.submissionAddr6]
  const script = `
    const net = require('node:net')
    const deadline = Date.now() + ${WARM_UP_DEADLINE_MS - 500}
    const tryOne = (host) => new Promise((done) => {
      const s = net.connect({ host, port: 443 })
      const end = (ok) => { s.destroy(); done(ok) }
      s.setTimeout(300, () => end(false))
      s.once('connect', () => end(true))
      s.once('error', () => setTimeout(() => end(false), 100))
    })
    const until = async (host) => { while (Date.now() < deadline) if (await tryOne(host)) return true; return false }
    Promise.all(${JSON.stringify(targets)}.map(until)).then((ok) => process.exit(ok.every(Boolean) ? 0 : 1))`
  const r = await run('ip', ['netns', 'exec', CLIENT_NS, process.execPath, '-e', script], { timeoutMs: WARM_UP_DEADLINE_MS })
  if (r.code !== 0) throw new Error(`the lab's servers did not answer on both families within ${WARM_UP_DEADLINE_MS} ms: ${r.stderr.trim()}`)
}

export interface StartOptions {
  /** How long to wait for another lab on this machine to finish (default 60 s). */
  waitMs?: number
}

export async function startLab(opts: StartOptions = {}): Promise<Lab> {
  const releaseLock = await acquireLabLock(opts.waitMs ?? 60_000)
  const started = performance.now()
  // Leftovers of a run that was killed (SIGKILL leaves no chance to clean up); holding the lock,
  // nothing that still runs can own them.
  let dir: string
  try {
    destroyTopology()
    sweepStaleDirs()
    dir = mkdtempSync(join(tmpdir(), DIR_PREFIX))
    writeFileSync(join(dir, 'owner.pid'), String(process.pid))
  } catch (err) {
    releaseLock()
    throw err
  }
  let servers: ChildProcess | null = null

  // Tear-down must also happen when the test process dies of a failure or Ctrl-C.
  const cleanupSync = (): void => {
    servers?.kill('SIGKILL')
    destroyTopology()
    rmSync(dir, { recursive: true, force: true })
    releaseLock()
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanupSync()
    detach()
    process.kill(process.pid, signal)
  }
  const detach = (): void => {
    process.off('exit', cleanupSync)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  process.on('exit', cleanupSync)
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const applyScenario = async (name: ScenarioName): Promise<void> => {
    await runOk('ip', ['netns', 'exec', CLIENT_NS, 'nft', '-f', '-'], {
      input: scenarioRuleset(name),
      timeoutMs: NFT_DEADLINE_MS,
    })
    await setIpv6Route(scenarioExpectations[name].ipv6Route)
  }

  try {
    const [certs] = await Promise.all([makeLabCerts(dir, leafRequests), createTopology()])
    const configPath = join(dir, 'servers.json')
    writeFileSync(configPath, JSON.stringify(buildServerConfig(certs), null, 2))
    const targetsPath = join(dir, 'targets.json')
    writeFileSync(targetsPath, JSON.stringify(labTargets, null, 2))
    servers = await startServers(configPath)
    await applyScenario('open')
    await warmUp()

    const caPath = certs.caPath
    let stopped = false
    const runInClient = (cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> =>
      run('ip', ['netns', 'exec', CLIENT_NS, cmd, ...args], { cwd: REPO_ROOT, timeoutMs: CLI_DEADLINE_MS, ...opts })
    return {
      dir,
      caPath,
      targetsPath,
      dnsServer: DNS_ADDR,
      startMs: Math.round(performance.now() - started),
      applyScenario,
      port25Args: (name) => [
        'port25', '--json', '--quiet',
        ...(scenarioExpectations[name].resolver === 'lab' ? ['--dns-server', DNS_ADDR] : []),
        '--targets', targetsPath,
      ],
      runInClient,
      runCli: (args, env = {}, timeoutMs = CLI_DEADLINE_MS) =>
        runInClient(process.execPath, [CLI_ENTRY, ...args], {
          env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath, ...env },
          timeoutMs,
        }),
      stop: async () => {
        if (stopped) return
        stopped = true
        if (servers) await stopServers(servers)
        cleanupSync()
        detach()
      },
    }
  } catch (err) {
    cleanupSync()
    detach()
    throw err
  }
}
