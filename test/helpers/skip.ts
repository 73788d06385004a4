// One way to skip: a suite or test that cannot run here (no Dovecot, not root, no Electron binary,
// no nftables, …) is skipped — never passed — and says why twice: once on stderr when the file
// loads, and in its own name ("… — SKIPPED: reason"), so the reason stands in vitest's list too.
// A reason is a string; null means "runs here".
import { describe, it, type TestContext } from 'vitest'

/** Why something cannot run, or null. */
export type SkipReason = string | null

function announce(what: string, reason: string): void {
  console.warn(`skipped: ${what} — ${reason}`)
}

/** describe(name, body), or the same suite skipped with its reason printed. */
export function describeUnless(reason: SkipReason, name: string, body: () => void): void {
  if (reason === null) return void describe(name, body)
  announce(name, reason)
  describe.skip(`${name} — SKIPPED: ${reason}`, body)
}

/** it(name, body), or the same test skipped with its reason printed. */
export function itUnless(reason: SkipReason, name: string, body: (context: TestContext) => Promise<void> | void, timeoutMs?: number): void {
  if (reason === null) return void it(name, body, timeoutMs)
  announce(name, reason)
  it.skip(`${name} — SKIPPED: ${reason}`, body)
}

/** For a reason known only while the test runs: print it and skip this test (never a pass). */
export function skipNow(context: TestContext, reason: string): void {
  announce(context.task.name, reason)
  context.skip(reason)
}

/** The reason an async set-up (starting Dovecot, making legacy certificates) failed, or null. */
export async function reasonIfFails(setup: () => Promise<unknown>): Promise<SkipReason> {
  try {
    await setup()
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Not root: the reason, else null (the network lab, nftables on loopback, Dovecot's users). */
export function notRoot(what: string): SkipReason {
  return process.getuid?.() === 0 ? null : `${what} needs root`
}
