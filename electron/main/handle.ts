// The one wrapper every contract method goes through (as GitHub Desktop's typed `handle<T>`):
// the untrusted argument is parsed once with the method's schema (shared/contract-args.ts), a bad
// one becomes a `bad-input` Result naming the field, and nothing ever throws across the boundary.
import type { z } from 'zod'
import type { ApiError, MethodName, Methods, ProgressEvent, Result } from '@shared/contract'
import { describeArgsIssue } from '@shared/contract-args'

export type Emit = (event: ProgressEvent) => void

/** One method of the contract's `Handlers`: the argument arrives untrusted. */
export type Handler<K extends MethodName> = (args: unknown, emit: Emit) => Promise<Result<Methods[K]['result']>>

export interface MethodSpec<K extends MethodName> {
  /** Checked against the contract's argument type, so schema and type cannot drift apart. */
  args: z.ZodType<Methods[K]['args']>
  run(args: Methods[K]['args'], emit: Emit): Promise<Result<Methods[K]['result']>>
  /** An exception that escaped `run` (a bug, a failing disk), as words: never a stack. */
  failed(err: unknown): ApiError
  /** Words for a schema issue where the default (the field and zod's message) does not fit. */
  refuse?(error: z.ZodError, input: unknown): ApiError
}

export function handle<K extends MethodName>(spec: MethodSpec<K>): Handler<K> {
  return async (input, emit) => {
    try {
      const parsed = spec.args.safeParse(input)
      if (!parsed.success) return { ok: false, error: (spec.refuse ?? describeArgsIssue)(parsed.error, input) }
      return await spec.run(parsed.data, emit)
    } catch (err) {
      return { ok: false, error: spec.failed(err) }
    }
  }
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

/** "`what` failed: message" as an internal error, the message clipped (never the error object). */
export function failure(what: string, err: unknown, max = 300): ApiError {
  return { code: 'internal', message: `${what} ${clip(err instanceof Error && err.message ? err.message : String(err), max)}` }
}
