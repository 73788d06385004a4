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

/**
 * Closing a socket takes a few turns of the event loop (both ends here), and no event says when the
 * last handle is gone: poll the counts, up to 500 ms. (Not vi.waitFor: its own timer would count.)
 */
async function expectNoneLeft(before: Record<string, number>): Promise<void> {
  let now = resources()
  for (let i = 0; i < 50; i += 1) {
    if ((now.TCPSocketWrap ?? 0) <= (before.TCPSocketWrap ?? 0) && (now.Timeout ?? 0) <= (before.Timeout ?? 0)) break
    await new Promise((r) => setTimeout(r, 10))
    now = resources()
  }
  expect(now.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0)
  expect(now.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0)
}

describe('cancellation', () => {
  it('aborting mid-conversation rejects at once with AbortError and leaves no socket or timer', async () => {
    const before = resources()
    const controller = new AbortController()
    const accepted = silent.nextConnection()
    const pending = probeSmtpEndpoint({ host: '127.0.0.1', port: silent.port, security: 'plain', signal: controller.signal, deadlines: { greeting: 10_000 } })
    // Cancel once the server holds the connection: the probe is then waiting for its greeting.
    await accepted
    const t0 = performance.now()
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(performance.now() - t0).toBeLessThan(100)
    await expectNoneLeft(before)
  })

  it('a finished probe leaves no socket or timer behind', async () => {
    const before = resources()
    const report = await probeSmtpEndpoint({ host: '127.0.0.1', port: silent.port, security: 'plain', deadlines: { greeting: 200 } })
    expect(report.error?.code).toBe('greeting-timeout')
    await expectNoneLeft(before)
  })

  it('an already aborted signal starts nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(probeSmtpEndpoint({ host: '127.0.0.1', port: silent.port, security: 'plain', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })
})
