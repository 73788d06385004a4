// `npm run bench`: every benchmark in turn, each in its own process as it would run alone, so one
// that misses a target (exit 1) or cannot run here (exit 2, e.g. the lab without root) does not
// hide the figures of the others. Ends with one line per benchmark; exits 1 if any failed.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { BENCH_DIR, benchFiles } from './mode.mts'

const outcomes: string[] = []
let worst = 0
for (const bench of benchFiles()) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH_DIR, bench)], { stdio: ['ignore', 'inherit', 'inherit'] })
  const code = r.status ?? 1
  outcomes.push(`${bench.replace('.bench.mts', '')} ${code === 0 ? 'ok' : code === 2 ? 'could not run here (see above)' : `FAILED (exit ${r.status ?? r.signal}; see above)`}`)
  // A failure outranks a benchmark that could not run.
  if (code !== 0) worst = code === 2 && worst !== 1 ? 2 : 1
}
process.stdout.write(`\nbench: ${outcomes.join('; ')}\n`)
process.exitCode = worst
