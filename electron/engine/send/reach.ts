// Before a library connects: does anything answer on this port at all? nodemailer's and
// imapflow's connection timeouts are fixed (20–30 s here), so a port this network drops would cost
// the person that long and end in a misleading "did not finish its answer". Instead every address
// is tried at once (two staggered SYNs each, against a lost one), and silence is judged by the
// same round-trip patience as the port-25 check: a few times the slowest answer this network gave
// (the DNS look-up that just succeeded counts), at least the patience's floor (about a second). A definite no (refused, unreachable)
// ends the wait at once.
import type { TcpOutcome } from '@shared/model'
import { connectPatiently } from '../net/tcp'
import { Patience } from '../net/patience'

export interface ReachResult {
  /** The addresses that accepted a connection, fastest first; the rest in their given order. */
  order: string[]
}

/** Shaped like nodemailer's own connection errors, so the one classifier reads it unchanged. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError'
  readonly command = 'CONN'
  constructor(
    message: string,
    readonly code: string,
    readonly originalCode: string | null,
    readonly timeoutType: string | null,
  ) {
    super(message)
  }
}

const SYSTEM_CODE: Record<Exclude<TcpOutcome, 'open' | 'timeout'>, string> = {
  refused: 'ECONNREFUSED',
  unreachable: 'EHOSTUNREACH',
  reset: 'ECONNRESET',
  'dns-error': 'ENOTFOUND',
}

/**
 * Connect to every address of `port` and close again. Resolves with the addresses that answered;
 * throws UnreachableError when none did (`CONNECT_TIMEOUT` for silence, the system's code for a
 * refusal), and the caller's abort reason when cancelled.
 */
export async function reach(addresses: readonly string[], port: number, options: { signal: AbortSignal; observedRttMs?: number }): Promise<ReachResult> {
  const patience = new Patience()
  if (options.observedRttMs !== undefined) patience.observeDns(options.observedRttMs)
  const attempts = await Promise.all(
    addresses.map(async (address) => {
      // Each family by its own round trips: a dead IPv6 is not waited on once IPv4 has answered.
      const result = await connectPatiently(address, port, patience, options.signal)
      result.socket?.destroy()
      return { address, outcome: result.outcome, ms: result.ms, errorCode: result.errorCode }
    }),
  )
  const open = attempts.filter((a) => a.outcome === 'open').sort((a, b) => a.ms - b.ms)
  if (open.length === 0) {
    const definite = attempts.find((a) => a.outcome !== 'timeout')
    const waited = Math.max(0, ...attempts.map((a) => a.ms))
    if (!definite) {
      throw new UnreachableError(`no answer on port ${port} within ${waited} ms from ${addresses.join(', ')} (the connection attempts were dropped)`, 'ETIMEDOUT', null, 'CONNECT_TIMEOUT')
    }
    const code = definite.errorCode ?? SYSTEM_CODE[definite.outcome as keyof typeof SYSTEM_CODE]
    throw new UnreachableError(`connect to ${definite.address} port ${port}: ${definite.outcome} (${code})`, 'ESOCKET', code, null)
  }
  const order = [...open.map((a) => a.address), ...addresses.filter((a) => !open.some((o) => o.address === a))]
  return { order }
}
