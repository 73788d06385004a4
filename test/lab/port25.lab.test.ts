// The port-25 check against simulated networks: the real CLI, run inside a network namespace
// whose nftables rules drop, refuse, redirect or tamper with port 25 (test/lab/README.md).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createElement, type FunctionComponent } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { Port25Report, ProbeRecord } from '../../shared/model'

// The wizard's verdict card, loaded through a variable: the Node typecheck has no JSX (the web
// typecheck checks the card itself); vitest transforms the .tsx as the renderer build does.
const cardModule = '../../renderer/src/network/VerdictCard'
const loadCard = async (): Promise<FunctionComponent<{ report: Port25Report }>> =>
  ((await import(/* @vite-ignore */ cardModule)) as { VerdictCard: FunctionComponent<{ report: Port25Report }> }).VerdictCard
import {
  labAvailable, scenarioExpectations, scenarioNames, startLab, type Lab, type RunResult, type ScenarioName,
} from './lab'
import { PROVIDERS, RELAY_NAME } from './topology'
import { describeUnless } from '../helpers/skip'

const availability = labAvailable()

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

const expected = (s: ScenarioName) => scenarioExpectations[s]
const targetProbes = (report: Port25Report): ProbeRecord[] =>
  report.probes.filter((p) => p.role === 'target' && p.port === 25)

describeUnless(availability.ok ? null : availability.why, 'port25 in the network lab', () => {
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
    const r = await l.runCli(l.port25Args(scenario))
    const report = parseReport(r)
    const expected = scenarioExpectations[scenario]
    // Verdict, how, each family and the findings together, so a failure shows all plus the evidence.
    expect(
      { verdict: report.verdict, how: report.how, families: report.families, findings: (report.findings ?? []).map((f) => f.id) },
      `${scenario}: ${report.headline}\nnotes: ${report.notes.join(' | ')}\nprobes: ${JSON.stringify(report.probes)}`,
    ).toEqual({ verdict: expected.verdict, how: expected.how, families: expected.families, findings: expected.findings })
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
      if (scenario === 'no-greeting') {
        // Every port-25 connection was taken and held: connected, never greeted.
        expect(targets.length).toBeGreaterThanOrEqual(PROVIDERS.length * 2)
        for (const t of targets) expect({ outcome: t.outcome, banner: t.banner }).toEqual({ outcome: 'open', banner: null })
        expect(report.headline).toContain('were accepted and then held silent')
        expect(report.advice).toContain('465 or 587')
        expect(report.advice).not.toContain('implicit-TLS')
      }
      if (scenario === 'offline-dns') {
        // The resolver was silent: every record says so, none claims the name does not exist.
        expect(report.probes.length).toBeGreaterThan(0)
        for (const p of report.probes) expect({ outcome: p.outcome, dnsFailure: p.dnsFailure }).toEqual({ outcome: 'dns-error', dnsFailure: 'no-answer' })
      }
      if (scenario === 'ipv4-dropped' || scenario === 'ipv6-dropped') {
        const [blocked, open] = scenario === 'ipv4-dropped' ? ['IPv4', 'IPv6'] : ['IPv6', 'IPv4']
        expect(report.headline).toContain(`over ${blocked}`)
        expect(report.headline).toContain(`open over ${open}`)
      }
      if (scenario === 'ipv6-broken') {
        // IPv6 was given up as a family, not waited on address by address.
        const v6 = report.probes.filter((p) => p.family === 6)
        expect(v6.length).toBeGreaterThan(0)
        for (const p of v6) expect(p.outcome).toBe('timeout')
        expect(report.findings?.[0]?.title).toBe('IPv6 does not work on this network')
        expect(Math.max(...v6.map((p) => p.ms)), 'IPv6 given up per family').toBeLessThan(1000)
      }
      if (report.families?.ipv4 && report.families.ipv6) {
        // The wizard's verdict card shows this very report: both families, and each finding once.
        const card = renderToStaticMarkup(createElement(await loadCard(), { report }))
        expect(card).toContain(`data-family-verdict="${expected(scenario).families.ipv4?.verdict}"`)
        expect(card).toContain('data-family="ipv6"')
        for (const f of report.findings ?? []) expect(card.split(f.title)).toHaveLength(2)
      }
      if (scenario === 'intercepted') {
        const banners = targets.map((t) => t.banner).filter((b): b is string => b !== null)
        expect(banners.length, 'intercepted: banners read on 25').toBeGreaterThanOrEqual(2)
        for (const banner of banners) expect(banner).toContain(RELAY_NAME)
      }
    }, 45_000)
  }

  it('lossy (3% of packets dropped each way) never gives a wrong verdict', async () => {
    const l = theLab()
    await l.applyScenario('lossy')
    for (let i = 0; i < 6; i += 1) {
      const report = parseReport(await l.runCli(l.port25Args('lossy')))
      expect({ run: i, verdict: report.verdict, how: report.how }, report.notes.join(' | ')).toEqual({ run: i, verdict: 'open', how: null })
    }
  }, 90_000)

  it('the text output names each family and the IPv6 finding once', async () => {
    const l = theLab()
    await l.applyScenario('ipv6-broken')
    const args = l.port25Args('ipv6-broken').filter((a) => a !== '--json')
    const r = await l.runCli(args)
    expect(r.stdout).toContain('IPv4: open')
    expect(r.stdout).toContain('IPv6: does not work on this network')
    expect(r.stdout.match(/Also found: IPv6 does not work on this network/g)).toHaveLength(1)
  }, 45_000)
})
