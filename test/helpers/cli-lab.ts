// The discovery lab as the `clearport` command meets it: the lab's CA trusted through
// NODE_EXTRA_CA_CERTS (as a person's system would, never by a flag), its DNS server and port map
// given as the CLI's own options. Registers its set-up and tear-down with the suite.
import { afterAll, beforeAll } from 'vitest'
import { caFolder, requireBuiltCli, runClearport, type CaFolder, type CliRun } from './clearport-process'
import { startDiscoveryLab, type DiscoveryLab } from './discovery-lab'

export interface CliLab {
  readonly lab: DiscoveryLab
  /** The suite's scratch folder (holds the CA file). */
  readonly dir: string
  /** --dns-server, --port-map and --ispdb off: discovery reaches only the lab. */
  args(): string[]
  /** Runs the built CLI with the lab's CA trusted. */
  run(args: string[]): Promise<CliRun>
}

export function useCliLab(name: string, timeoutMs: number): CliLab {
  let lab: DiscoveryLab | undefined
  let trust: CaFolder | undefined
  beforeAll(async () => {
    requireBuiltCli()
    lab = await startDiscoveryLab()
    trust = await caFolder(name, lab.ca)
  })
  afterAll(async () => {
    await Promise.all([lab?.close(), trust?.remove()])
  })
  const started = (): { lab: DiscoveryLab; trust: CaFolder } => {
    if (!lab || !trust) throw new Error('the CLI lab is used before its beforeAll ran')
    return { lab, trust }
  }
  return {
    get lab() {
      return started().lab
    },
    get dir() {
      return started().trust.dir
    },
    args: () => ['--dns-server', started().lab.dnsServer, '--port-map', Object.entries(started().lab.portMap).map(([a, b]) => `${a}=${b}`).join(','), '--ispdb', 'off'],
    run: (args) => runClearport(args, { timeoutMs, env: { ...process.env, NODE_EXTRA_CA_CERTS: started().trust.caFile } }),
  }
}
