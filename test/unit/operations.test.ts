import { describe, expect, it } from 'vitest'
import type { ApiError, ProgressEvent } from '@shared/contract'
import { MAX_RUNNING, Operations } from '../../electron/main/operations'

const toApiError = (err: unknown, aborted: boolean): ApiError =>
  aborted ? { code: 'cancelled', message: 'cancelled' } : { code: 'internal', message: String((err as Error)?.message ?? err) }

/** Work that runs until its signal aborts. */
const untilCancelled = ({ signal }: { signal: AbortSignal }): Promise<string> =>
  new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }))

describe('Operations', () => {
  it('refuses a duplicate id and more than MAX_RUNNING at once, then frees the slots', async () => {
    const ops = new Operations(toApiError)
    const running = Array.from({ length: MAX_RUNNING }, (_, i) => ops.run(`op-${i}`, () => {}, untilCancelled))
    expect(await ops.run('op-0', () => {}, async () => 'x')).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'operationId' } })
    expect(await ops.run('op-extra', () => {}, async () => 'x')).toMatchObject({ ok: false, error: { code: 'busy' } })
    for (let i = 0; i < MAX_RUNNING; i += 1) expect(ops.cancel(`op-${i}`)).toBe(true)
    for (const result of await Promise.all(running)) expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(ops.cancel('op-0')).toBe(false)
    expect(await ops.run('op-extra', () => {}, async () => 'done')).toEqual({ ok: true, value: 'done' })
  })

  it('forwards progress only until the result, and survives a throwing listener', async () => {
    const ops = new Operations(toApiError)
    const seen: ProgressEvent[] = []
    let late: ((event: ProgressEvent) => void) | null = null
    const event = (detail: string): ProgressEvent => ({ type: 'phase', at: 0, operationId: 'a', phase: 'probing', detail })
    const result = await ops.run('a', (e) => {
      seen.push(e)
      if (e.type === 'phase' && e.detail === 'boom') throw new Error('window gone')
    }, async ({ forward }) => {
      forward(event('one'))
      forward(event('boom'))
      late = forward
      return 42
    })
    late!(event('after'))
    expect(result).toEqual({ ok: true, value: 42 })
    expect(seen.map((e) => (e.type === 'phase' ? e.detail : ''))).toEqual(['one', 'boom'])
  })

  it('maps a failure to an ApiError', async () => {
    const ops = new Operations(toApiError)
    expect(await ops.run('b', () => {}, async () => Promise.reject(new Error('kaput')))).toEqual({ ok: false, error: { code: 'internal', message: 'kaput' } })
  })
})
