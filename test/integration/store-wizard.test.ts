// The wizard's store without a page, against the real handlers and the real engine on a loopback
// "internet" (DNS + SMTP servers on 127.0.0.x), through the one test bridge (the preload's shape,
// structured clone both ways); nothing about the network is faked. The pure rules are in
// test/unit/store.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../electron/main/handlers'
import { checkPort25 } from '../../electron/engine/port25/check'
import { createAppStore, type AppStore } from '../../renderer/src/store/create'
import { nodeBridge } from '../e2e/support/api-bridge'
import { startLoopbackNetwork, type LoopbackNetwork } from '../e2e/support/loopback-network'

describe('the network check against the real engine on loopback', () => {
  let open: LoopbackNetwork
  let silent: LoopbackNetwork
  beforeAll(async () => {
    ;[open, silent] = await Promise.all([startLoopbackNetwork('open'), startLoopbackNetwork('silent')])
  })
  afterAll(async () => {
    await Promise.all([open?.close(), silent?.close()])
  })

  const storeFor = (network: LoopbackNetwork): { store: AppStore; api: ReturnType<typeof nodeBridge> } => {
    const api = nodeBridge(createHandlers({ checkPort25, dnsServer: network.dnsServer, targets: network.targets, ca: network.ca, discoverOptions: network.discover }))
    return { store: createAppStore(() => api), api }
  }

  it('streams probes into the running state, then settles on the verdict and unsubscribes', async () => {
    const { store, api } = storeFor(open)
    store.getState().setAddress(open.personAddress)
    const seenWhileRunning: number[] = []
    const unwatch = store.subscribe((state) => {
      if (state.check.kind === 'running') seenWhileRunning.push(state.check.probes.length)
    })
    await store.getState().runCheck()
    unwatch()
    const check = store.getState().check
    expect(check.kind).toBe('done')
    if (check.kind !== 'done') return
    expect(check.report.verdict).toBe('open')
    expect(check.report.probes).toHaveLength(10)
    // Rows arrived one by one before the report did.
    expect(Math.max(...seenWhileRunning)).toBeGreaterThan(0)
    expect(api.listenerCount()).toBe(0)
  })

  it('Cancel stops a check stuck on silent servers and leaves the probes seen so far', async () => {
    const { store, api } = storeFor(silent)
    store.getState().setAddress(silent.personAddress)
    const running = store.getState().runCheck()
    // Wait on the store (not a timer) until the controls have answered.
    await new Promise<void>((resolve) => {
      const unwatch = store.subscribe((state) => {
        if (state.check.kind === 'running' && state.check.probes.some((p) => p.outcome === 'open')) {
          unwatch()
          resolve()
        }
      })
    })
    await store.getState().cancelCheck()
    await running
    const check = store.getState().check
    expect(check.kind).toBe('cancelled')
    if (check.kind === 'cancelled') expect(check.probes.length).toBeGreaterThan(0)
    expect(api.listenerCount()).toBe(0)
  })

  it('a late result of a check for an address that changed is dropped', async () => {
    const { store } = storeFor(open)
    store.getState().setAddress(open.personAddress)
    const running = store.getState().runCheck()
    store.getState().setAddress('someone-else@example.test')
    await running
    expect(store.getState().check).toEqual({ kind: 'idle' })
  })

  it('discovery pre-selects the verified recommendation; a wrong password fails the test send and leaves the store', async () => {
    const { store, api } = storeFor(open)
    store.getState().setAddress(open.personAddress)
    await store.getState().startDiscovery()
    const discovery = store.getState().discovery
    expect(discovery.kind).toBe('done')
    expect(store.getState().chosen.outgoing).toMatchObject({ host: 'smtp.person-domain.test', port: 465, socket: 'SSL' })
    expect(store.getState().chosen.incoming).toMatchObject({ host: 'imap.person-domain.test', port: 993, socket: 'SSL' })

    // The loopback server listens on an unprivileged port: a manual edit, as a person would make.
    store.getState().startEdit('outgoing')
    store.getState().editDraft({ port: String(open.discover.portMap['465']) })
    expect(store.getState().saveEdit()).toBe(true)
    store.getState().setReadBack(false)
    store.getState().refreshSignIn()
    store.getState().setPassword('wrong-password-7')
    const running = store.getState().runTestSend()
    // The password is out of the store as soon as the attempt starts.
    expect(store.getState().password).toBe('')
    await running
    const signIn = store.getState().signIn
    expect(signIn.kind).toBe('done')
    if (signIn.kind !== 'done') return
    expect(signIn.result.ok).toBe(false)
    expect(signIn.result.problem?.code).toBe('auth-failed')
    expect(JSON.stringify(store.getState())).not.toContain('wrong-password-7')
    // The report part is the shared one: the advice and the warnings travel into saved reports.
    const part = store.getState().sendReportParts()
    expect(part.send?.ok).toBe(false)
    expect(part.send?.summary).toBe(signIn.result.problem?.title)
    expect(part.send?.notes).toEqual([signIn.result.problem?.advice, ...signIn.result.warnings])
    expect(part.send?.notes?.[0]).toMatch(/password/i)
    expect(part.transcript?.length).toBeGreaterThan(0)
    expect(JSON.stringify(part)).not.toContain('wrong-password-7')
    expect(open.received).toHaveLength(0)
    expect(api.listenerCount()).toBe(0)
  })
})
