// `clearport discover` as a person runs it: a real process against the loopback discovery lab,
// trusting the lab's CA through NODE_EXTRA_CA_CERTS (validation stays on).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliLab } from '../helpers/cli-lab'

const world = useCliLab('disc-cli', 20_000)
const cli = world.run

describe('clearport discover', () => {
  it('--json: incoming[], outgoing[] with sources and the probe result, recommended, disagreements, elapsedMs', async () => {
    const { code, stdout, stderr } = await cli(['discover', 'me@srv-auto.test', '--json', ...world.args()])
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as {
      incoming: { protocol: string; host: string; port: number; socket: string; auth: string[]; username: string; sources: { source: string }[]; verified: { status: string } }[]
      outgoing: unknown[]
      recommended: { incoming: { host: string; port: number }[]; outgoing: { host: string; port: number }[] }
      disagreements: unknown[]
      elapsedMs: number
    }
    expect(report.incoming[0]).toMatchObject({ protocol: 'imap', host: 'mail.srv-auto.test', port: 993, socket: 'SSL', username: '%EMAILADDRESS%', verified: { status: 'ok' } })
    expect(report.incoming[0]!.sources.map((s) => s.source)).toEqual(expect.arrayContaining(['autoconfig', 'srv']))
    expect(report.recommended.outgoing[0]).toMatchObject({ host: 'mail.srv-auto.test', port: 465 })
    expect(Array.isArray(report.disagreements)).toBe(true)
    expect(report.elapsedMs).toBeGreaterThan(0)
    expect(stderr).toMatch(/probe +IMAP mail\.srv-auto\.test:993 SSL → ok/)
  })

  it('--port25 FILE: a port-25 report where 465 is blocked makes 587 the recommendation; a bad file is named', async () => {
    const report = join(world.dir, 'port25.json')
    writeFileSync(report, JSON.stringify({ verdict: 'blocked', how: 'timeout', submission: [{ port: 587, usable: true, evidence: [], summary: '' }, { port: 465, usable: false, evidence: [], summary: '' }], probes: [] }))
    const { code, stdout } = await cli(['discover', 'me@srv-auto.test', '--json', '--quiet', ...world.args(), '--port25', report])
    expect(code).toBe(0)
    const parsed = JSON.parse(stdout) as { recommended: { outgoing: { port: number; socket: string }[] }; port25: unknown }
    expect(parsed.recommended.outgoing[0]).toMatchObject({ port: 587, socket: 'STARTTLS' })
    expect(parsed.port25).toEqual({ verdict: 'blocked', submission: [{ port: 587, usable: true }, { port: 465, usable: false }] })
    const bad = join(world.dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ verdict: 'fine', submission: [] }))
    const refused = await cli(['discover', 'me@srv-auto.test', '--port25', bad])
    expect(refused.code).toBe(2)
    expect(refused.stderr.trim()).toMatch(/^clearport: the port-25 report ".*bad\.json" is invalid at verdict: /)
    const missing = await cli(['discover', 'me@srv-auto.test', '--port25', join(world.dir, 'nope.json')])
    expect(missing.stderr.trim()).toMatch(/cannot read the port-25 report ".*nope\.json": ENOENT/)
  })

  it('text output: the recommendation first, readable at a glance', async () => {
    const { code, stdout } = await cli(['discover', 'y@disagree.test', '--quiet', ...world.args()])
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(/^Settings for y@disagree\.test: Lab Mail — \d+ ms$/)
    expect(lines.slice(2, 5)).toEqual([
      'Recommended:',
      '  incoming  IMAP imap.disagree.test:993 SSL, user %EMAILLOCALPART%, auth password-cleartext',
      '  outgoing  SMTP mail.disagree.test:587 STARTTLS, user %EMAILADDRESS%, auth password-cleartext',
    ])
    expect(stdout).toMatch(/Where the sources disagree:\n {2}- /)
    expect(stdout).toMatch(/tls-failed .*wrong version number/)
  })

  it('exit 1 with nothing verified; usage errors are one line, exit 2', async () => {
    const lies = await cli(['discover', 'x@lies.test', '--quiet', ...world.args()])
    expect(lies.code).toBe(1)
    expect(lies.stdout).toMatch(/incoming {2}none verified/)
    const bad = await cli(['discover', 'no-at-sign'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toEqual(['clearport: the address "no-at-sign" has no "@"'])
    const help = await cli(['--help'])
    expect(help.stdout).toMatch(/clearport discover you@example\.com/)
    expect(help.stdout).toMatch(/Test options \(discover/)
  })
})
