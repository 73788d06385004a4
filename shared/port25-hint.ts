// What discovery needs of a port-25 check (its verdict and which submission ports work), checked
// where it enters: strictly from the window, leniently from a `clearport port25 --json` file.
import { z } from 'zod'
import type { Port25Hint } from './discovery'
import { port25VerdictSchema } from './vocabulary/schemas'

const verdict = port25VerdictSchema
const submissionEntry = { port: z.number().int().min(1).max(65535), usable: z.boolean().nullable() }

/** Exactly a Port25Hint: the window sends nothing else. */
export const port25HintSchema = z.strictObject({
  verdict,
  submission: z.array(z.strictObject(submissionEntry)).max(10),
})

/** A whole Port25Report (extra fields allowed); only the hint is kept. */
const reportSchema = z.object({ verdict, submission: z.array(z.object(submissionEntry)).max(10) })

export function hintFromReport(data: unknown): { ok: true; value: Port25Hint } | { ok: false; message: string } {
  const parsed = reportSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { ok: false, message: `${issue?.path.join('.') || 'the report'}: ${issue?.message ?? 'invalid'}` }
  }
  return { ok: true, value: { verdict: parsed.data.verdict, submission: parsed.data.submission.map(({ port, usable }) => ({ port, usable })) } }
}
