// The wizard's store without a page: slices driven through their actions. The network slice runs
// against the real handlers and the real engine on a loopback "internet" (DNS + SMTP servers on
// 127.0.0.x), bridged the way the preload bridges them; nothing about the network is faked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../electron/main/handlers'
import { checkPort25 } from '../../electron/engine/port25/check'
import { channels, type Api, type Handlers, type MethodName, type ProgressEvent } from '@shared/contract'
import { createAppStore, type AppStore } from '../../renderer/src/store/create'
import { noEngine } from '../../renderer/src/store/operation'
import { cautionsOf } from '../../renderer/src/store/signin-slice'
import { startLoopbackNetwork, type LoopbackNetwork } from '../e2e/support/loopback-network'

/** window.api as the preload builds it: one function per channel, listeners with unsubscribe. */
function bridge(handlers: Handlers): Api & { listenerCount(): number } {
  const listeners = new Set<(event: ProgressEvent) => void>()
  const api: Record<string, unknown> = {}
  for (const name of Object.keys(channels) as MethodName[]) {
    // Structured clone both ways, as IPC does: nothing shared by reference with the main side.
    api[name] = async (args: unknown) => structuredClone(await handlers[name](structuredClone(args), (e) => listeners.forEach((l) => l(structuredClone(e)))))
  }
  api['onProgress'] = (listener: (event: ProgressEvent) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }
  api['listenerCount'] = () => listeners.size
  return api as unknown as Api & { listenerCount(): number }
}

describe('address and step gating (pure)', () => {
  const store = (): AppStore => createAppStore(() => null)

  it('validates as typed, IDN-aware, and keeps the Unicode the person typed', () => {
    const s = store()
    s.getState().setAddress('Jörg@Bücher.Test')
    const parsed = s.getState().parsed
    expect(parsed).toEqual({ ok: true, value: { local: 'Jörg', domain: 'bücher.test', asciiDomain: 'xn--bcher-kva.test', address: 'Jörg@xn--bcher-kva.test' } })
    s.getState().setAddress('person@')
    expect(s.getState().parsed).toEqual({ ok: false, message: 'the address "person@" has no domain after the "@"' })
    s.getState().setAddress('   ')
    expect(s.getState().parsed).toBeNull()
  })

  it('refuses a name that would break a mail header', () => {
    const s = store()
    s.getState().setName('Eve\r\nBcc: everyone@example.test')
    expect(s.getState().nameError).toBe('The name cannot contain line breaks or control characters.')
    s.getState().setName('Ève Müller')
    expect(s.getState().nameError).toBeNull()
  })

  it('steps open only once what they need exists', () => {
    const s = store()
    s.getState().goTo('settings')
    expect(s.getState().step).toEqual({ kind: 'address' })
    s.getState().next()
    expect(s.getState().step).toEqual({ kind: 'address' })
    s.getState().setAddress('person@example.test')
    s.getState().next()
    expect(s.getState().step).toEqual({ kind: 'network' })
    s.getState().goTo('signin')
    expect(s.getState().step).toEqual({ kind: 'network' })
    s.getState().goTo('settings')
    s.getState().startEdit('outgoing')
    expect(s.getState().saveEdit()).toBe(true)
    s.getState().goTo('signin')
    expect(s.getState().step).toEqual({ kind: 'signin' })
    s.getState().back()
    expect(s.getState().step).toEqual({ kind: 'settings' })
  })

  it('manual settings: a blank draft for the domain, errors by field, fixed by typing', () => {
    const s = store()
    s.getState().setAddress('person@bücher.test')
    s.getState().startEdit('outgoing')
    expect(s.getState().editing?.draft).toEqual({ protocol: 'smtp', host: 'smtp.xn--bcher-kva.test', port: '465', socket: 'SSL', username: 'person@xn--bcher-kva.test', auth: 'password-cleartext' })
    s.getState().editDraft({ host: 'smtp.example.test\r\nRSET', port: '70000', username: '' })
    // Nothing shown before the first save attempt...
    expect(s.getState().editing?.errors).toEqual({})
    expect(s.getState().saveEdit()).toBe(false)
    const errors = s.getState().editing?.errors
    expect(errors?.host).toBe('Host "smtp.example.test\\r\\nRSET" contains a line break (CR/LF)')
    expect(errors?.port).toBe('Port 70000 is out of range (1–65535)')
    expect(errors?.username).toMatch(/^Enter the user name/)
    // ...and each error goes as its field is fixed.
    s.getState().editDraft({ host: 'smtp.bücher.test' })
    expect(s.getState().editing?.errors.host).toBeUndefined()
    expect(s.getState().editing?.errors.port).toBeDefined()
    s.getState().editDraft({ port: '587', socket: 'STARTTLS', username: 'person' })
    expect(s.getState().saveEdit()).toBe(true)
    expect(s.getState().chosen.outgoing).toEqual({ protocol: 'smtp', host: 'smtp.xn--bcher-kva.test', port: 587, socket: 'STARTTLS', auth: ['password-cleartext'], username: 'person' })
    // Another address makes the chosen servers stale.
    s.getState().setAddress('someone@other.test')
    expect(s.getState().chosen).toEqual({ incoming: null, outgoing: null })
  })

  it('editing a discovered server shows the person’s user name, not the %EMAILADDRESS% placeholder', () => {
    const s = store()
    s.getState().setAddress('ann@example.test')
    s.getState().choose('incoming', { protocol: 'imap', host: 'imap.example.test', port: 993, socket: 'SSL', auth: ['password-cleartext'], username: '%EMAILLOCALPART%+mail@%EMAILDOMAIN%' })
    s.getState().startEdit('incoming')
    expect(s.getState().editing?.draft.username).toBe('ann+mail@example.test')
  })

  it('a typed password is dropped on leaving the sign-in step and on choosing another server', () => {
    const s = store()
    s.getState().setAddress('ann@example.test')
    const smtp = { protocol: 'smtp' as const, host: 'smtp.example.test', port: 465, socket: 'SSL' as const, auth: ['password-cleartext' as const], username: '%EMAILADDRESS%' }
    s.getState().choose('outgoing', smtp)
    s.getState().goTo('signin')
    s.getState().setPassword('typed-secret')
    s.getState().back()
    expect(s.getState().password).toBe('')
    s.getState().goTo('signin')
    s.getState().setPassword('typed-secret')
    s.getState().choose('outgoing', { ...smtp, port: 587, socket: 'STARTTLS' })
    expect(s.getState().password).toBe('')
    s.getState().setPassword('typed-secret')
    s.getState().goTo('export')
    expect(s.getState().password).toBe('')
  })

  it('a server only a forgeable channel named needs an explicit yes for the attempt, and the yes does not outlive it', async () => {
    const s = store()
    s.getState().setAddress('ann@example.test')
    const smtp = { protocol: 'smtp' as const, host: 'mail.elsewhere.test', port: 465, socket: 'SSL' as const, auth: ['password-cleartext' as const], username: '%EMAILADDRESS%' }
    const verified = { status: 'ok' as const, summary: 'ok', reachable: true, address: '192.0.2.1', attempts: [], banner: null, tls: null, certificateValid: true, authMechanisms: [], passwordLogin: false, capabilities: [], injectedBytes: 0, ms: 1 }
    const report = {
      address: 'ann@example.test', domain: 'example.test', asciiDomain: 'example.test', incoming: [], recommended: null, untested: [],
      outgoing: [{ ...smtp, sources: [{ source: 'srv' as const, detail: '_submissions._tcp.example.test', order: 0 }], verified, caution: 'foreign-dns' as const }],
      disagreements: [], sources: [], notes: [], port25: null, startedAt: '', elapsedMs: 1,
    }
    s.setState({ discovery: { kind: 'done', address: 'ann@example.test', report } })
    s.getState().choose('outgoing', smtp)
    expect(cautionsOf(s.getState())).toEqual([{ host: 'mail.elsewhere.test', words: expect.stringMatching(/neither under example\.test nor a provider ClearPort knows/) }])
    s.getState().setPassword('typed-secret')
    await s.getState().runTestSend()
    expect(s.getState().signIn).toMatchObject({ kind: 'failed', error: { field: 'caution' } })
    s.getState().setCautionAccepted(true)
    await s.getState().runTestSend()
    // Past the caution: only the missing engine stops it now.
    expect(s.getState().signIn).toMatchObject({ kind: 'failed', error: { code: noEngine.code } })
    s.getState().choose('outgoing', { ...smtp, port: 587, socket: 'STARTTLS' })
    expect(s.getState().cautionAccepted).toBe(false)
  })

  it('incoming mail cannot be set to "no sign-in" nor to SMTP', () => {
    const s = store()
    s.getState().setAddress('person@example.test')
    s.getState().startEdit('incoming')
    s.getState().editDraft({ auth: 'none', protocol: 'smtp' })
    expect(s.getState().saveEdit()).toBe(false)
    expect(s.getState().editing?.errors).toEqual({ auth: 'Incoming mail always needs a sign-in.', protocol: 'Incoming mail uses IMAP or POP3.' })
  })

  it('without an engine, the check fails with words instead of hanging', async () => {
    const s = store()
    await s.getState().runCheck()
    expect(s.getState().check).toEqual({ kind: 'failed', error: { code: 'not-available', message: 'ClearPort’s engine is not reachable from this page.' }, probes: [] })
  })
})

describe('the network check against the real engine on loopback', () => {
  let open: LoopbackNetwork
  let silent: LoopbackNetwork
  beforeAll(async () => {
    ;[open, silent] = await Promise.all([startLoopbackNetwork('open'), startLoopbackNetwork('silent')])
  })
  afterAll(async () => {
    await Promise.all([open?.close(), silent?.close()])
  })

  const storeFor = (network: LoopbackNetwork): { store: AppStore; api: ReturnType<typeof bridge> } => {
    const api = bridge(createHandlers({ checkPort25, dnsServer: network.dnsServer, targets: network.targets, ca: network.ca, discoverOptions: network.discover }))
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
    expect(open.received).toHaveLength(0)
    expect(api.listenerCount()).toBe(0)
  })
})
