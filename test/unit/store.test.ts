// The wizard's store without a page and without a network: the address and step rules of the
// step table, manual settings, what one sign-in attempt keeps. The slices against the real engine
// are in test/integration/store-wizard.test.ts.
import { describe, expect, it } from 'vitest'
import { createAppStore, type AppStore } from '../../renderer/src/store/create'
import { noEngine } from '../../renderer/src/store/operation'
import { cautionsOf } from '../../renderer/src/store/signin-slice'
import { stepOrder, stepRule } from '../../renderer/src/store/step-table'

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
    typedOutgoing(s, 'person@example.test')
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


/** An address and the blank outgoing draft saved as typed: what the sign-in step needs. */
function typedOutgoing(s: AppStore, address: string): void {
  s.getState().setAddress(address)
  s.getState().startEdit('outgoing')
  expect(s.getState().saveEdit()).toBe(true)
}

describe('the step table', () => {
  const store = (): AppStore => createAppStore(() => null)

  it('orders the steps and names them once', () => {
    expect(stepOrder).toEqual(['address', 'network', 'settings', 'signin', 'export'])
    expect(stepOrder.map((k) => stepRule(k).title)).toEqual(['Address', 'Network', 'Settings', 'Sign in', 'Export'])
  })

  it('Next leaves a step only when its rule allows, and says why not', () => {
    const s = store()
    expect(stepRule('address').leaveBlocker(s.getState())).toBe('Enter your email address first.')
    s.getState().setAddress('person@example.test')
    s.getState().setName('Eve\nX')
    s.getState().next()
    expect(s.getState().step).toEqual({ kind: 'address' })
    s.getState().setName('Eve')
    s.getState().next()
    s.getState().next()
    expect(s.getState().step).toEqual({ kind: 'settings' })
    expect(stepRule('settings').leaveBlocker(s.getState())).toBe('Choose an outgoing server first.')
    s.getState().next()
    expect(s.getState().step).toEqual({ kind: 'settings' })
    s.getState().startEdit('outgoing')
    expect(stepRule('settings').leaveBlocker(s.getState())).toBe('Finish or cancel the edit first.')
    s.getState().saveEdit()
    s.getState().next()
    expect(s.getState().step).toEqual({ kind: 'signin' })
  })

  it('a new address runs every step’s own reset', () => {
    const s = store()
    typedOutgoing(s, 'person@example.test')
    s.setState({ check: { kind: 'cancelled', probes: [] }, signIn: { kind: 'cancelled' }, password: 'typed', discovery: { kind: 'cancelled' } })
    s.getState().setAddress('other@example.test')
    const after = s.getState()
    expect({ check: after.check, discovery: after.discovery, signIn: after.signIn, chosen: after.chosen, editing: after.editing, password: after.password })
      .toEqual({ check: { kind: 'idle' }, discovery: { kind: 'idle' }, signIn: { kind: 'idle' }, chosen: { incoming: null, outgoing: null }, editing: null, password: '' })
  })
})
