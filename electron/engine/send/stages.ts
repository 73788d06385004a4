// Per-stage timing and progress: every stage is timed, announced when it starts and ends, and a
// failure is wrapped with the stage it happened in, so the classifier knows where it was.
import type { SendService, SendStage, StageTiming } from '@shared/send'
import type { SendStageProgress } from '@shared/contract'
import type { Redactor } from './redact'

/** The contract's progress record (shared/vocabulary/send-stages.ts), under its engine name. */
export type SendProgress = SendStageProgress

export class StageError extends Error {
  override readonly name = 'StageError'
  constructor(
    readonly service: SendService,
    readonly stage: SendStage,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}

export class Stages {
  readonly timings: StageTiming[] = []

  constructor(
    private readonly redact: Redactor,
    private readonly onProgress?: (event: SendProgress) => void,
  ) {}

  async run<T>(service: SendService, stage: SendStage, fn: () => Promise<T>, describe: (value: T) => string = () => 'ok'): Promise<T> {
    const t0 = performance.now()
    this.emit({ service, stage, status: 'started', ms: null, detail: '' })
    try {
      const value = await fn()
      const ms = Math.round(performance.now() - t0)
      const detail = this.redact(describe(value))
      this.timings.push({ stage, ms, ok: true, detail })
      this.emit({ service, stage, status: 'done', ms, detail })
      return value
    } catch (error) {
      const ms = Math.round(performance.now() - t0)
      const detail = this.redact(error instanceof Error ? error.message : String(error)).slice(0, 300)
      this.timings.push({ stage, ms, ok: false, detail })
      this.emit({ service, stage, status: 'failed', ms, detail })
      throw error instanceof StageError ? error : new StageError(service, stage, error)
    }
  }

  private emit(event: SendProgress): void {
    try {
      this.onProgress?.(event)
    } catch {
      // A listener that throws (a closed window) must not change the outcome.
    }
  }
}
