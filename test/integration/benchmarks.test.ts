// Every benchmark (test/bench/*.bench.mts) runs one quick round (BENCH_QUICK=1, see
// test/bench/mode.mts) exactly as `npm run bench` starts it — its own Node process under tsx — so
// a benchmark that no longer loads or runs fails `npm test` instead of rotting until someone
// runs it. Its figures are not judged here: performance is measured by `npm run bench`, never
// asserted by a timed test. Needs the build (`npm test` builds first).
import { join } from 'node:path'
import { describe, it } from 'vitest'
import { itUnless } from '../helpers/skip'
import { labAvailable } from '../lab/lab'
import { REPO_ROOT, run, type RunResult } from '../lab/exec'
import { BENCH_DIR, benchFiles } from '../bench/mode.mts'

const benches = benchFiles()

/** Benchmarks that drive the network lab (root, nftables, namespaces): they skip where it cannot run. */
const NEEDS_LAB = new Set(['port25.bench.mts'])

// A lab benchmark may first wait up to 60 s for another process's lab (test/lab/lock.ts).
const DEADLINE_MS = 150_000

const lab = [...NEEDS_LAB].some((b) => benches.includes(b)) ? labAvailable() : { ok: true, why: '' }

/** The summary a benchmark prints as its last line: the proof that it ran to the end. */
function summaryOf(r: RunResult): Record<string, unknown> | null {
  const last = r.stdout.trimEnd().split('\n').at(-1) ?? ''
  try {
    const parsed: unknown = JSON.parse(last)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

// Concurrent: the lab benchmark mostly waits out timeouts, and these figures are not judged.
describe.concurrent('benchmarks run one quick round', () => {
  it('finds the benchmarks', ({ expect }) => {
    expect(benches.length).toBeGreaterThan(0)
  })

  for (const bench of benches) {
    const skipWhy = NEEDS_LAB.has(bench) && !lab.ok ? `the network lab cannot run here: ${lab.why}` : null
    itUnless(skipWhy, bench, async ({ expect }) => {
      const r = await run(process.execPath, ['--import', 'tsx', join(BENCH_DIR, bench)], {
        cwd: REPO_ROOT,
        env: { ...process.env, BENCH_QUICK: '1' },
        timeoutMs: DEADLINE_MS,
      })
      const summary = summaryOf(r)
      const context = `${bench}: exit ${r.code ?? r.signal}${r.timedOut ? ' (killed at the deadline)' : ''} after ${r.wallMs} ms\n` +
        `stderr: ${r.stderr.slice(-3000)}\nstdout: ${r.stdout.slice(-1500)}`
      // Exit 1 with the summary printed is a benchmark that ran to the end and found a figure
      // over its target in this single noisy round; anything else is a broken benchmark.
      expect(r.code === 0 || (r.code === 1 && summary !== null), context).toBe(true)
      expect(summary, `${context}\n(no JSON summary on the last line)`).not.toBeNull()
    }, DEADLINE_MS + 10_000)
  }
})
