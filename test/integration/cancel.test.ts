// One AbortSignal cancels everything, and nothing (socket, timer) outlives the operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeSmtpEndpoint } from '../../electron/engine/endpoint'
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server'

let silent: ScriptedServer
beforeAll(async () => {
  // Accepts and never says a word: the probe would wait for its greeting deadline.
  silent = await startScriptedServer(() => {})
})
afterAll(() => silent.close())

/** Handles and timers of this process, by kind (vitest's own are there before and after). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

/** Closing a socket takes a few turns of the event loop (both ends here): wait up to 500 ms. */
async function settled(before: Record<string, number>): Promise<Record<string, number>> {
  for (let i = 0; i < 50; i += 1) {
    const now = resources()
    if ((now.TCPSocketWrap ?? 0) <= (before.TCPSocketWrap ?? 0) && (now.Timeout ?? 0) <= (before.Timeout ?? 0)) return now
    await new Promise((r) => setTimeout(r, 10))
  }
  return resources()
}

describe('cancellation', () => {
  it('aborting mid-conversation rejects at once with AbortError and leaves no socket or timer', async () => {
    const before = resources()
    const controller = new AbortController()
    const pending = probeSmtpEndpoint({ host: '127.0.0.1', port: silent.port, security: 'plain', signal: controller.signal, deadlines: { greeting: 10_000 } })
    await new Promise((r) => setTimeout(r, 150))
    const t0 = performance.now()
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(performance.now() - t0).toBeLessThan(100)
    const after = await settled(before)
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0)
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0)
  })

  it('a finished probe leaves no socket or timer behind', async () => {
    const before = resources()
    const report = await probeSmtpEndpoint({ host: '127.0.0.1', port: silent.port, security: 'plain', deadlines: { greeting: 200 } })
    expect(report.error?.code).toBe('greeting-timeout')
    const after = await settled(before)
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0)
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0)
  })

  it('an already aborted signal starts nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(probeSmtpEndpoint({ host: '127.0.0.1', port: silent.port, security: 'plain', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })
})
