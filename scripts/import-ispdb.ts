// Run by hand (never at install): regenerate shared/providers/ispdb.json from an ISPDB checkout.
//   node --import tsx scripts/import-ispdb.ts ../shared/ispdb [--out shared/providers/ispdb.json]
// The checkout is the team's snapshot (with its SOURCE file) or a `git clone` of
// github.com/thunderbird/autoconfig. Prints what was kept and what was left out, and why.
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { importIspdb, serializeBundle } from './ispdb-import'

function main(argv: string[]): number {
  const args = [...argv]
  let out = 'shared/providers/ispdb.json'
  const outAt = args.indexOf('--out')
  if (outAt >= 0) {
    const value = args[outAt + 1]
    if (!value) {
      process.stderr.write('import-ispdb: --out needs a file name\n')
      return 64
    }
    out = value
    args.splice(outAt, 2)
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    process.stderr.write('usage: node --import tsx scripts/import-ispdb.ts ISPDB_CHECKOUT [--out FILE]\n')
    return 64
  }
  const { bundle, report } = importIspdb(args[0]!)
  const text = serializeBundle(bundle)
  writeFileSync(out, text)
  const raw = Buffer.byteLength(text)
  const gzip = gzipSync(text, { level: 9 }).length
  const lines = [
    `ISPDB commit ${bundle.source.commit} (${bundle.source.date}) → ${out}`,
    `files read           ${report.files}`,
    `providers kept       ${report.providersKept}`,
    `distinct configs     ${report.configs}`,
    `domains indexed      ${report.domains}`,
    `with OAuth2 data     ${report.withOAuth2}`,
    ...Object.entries(report.skipped).map(([reason, files]) => `skipped ${reason.padEnd(13)}${String(files.length).padStart(4)}${files.length ? `  ${files.join(', ')}` : ''}`),
    ...Object.entries(report.serversDropped).map(([reason, n]) => `servers dropped ${reason.padEnd(17)}${String(n).padStart(4)}`),
    `domains duplicate    ${report.domainsDropped.duplicate.length}${report.domainsDropped.duplicate.length ? `  ${report.domainsDropped.duplicate.join(', ')}` : ''}`,
    `domains invalid      ${report.domainsDropped.invalid.length}`,
    `size                 ${raw} bytes raw, ${gzip} bytes gzip`,
    ...report.messages.map((m) => `  ${m}`),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  process.stdout.write(`${JSON.stringify({ ...report, messages: undefined, bytes: raw, gzipBytes: gzip })}\n`)
  return 0
}

process.exitCode = main(process.argv.slice(2))
