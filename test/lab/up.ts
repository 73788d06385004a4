// The lab by hand: node --import tsx test/lab/up.ts [SCENARIO]
// Starts the lab, applies SCENARIO (default open), prints how to use it, then reads scenario
// names from stdin to switch; `q`, Ctrl-D or Ctrl-C tears everything down.
import { createInterface } from 'node:readline'
import { labAvailable, scenarioNames, startLab, type ScenarioName } from './lab'

const isScenario = (s: string): s is ScenarioName => (scenarioNames as readonly string[]).includes(s)

async function main(): Promise<void> {
  const available = labAvailable()
  if (!available.ok) throw new Error(available.why)
  const first = process.argv[2] ?? 'open'
  if (!isScenario(first)) throw new Error(`unknown scenario ${first}; one of: ${scenarioNames.join(', ')}`)
  const lab = await startLab()
  await lab.applyScenario(first)
  process.stdout.write(
    `lab up in ${lab.startMs} ms, scenario ${first}\n\n` +
      `  NODE_EXTRA_CA_CERTS=${lab.caPath} ip netns exec clearport-client \\\n` +
      `    node bin/clearport.js port25 --dns-server ${lab.dnsServer} --targets ${lab.targetsPath}\n\n` +
      `type a scenario (${scenarioNames.join(', ')}) to switch, q to stop\n`,
  )
  const rl = createInterface({ input: process.stdin })
  rl.on('line', (line) => {
    const name = line.trim()
    if (name === 'q') return rl.close()
    if (!isScenario(name)) return void process.stdout.write(`unknown scenario ${name}\n`)
    lab.applyScenario(name).then(
      () => process.stdout.write(`scenario ${name}\n`),
      (e: unknown) => process.stdout.write(`${String(e)}\n`),
    )
  })
  rl.on('close', () => {
    void lab.stop().then(() => process.stdout.write('lab stopped\n'))
  })
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
