// The port-25 check against simulated networks: the real CLI, run inside a network namespace
// whose nftables rules drop, refuse, redirect or tamper with port 25 (test/lab/README.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Port25Report, ProbeRecord } from '../../shared/model'
import {
  labAvailable, scenarioExpectations, scenarioNames, startLab, type Lab, type RunResult, type ScenarioName,
} from './lab'
import { PROVIDERS, RELAY_NAME } from './topology'

const availability = labAvailable()
if (!availability.ok) console.warn(`network lab tests skipped: ${availability.why}`)
const describeLab = availability.ok ? describe : describe.skip
const title = availability.ok
  ? 'port25 in the network lab'
  : `port25 in the network lab — SKIPPED: ${availability.why}`

/** Parses the CLI's --json output, or fails with everything needed to see why. */
function parseReport(r: RunResult): Port25Report {
  const context = `exit ${r.code ?? r.signal}${r.timedOut ? ' (killed at the deadline)' : ''}, ` +
    `${r.wallMs} ms\nstderr: ${r.stderr.slice(-2000)}\nstdout: ${r.stdout.slice(0, 2000)}`
  try {
    return JSON.parse(r.stdout) as Port25Report
  } catch {
    throw new Error(`clearport port25 --json printed no JSON: ${context}`)
  }
}

const targetProbes = (report: Port25Report): ProbeRecord[] =>
  report.probes.filter((p) => p.role === 'target' && p.port === 25)

describeLab(title, () => {
  let lab: Lab | undefined
  const theLab = (): Lab => {
    if (!lab) throw new Error('the lab did not start (see beforeAll)')
    return lab
  }

  beforeAll(async () => {
    // startLab waits up to 60 s for a lab another process is running (lock.ts).
    lab = await startLab()
  }, 90_000)

  afterAll(async () => {
    await lab?.stop()
  }, 15_000)

  async function check(scenario: ScenarioName): Promise<Port25Report> {
    const l = theLab()
    await l.applyScenario(scenario)
    const r = await l.runCli(['port25', '--json', '--quiet', '--dns-server', l.dnsServer, '--targets', l.targetsPath])
    const report = parseReport(r)
    const expected = scenarioExpectations[scenario]
    // Verdict and how together, so a failure shows both plus the evidence at once.
    expect(
      { verdict: report.verdict, how: report.how },
      `${scenario}: ${report.headline}\nnotes: ${report.notes.join(' | ')}\nprobes: ${JSON.stringify(report.probes)}`,
    ).toEqual({ verdict: expected.verdict, how: expected.how })
    for (const [port, usable] of Object.entries(expected.submission)) {
      const status = report.submission.find((s) => s.port === Number(port))
      expect(status?.usable, `${scenario}: submission on ${port}: ${status?.summary}`).toBe(usable)
    }
    return report
  }

  for (const scenario of scenarioNames) {
    const { verdict, how } = scenarioExpectations[scenario]
    it(`${scenario} → ${verdict}${how ? `/${how}` : ''}`, async () => {
      const report = await check(scenario)
      const targets = targetProbes(report)
      if (scenario === 'open' || scenario === 'stripped') {
        // Each provider's own MX answered; only STARTTLS tells the two scenarios apart.
        for (const p of PROVIDERS) {
          const probe = targets.find((t) => t.host === p.mxHost)
          expect(probe?.banner, `${scenario}: banner of ${p.mxHost}`).toContain(p.mxHost)
          expect(probe?.startTls, `${scenario}: STARTTLS of ${p.mxHost}`).toBe(scenario === 'open')
        }
      }
      if (scenario === 'intercepted') {
        const banners = targets.map((t) => t.banner).filter((b): b is string => b !== null)
        expect(banners.length, 'intercepted: banners read on 25').toBeGreaterThanOrEqual(2)
        for (const banner of banners) expect(banner).toContain(RELAY_NAME)
      }
    }, 45_000)
  }
})
