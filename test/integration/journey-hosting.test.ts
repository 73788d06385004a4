// The journey on a shared-hosting domain, through the real CLI: wildcard DNS makes `imap.`,
// `mail.`, `pop.`, `pop3.` and the bare domain all reach one machine serving every mail port, so
// discovery verifies 14 incoming and 6 outgoing endpoints — and every export format must still be
// made from its recommendation, saved, and read back by an independent parser.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportFormats } from '@shared/export/types'
import type { DiscoveryReport } from '@shared/discovery'
import { useCliLab } from '../helpers/cli-lab'
import { parseExport } from '../helpers/export-parsers'
import { loopbackFirewallUnavailable, openLoopbackFirewall } from '../helpers/loopback-firewall'
import { describeUnless } from '../helpers/skip'

const world = useCliLab('journey', 30_000)
const labArgs = world.args
const cli = world.run

describe('a shared-hosting domain (wildcard DNS, one machine on every port)', () => {
  let report: DiscoveryReport
  beforeAll(async () => {
    const run = await cli(['discover', 'me@wild.test', '--json', '--quiet', ...labArgs()])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    report = JSON.parse(run.stdout) as DiscoveryReport
  })

  it('discovery verifies every guessed name, and recommends one server per port', () => {
    expect(report.incoming.filter((s) => s.verified.status === 'ok')).toHaveLength(14)
    expect(report.outgoing.filter((s) => s.verified.status === 'ok')).toHaveLength(6)
    const rec = report.recommended!
    expect(rec.incoming.map((s) => `${s.host}:${s.port}`)).toEqual(['imap.wild.test:993', 'imap.wild.test:143', 'pop.wild.test:995', 'pop.wild.test:110'])
    expect(rec.outgoing.map((s) => `${s.host}:${s.port}`)).toEqual(['smtp.wild.test:465', 'smtp.wild.test:587'])
    expect(report.untested).toEqual([])
  })

  it.each(exportFormats)('clearport export --format %s: written from discovery, saved, and parsed back', async (format) => {
    const target = join(world.dir, `wild.${format}`)
    const run = await cli(['export', 'me@wild.test', '--format', format, '-o', target, '--quiet', ...labArgs()])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const parsed = await parseExport(format, readFileSync(target))
    expect(parsed.incoming).toBe(`imap.wild.test:${993}`)
    expect(parsed.outgoing).toBe(`smtp.wild.test:${465}`)
    expect(parsed.counts.incoming).toBeLessThanOrEqual(4)
    expect(parsed.counts.outgoing).toBeLessThanOrEqual(4)
  })
})

// The same CLI journey on a network that drops the submission ports: nothing outgoing can be
// verified, yet the export is made from the servers the provider publishes, and stderr says why.
describeUnless(loopbackFirewallUnavailable(), 'a network that drops the submission ports', () => {
  it('clearport export writes the published settings, untested, and says so', async () => {
    const firewall = openLoopbackFirewall()
    try {
      // mail.srv-auto.test (autoconfig over https and SRV) lives on 127.0.0.11.
      firewall.set([465, 587].map((service) => ({ address: '127.0.0.11', port: world.lab.portMap[String(service)]!, action: 'drop' as const })))
      const target = join(world.dir, 'dropped.xml')
      const run = await cli(['export', 'me@srv-auto.test', '--format', 'thunderbird', '-o', target, ...labArgs()])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toMatch(/the servers for sending your provider publishes did not answer on port 465 and 587 from here/i)
      const parsed = await parseExport('thunderbird', readFileSync(target))
      expect(parsed.outgoing).toBe('mail.srv-auto.test:465')
      expect(parsed.incoming).toBe('mail.srv-auto.test:993')
    } finally {
      firewall.close()
    }
  })
})
