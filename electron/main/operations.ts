// The running long operations (port-25 check, discovery, test send), so `cancel` can reach them.
// One place owns the rules every operation follows: ids are unique, at most MAX_RUNNING run at
// once (a misbehaving renderer cannot open hundreds of sockets by inventing ids), progress stops
// at the result, a cancel that wins the race is honoured, and errors become ApiErrors.
import type { ApiError, ProgressEvent, Result } from '@shared/contract'

export const MAX_RUNNING = 4

export interface OperationContext {
  signal: AbortSignal
  /** Forward one progress event (no-op once the operation settled or the window went away). */
  forward(event: ProgressEvent): void
}

export class Operations {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly toApiError: (err: unknown, aborted: boolean) => ApiError) {}

  async run<T>(
    id: string,
    emit: (event: ProgressEvent) => void,
    work: (context: OperationContext) => Promise<T>,
  ): Promise<Result<T>> {
    if (this.running.has(id)) {
      return { ok: false, error: { code: 'bad-input', message: `An operation with id "${id}" is already running.`, field: 'operationId' } }
    }
    if (this.running.size >= MAX_RUNNING) {
      return { ok: false, error: { code: 'busy', message: `${MAX_RUNNING} operations are already running; cancel one first.` } }
    }
    const controller = new AbortController()
    this.running.set(id, controller)
    // Events after the result would reach a listener that has moved on: stop forwarding at settle.
    let settled = false
    const forward = (event: ProgressEvent): void => {
      if (settled) return
      try {
        emit(event)
      } catch {
        // A window that went away cannot be told; the operation still settles normally.
      }
    }
    try {
      const value = await work({ signal: controller.signal, forward })
      // A cancel that won the race is honoured: the caller was told `cancelled: true`.
      if (controller.signal.aborted) return { ok: false, error: this.toApiError(null, true) }
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: this.toApiError(err, controller.signal.aborted) }
    } finally {
      settled = true
      this.running.delete(id)
    }
  }

  cancel(id: string): boolean {
    const controller = this.running.get(id)
    if (!controller || controller.signal.aborted) return false
    controller.abort()
    return true
  }
}
