// The `discover` contract method through the real handlers: strict argument checks, progress
// events tagged with the operation, and cancel through the shared registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProgressEvent } from '@shared/contract'
import { createHandlers } from '../../electron/main/handlers'
import { checkPort25 } from '../../electron/engine/port25/check'
import { startDiscoveryLab, type DiscoveryLab } from '../helpers/discovery-lab'

let lab: DiscoveryLab
beforeAll(async () => {
  lab = await startDiscoveryLab()
})
afterAll(() => lab?.close())

const handlers = () =>
  createHandlers({
    checkPort25,
    dnsServer: lab.dnsServer,
    ca: [lab.ca],
    discoverOptions: { portMap: lab.portMap, ispdbBaseUrl: null, catalog: lab.catalog, http: { timeoutMs: 10_000 } },
  })

describe('discover over the contract', () => {
  it.each([
    [null, /object with the documented fields/, undefined],
    [{ operationId: 'op-1' }, /address must be a string/, 'address'],
    [{ operationId: 'op-1', address: 'x@y.test', password: 'secret' }, /Unknown field: password/, 'password'],
    [{ operationId: 'bad id!', address: 'x@y.test' }, /operationId must be/, 'operationId'],
    [{ operationId: 'op-1', address: 'x@y.test\r\nRCPT' }, /line break/, 'address'],
    [{ operationId: 'op-1', address: 'x'.repeat(400) }, /at most 320/, 'address'],
  ])('refuses %j as bad-input', async (args, message, field) => {
    const r = await handlers().discover(args, () => {})
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('bad-input')
      expect(r.error.message).toMatch(message)
      expect(r.error.field).toBe(field)
    }
  })

  it('returns the report and streams source and endpoint events for this operation', async () => {
    const events: ProgressEvent[] = []
    const r = await handlers().discover({ operationId: 'op-ok', address: 'me@srv-auto.test' }, (e) => events.push(e))
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.recommended?.incoming[0]?.host).toBe('mail.srv-auto.test')
    expect(events.length).toBeGreaterThan(5)
    expect(events.every((e) => e.operationId === 'op-ok' && typeof e.at === 'number')).toBe(true)
    expect(events.some((e) => e.type === 'source')).toBe(true)
    expect(events.some((e) => e.type === 'endpoint' && e.state === 'done')).toBe(true)
  })

  it("takes the network check's verdict: a port this network blocks is not recommended", async () => {
    const address = 'me@srv-auto.test'
    const plain = await handlers().discover({ operationId: 'op-p', address }, () => {})
    expect(plain.ok && plain.value.recommended?.outgoing[0]?.port).toBe(465)
    const port25 = { verdict: 'blocked', submission: [{ port: 587, usable: true }, { port: 465, usable: false }, { port: 2525, usable: null }] }
    const hinted = await handlers().discover({ operationId: 'op-h', address, port25 }, () => {})
    expect(hinted.ok && hinted.value.recommended?.outgoing[0]).toMatchObject({ port: 587, socket: 'STARTTLS' })
    expect(hinted.ok && hinted.value.port25).toEqual(port25)
    const hostile = await handlers().discover({ operationId: 'op-x', address, port25: { verdict: 'fine', submission: [] } }, () => {})
    expect(hostile).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'port25.verdict' } })
  })

  it('cancel stops a running discovery: the call answers "cancelled"', async () => {
    const h = handlers()
    // silent.test's autoconfig never answers: discovery would wait its 10 s fetch deadline.
    const asked = lab.https.nextRequest((q) => q.host.startsWith('autoconfig.silent.test'))
    const pending = h.discover({ operationId: 'op-cancel', address: 'g@silent.test' }, () => {})
    // Cancel once the silent server holds the request: discovery is then waiting on it.
    await asked
    expect(await h.cancel({ operationId: 'op-cancel' }, () => {})).toEqual({ ok: true, value: { cancelled: true } })
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(await h.cancel({ operationId: 'op-cancel' }, () => {})).toEqual({ ok: true, value: { cancelled: false } })
  })
})
