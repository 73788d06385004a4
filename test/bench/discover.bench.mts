// Benchmark: full discovery of the loopback lab domains (test/helpers/discovery-lab.ts: real DNS,
// HTTPS with a test CA, SMTP/IMAP/POP3 servers), against a baseline run in the same process on the
// same candidates the way Thunderbird guesses: every probe started 100 ms apart with a fixed 10 s
// timeout, and a lower-ranked success waiting for every higher-ranked probe to finish.
//
// "Dropped" candidates are servers that accept the connection and never speak (mail.slow.test):
// on loopback a connect to a closed port is refused at once, and a real SYN drop needs routes this
// benchmark must not touch. True SYN drops are judged by the same Patience rule
// (electron/engine/net/patience.ts) that the network lab measures with nftables drops.
// Prints a table and JSON (also bench-results/discover.json). No root needed.
import { mkdirSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import tls from 'node:tls'
import type { DiscoveredServer, DiscoveryReport } from '@shared/discovery'
// Straight from the rules module: under tsx, @shared/discovery loads as CommonJS and its
// `export *` re-export is invisible to an ES module's named import.
import { rankServers } from '@shared/discovery-rules'
import { discover } from '../../electron/engine/discover/index.ts'
import { DnsClient } from '../../electron/engine/net/dns.ts'
import { startDiscoveryLab, type DiscoveryLab } from '../helpers/discovery-lab.ts'
import { baselineMs, resultsDir, rounds } from './mode.mts'

const RUNS = rounds(5)
const BASELINE_TIMEOUT_MS = baselineMs(10_000)
const BASELINE_STAGGER_MS = 100

interface Scenario {
  name: string
  address: string
  dropped: boolean
}

const SCENARIOS: Scenario[] = [
  { name: 'SRV + autoconfig', address: 'me@srv-auto.test', dropped: false },
  { name: 'MX only (guessed)', address: 'me@mxonly.test', dropped: false },
  { name: 'catalog via MX', address: 'me@custom.test', dropped: false },
  { name: 'sources disagree', address: 'me@disagree.test', dropped: false },
  { name: 'Autodiscover', address: 'me@exch.test', dropped: false },
  { name: 'ISPDB', address: 'me@ispdb-only.test', dropped: false },
  { name: 'IDN (bücher.test)', address: 'me@bücher.test', dropped: false },
  { name: 'autoconfig lies (dead host)', address: 'me@lies.test', dropped: false },
  { name: 'silent candidates ranked first', address: 'me@slow.test', dropped: true },
]

const targetMs = (s: Scenario): number => (s.dropped ? 3000 : 2000)

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN
}

function options(lab: DiscoveryLab) {
  return { dnsServer: lab.dnsServer, ca: [lab.ca], portMap: lab.portMap, ispdbBaseUrl: lab.ispdbBaseUrl, catalog: lab.catalog }
}

/** One Thunderbird-style probe: connect, then TLS (SSL) or the first greeting byte, within 10 s. */
function baselineProbe(lab: DiscoveryLab, dns: DnsClient, s: DiscoveredServer): Promise<boolean> {
  return new Promise((resolve) => {
    const started = performance.now()
    let socket: net.Socket | null = null
    const timer = setTimeout(() => done(false), BASELINE_TIMEOUT_MS)
    function done(ok: boolean): void {
      clearTimeout(timer)
      socket?.destroy()
      resolve(ok)
    }
    dns.addresses(s.host).then(
      (addresses) => {
        const address = addresses[0]?.address
        if (!address) return done(false)
        const port = lab.portMap[String(s.port)] ?? s.port
        const left = BASELINE_TIMEOUT_MS - (performance.now() - started)
        if (left <= 0) return done(false)
        if (s.socket === 'SSL') {
          const secure = tls.connect({ host: address, port, servername: s.host, ca: [lab.ca], rejectUnauthorized: true })
          socket = secure
          secure.once('secureConnect', () => done(true))
          secure.once('error', () => done(false))
        } else {
          socket = net.connect({ host: address, port })
          socket.once('data', () => done(true))
          socket.once('error', () => done(false))
        }
      },
      () => done(false),
    )
  })
}

/**
 * Time until Thunderbird-style guessing settles on a server for one direction: all probes start
 * 100 ms apart; the answer is the best-ranked success, known only when every better-ranked probe
 * has finished (failed or timed out).
 */
async function baselineDirection(lab: DiscoveryLab, dns: DnsClient, servers: DiscoveredServer[]): Promise<number> {
  // The static order a client has before probing: pretend every candidate verified.
  const order = rankServers(servers.map((s) => ({ ...s, verified: { ...s.verified, status: 'ok' as const, ms: 0 } })))
  if (order.length === 0) return 0
  const t0 = performance.now()
  const finished: (number | null)[] = order.map(() => null)
  const ok: boolean[] = order.map(() => false)
  await Promise.all(
    order.map(async (s, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * BASELINE_STAGGER_MS))
      ok[i] = await baselineProbe(lab, dns, s)
      finished[i] = performance.now() - t0
    }),
  )
  const winner = ok.indexOf(true)
  const decisive = winner === -1 ? finished : finished.slice(0, winner + 1)
  return Math.round(Math.max(...decisive.map((f) => f ?? 0)))
}

async function main(): Promise<void> {
  const lab = await startDiscoveryLab()
  const rows = []
  try {
    for (const scenario of SCENARIOS) {
      const times: number[] = []
      let last: DiscoveryReport | null = null
      for (let i = 0; i < RUNS; i += 1) {
        last = await discover(scenario.address, options(lab))
        times.push(last.elapsedMs)
      }
      const report = last!
      const dns = new DnsClient({ server: lab.dnsServer })
      const [inMs, outMs] = await Promise.all([baselineDirection(lab, dns, report.incoming), baselineDirection(lab, dns, report.outgoing)])
      const median = quantile(times, 0.5)
      const baselineMs = Math.max(inMs, outMs)
      rows.push({
        scenario: scenario.name,
        address: scenario.address,
        runs: RUNS,
        medianMs: median,
        p95Ms: quantile(times, 0.95),
        candidates: report.incoming.length + report.outgoing.length,
        recommended: report.recommended ? `${report.recommended.incoming[0]?.host ?? '-'} / ${report.recommended.outgoing[0]?.host ?? '-'}` : 'none',
        baselineMs,
        speedup: Math.round((baselineMs / Math.max(1, median)) * 10) / 10,
        targetMs: targetMs(scenario),
        met: median <= targetMs(scenario),
      })
    }
  } finally {
    await lab.close()
  }
  const summary = { baseline: `Thunderbird-style guessing: probes ${BASELINE_STAGGER_MS} ms apart, fixed ${BASELINE_TIMEOUT_MS / 1000} s timeout, lower-ranked success waits for higher-ranked`, rows }
  const table = [
    ['scenario', 'median ms', 'p95 ms', 'candidates', 'recommended (in / out)', 'baseline ms', 'speed-up', 'target', 'met'],
    ...rows.map((r) => [r.scenario, String(r.medianMs), String(r.p95Ms), String(r.candidates), r.recommended, String(r.baselineMs), `${r.speedup}×`, `≤ ${r.targetMs}`, r.met ? 'yes' : 'NO']),
  ]
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
  const text = table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n')
  process.stdout.write(`\ndiscovery: full discovery per lab domain (engine's elapsedMs, ${RUNS} runs)\n${text}\n`)
  const outDir = resultsDir
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'discover.json'), `${JSON.stringify(summary, null, 2)}\n`)
  process.stdout.write(`\n${JSON.stringify(summary)}\n`)
  if (rows.some((r) => !r.met)) process.exitCode = 1
}

await main()
