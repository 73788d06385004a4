// Benchmark: time until a sign-in through a port this network drops is named. ClearPort judges the
// silent connect by round-trip patience (electron/engine/send/reach.ts) against a baseline run in
// the same process: nodemailer alone with the connection timeout ClearPort used to give it (20 s).
// The drop is real: an nftables rule on loopback (test/helpers/loopback-firewall.ts), root only.
// Prints a readable table and JSON (also written to bench-results/signin.json).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import SMTPConnection from 'nodemailer/lib/smtp-connection'
import { suppliedPassword } from '../../electron/engine/send/credentials.ts'
import { testSend } from '../../electron/engine/send/run.ts'
import { loopbackFirewallUnavailable, openLoopbackFirewall } from '../helpers/loopback-firewall.ts'
import { makeNamedPki } from '../helpers/pki.ts'
import { CANARY_PASSWORD, USER, makeRequest, startMailServer } from '../helpers/send-fixtures.ts'
import { baselineMs, resultsDir, rounds } from './mode.mts'

const RUNS = rounds(5)
const BASELINE_MS = baselineMs(20_000)
const TARGET_MS = 2_000
const ADDRESS = '127.0.0.72'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

/** nodemailer on its own: connect, and wait for its connection timeout to name the silence. */
function baseline(port: number): Promise<{ ms: number; code: string }> {
  const t0 = performance.now()
  return new Promise((resolve) => {
    const conn = new SMTPConnection({ host: ADDRESS, port, secure: true, connectionTimeout: BASELINE_MS, greetingTimeout: BASELINE_MS, logger: false })
    conn.on('error', (error: Error & { code?: string }) => {
      conn.close()
      resolve({ ms: Math.round(performance.now() - t0), code: error.code ?? 'error' })
    })
    conn.connect(() => {
      conn.close()
      resolve({ ms: Math.round(performance.now() - t0), code: 'connected' })
    })
  })
}

async function main(): Promise<void> {
  const why = loopbackFirewallUnavailable()
  if (why) {
    process.stderr.write(`bench: signin.bench.mts cannot drop ports here: ${why}\n`)
    process.stdout.write(`${JSON.stringify({ skipped: why })}\n`)
    return
  }
  const pki = await makeNamedPki([ADDRESS])
  const server = await startMailServer({ kind: 'ssl', keyCert: pki.leaf, address: ADDRESS })
  const firewall = openLoopbackFirewall()
  try {
    firewall.set([{ address: ADDRESS, port: server.port, action: 'drop' }])
    const clearport: number[] = []
    let code = ''
    for (let i = 0; i < RUNS; i += 1) {
      const result = await testSend({ request: makeRequest(server.endpoint), credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [pki.ca] })
      clearport.push(result.elapsedMs)
      code = result.problem?.code ?? 'ok'
    }
    const base = await baseline(server.port)
    const row = {
      scenario: 'submission port dropped',
      runs: RUNS,
      medianMs: median(clearport),
      maxMs: Math.max(...clearport),
      classifiedAs: code,
      baselineMs: base.ms,
      baselineCode: base.code,
      speedup: Math.round((base.ms / median(clearport)) * 10) / 10,
      targetMs: TARGET_MS,
      met: median(clearport) <= TARGET_MS && code === 'connection-timeout',
    }
    const table = [
      ['scenario', 'median ms', 'max ms', 'named as', `baseline ms (nodemailer, ${BASELINE_MS} ms timeout)`, 'speed-up', 'target', 'met'],
      [row.scenario, String(row.medianMs), String(row.maxMs), row.classifiedAs, `${row.baselineMs} (${row.baselineCode})`, `${row.speedup}×`, `≤ ${TARGET_MS}`, row.met ? 'yes' : 'NO'],
    ]
    const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)))
    process.stdout.write(`${table.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n')}\n\n`)
    const summary = { baseline: `nodemailer alone, connectionTimeout ${BASELINE_MS} ms`, rows: [row] }
    mkdirSync(resultsDir, { recursive: true })
    writeFileSync(join(resultsDir, 'signin.json'), `${JSON.stringify(summary, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(summary)}\n`)
    if (!row.met) process.exitCode = 1
  } finally {
    firewall.close()
    await server.close()
  }
}

await main()
