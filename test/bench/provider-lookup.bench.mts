// Benchmark: the cost of the one provider look-up. (1) Loading the bundled ISPDB on first use
// (import, schema check, index), which no start-up pays; (2) a look-up per domain — the first,
// a middle and the last domain of the bundle and a miss — through the Map index, against a
// baseline linear scan of the same data in this process (what a list search would cost); the
// same for ClearPort's catalog. A constant cost shows as the same time for every position.
// Prints a table and JSON (also bench-results/provider-lookup.json). No root, no network.
import { QUICK, resultsDir } from './mode.mts'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bundledCatalog, findByDomain } from '@shared/providers/catalog'
import { loadBundledIspdb } from '../../electron/engine/discover/bundled-ispdb.ts'
import bundle from '../../shared/providers/ispdb.json' with { type: 'json' }

// A quick round (npm test's smoke run) takes every path once with few calls.
const ROUNDS = QUICK ? 1_000 : Number(process.env.BENCH_ROUNDS ?? 200_000)

/** Nanoseconds per call, the fastest of 7 batches of ROUNDS calls (the least disturbed by other work on the machine). */
function perCall(fn: () => unknown): number {
  const batches: number[] = []
  let sink = 0
  // Warm-up batch first, so the JIT has compiled both paths before anything is timed.
  for (let i = 0; i < ROUNDS; i += 1) if (fn() !== null) sink += 1
  for (let b = 0; b < 7; b += 1) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < ROUNDS; i += 1) if (fn() !== null) sink += 1
    batches.push(Number(process.hrtime.bigint() - t0) / ROUNDS)
  }
  if (sink < 0) console.log(sink)
  return Math.min(...batches)
}
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits

async function main(): Promise<void> {
  const t0 = performance.now()
  const index = await loadBundledIspdb()
  const loadMs = performance.now() - t0

  // Baseline: the same data searched as a list, config by config, as a scan would.
  const perConfig = bundle.configs.map((_, i) => Object.entries(bundle.domains).filter(([, at]) => at === i).map(([d]) => d))
  const scan = (domain: string): unknown => {
    for (let i = 0; i < perConfig.length; i += 1) if (perConfig[i]!.includes(domain)) return bundle.configs[i]
    return null
  }
  const domains = Object.keys(bundle.domains)
  const positions: [string, string][] = [['first', domains[0]!], ['middle', domains[Math.floor(domains.length / 2)]!], ['last', domains.at(-1)!], ['miss', 'not-listed.test']]
  const rows = positions.map(([where, domain]) => ({
    data: 'bundled ISPDB', where, domain, mapNs: round(perCall(() => index.find(domain))), scanNs: round(perCall(() => scan(domain))),
  }))
  const curated = bundledCatalog.providers.flatMap((p) => p.domains)
  const catalogScan = (domain: string): unknown => bundledCatalog.providers.find((p) => p.domains.includes(domain)) ?? null
  for (const [where, domain] of [['first', curated[0]!], ['last', curated.at(-1)!], ['miss', 'not-listed.test']] as const) {
    rows.push({ data: "ClearPort's catalog", where, domain, mapNs: round(perCall(() => findByDomain(bundledCatalog, domain))), scanNs: round(perCall(() => catalogScan(domain))) })
  }
  const bundledRows = rows.filter((r) => r.data === 'bundled ISPDB')
  const summary = {
    bundledDomains: index.domains,
    catalogDomains: curated.length,
    loadMs: round(loadMs),
    rounds: ROUNDS,
    rows,
    // Constant cost: the slowest position against the fastest (close to 1 for a map, far from it for a scan).
    mapSpread: round(Math.max(...bundledRows.map((r) => r.mapNs)) / Math.min(...bundledRows.map((r) => r.mapNs)), 2),
    scanSpread: round(Math.max(...bundledRows.map((r) => r.scanNs)) / Math.min(...bundledRows.map((r) => r.scanNs)), 2),
  }
  console.table(rows)
  console.log(`first load of the bundled ISPDB (import, schema check, index of ${index.domains} domains): ${summary.loadMs} ms`)
  console.log(`spread slowest/fastest position: map ${summary.mapSpread}×, scan ${summary.scanSpread}×`)
  const outDir = resultsDir
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'provider-lookup.json'), `${JSON.stringify(summary, null, 2)}\n`)
  console.log(JSON.stringify(summary))
}

await main()
