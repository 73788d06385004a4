// Named deadlines and the one cancellation path (electron/engine/deadline.ts) on fake timers: the
// rules — which step ran out, after how long, and that nothing outlives its scope — not the
// machine's speed, are under test.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError, DeadlineError, abortReason, isCancel, scope, sleep, withScope } from '../../electron/engine/deadline'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('scope', () => {
  it('aborts with a DeadlineError naming its step exactly when its time is up', () => {
    const s = scope(undefined, 5_000, 'greeting')
    vi.advanceTimersByTime(4_999)
    expect(s.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(s.signal.aborted).toBe(true)
    const reason = abortReason(s.signal)
    expect(reason).toBeInstanceOf(DeadlineError)
    expect(reason).toMatchObject({ step: 'greeting', ms: 5_000, message: 'no answer within 5000 ms (greeting)' })
    expect(isCancel(reason)).toBe(false)
  })

  it("a parent's Cancel reaches the child at once, with the parent's reason", () => {
    const parent = new AbortController()
    const s = scope(parent.signal, 60_000, 'tls')
    parent.abort(new CancelledError())
    expect(s.signal.aborted).toBe(true)
    expect(isCancel(abortReason(s.signal))).toBe(true)
    // The deadline passing later changes nothing: the scope settled once.
    vi.advanceTimersByTime(60_000)
    expect(isCancel(abortReason(s.signal))).toBe(true)
  })

  it('an already aborted parent makes an aborted scope', () => {
    const parent = new AbortController()
    parent.abort()
    expect(scope(parent.signal, 1_000, 'connect').signal.aborted).toBe(true)
  })

  it('dispose clears the timer and stops listening to the parent', () => {
    const parent = new AbortController()
    const s = scope(parent.signal, 1_000, 'reply')
    expect(vi.getTimerCount()).toBe(1)
    s.dispose()
    expect(vi.getTimerCount()).toBe(0)
    parent.abort()
    vi.advanceTimersByTime(1_000)
    expect(s.signal.aborted).toBe(false)
  })
})

describe('withScope', () => {
  it('disposes the scope however the work ends', async () => {
    await expect(withScope(undefined, 1_000, 'ehlo', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(vi.getTimerCount()).toBe(0)
    expect(await withScope(undefined, 1_000, 'ehlo', () => Promise.resolve(7))).toBe(7)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('hands the work a signal that aborts at the deadline', async () => {
    const pending = withScope(undefined, 2_000, 'starttls', (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(abortReason(signal)))))
    vi.advanceTimersByTime(2_000)
    await expect(pending).rejects.toMatchObject({ name: 'DeadlineError', step: 'starttls' })
  })
})

describe('sleep', () => {
  it('resolves after its time, and leaves no timer', async () => {
    let done = false
    const pending = sleep(300).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(299)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await pending
    expect(done).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('rejects at once when cancelled, and clears its timer', async () => {
    const controller = new AbortController()
    const pending = sleep(10_000, controller.signal)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('an aborted signal starts no timer at all', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(sleep(10, controller.signal)).rejects.toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })
})
