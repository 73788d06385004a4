// How a benchmark runs: in full (`npm run bench`), or as the one quick round that `npm test`
// smoke-runs (BENCH_QUICK=1, test/integration/benchmarks.test.ts) so that a benchmark nothing
// runs cannot rot unseen. A quick round takes every code path once with short baselines; its
// figures mean nothing and go to bench-results/quick/, never over a full run's.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

export const QUICK = process.env['BENCH_QUICK'] === '1'

/** Rounds per measurement: 1 in a quick round, else BENCH_RUNS or the benchmark's own default. */
export function rounds(full: number, envName = 'BENCH_RUNS'): number {
  return QUICK ? 1 : Number(process.env[envName] ?? full)
}

/** A baseline's fixed timeout: a quick round only proves the baseline path still works (1 s). */
export function baselineMs(full: number): number {
  return QUICK ? 1_000 : full
}

export const resultsDir = join(import.meta.dirname, '..', '..', 'bench-results', ...(QUICK ? ['quick'] : []))

export const BENCH_DIR = import.meta.dirname

/** Every benchmark: `npm run bench` runs them all (all.mts), `npm test` one quick round of each. */
export function benchFiles(): string[] {
  return readdirSync(BENCH_DIR).filter((f) => f.endsWith('.bench.mts')).sort()
}
