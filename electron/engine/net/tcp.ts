// TCP connect to one explicit address, classified. Node's autoSelectFamily ("happy eyeballs")
// would abort all but the last address after 250 ms, hiding which family fails, so callers
// resolve first and connect to each address themselves.
import net from 'node:net'
import type { TcpOutcome } from '@shared/model'
import { abortReason } from '../deadline'
import type { Patience } from './patience'

export interface ConnectResult {
  outcome: TcpOutcome
  ms: number
  /** The connected socket when outcome is `open`; the caller owns it and must destroy it. */
  socket: net.Socket | null
  /** The system error code, for evidence (ECONNREFUSED, EHOSTUNREACH, ...). */
  errorCode: string | null
}

export interface ConnectOptions {
  /** Aborting this cancels the probe: the promise rejects with the abort reason. */
  signal?: AbortSignal
  /** Aborting this means "we have waited long enough": outcome `timeout`. */
  giveUp: AbortSignal
}

export function classifyConnectError(code: string | undefined): TcpOutcome {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
    case 'EACCES':
    case 'EPERM':
    case 'EADDRNOTAVAIL':
    case 'ENOPROTOOPT':
      return 'unreachable'
    case 'ETIMEDOUT':
      return 'timeout'
    default:
      return 'reset'
  }
}

export function connectTcp(address: string, port: number, options: ConnectOptions): Promise<ConnectResult> {
  const { signal, giveUp } = options
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal))
    const started = performance.now()
    const elapsed = (): number => Math.round(performance.now() - started)
    const socket = net.connect({ host: address, port, autoSelectFamily: false })
    socket.setNoDelay(true)
    const cleanup = (): void => {
      socket.removeListener('connect', onConnect)
      socket.removeListener('error', onError)
      signal?.removeEventListener('abort', onCancel)
      giveUp.removeEventListener('abort', onGiveUp)
    }
    const onConnect = (): void => {
      cleanup()
      resolve({ outcome: 'open', ms: elapsed(), socket, errorCode: null })
    }
    const onError = (error: NodeJS.ErrnoException): void => {
      cleanup()
      socket.destroy()
      resolve({ outcome: classifyConnectError(error.code), ms: elapsed(), socket: null, errorCode: error.code ?? null })
    }
    const onGiveUp = (): void => {
      cleanup()
      socket.destroy()
      resolve({ outcome: 'timeout', ms: elapsed(), socket: null, errorCode: null })
    }
    const onCancel = (): void => {
      cleanup()
      socket.destroy()
      reject(abortReason(signal!))
    }
    socket.once('connect', onConnect)
    socket.once('error', onError)
    signal?.addEventListener('abort', onCancel, { once: true })
    if (giveUp.aborted) onGiveUp()
    else giveUp.addEventListener('abort', onGiveUp, { once: true })
  })
}

export interface StaggeredOptions extends ConnectOptions {
  /** How many connection attempts, each from a new source port (a lost SYN costs 1 s otherwise). */
  attempts: number
  staggerMs: number
}

/**
 * Several staggered attempts to one address; the first `open` wins and the others are closed.
 * A definite answer (refused, unreachable) from any attempt ends the probe at once: the network
 * said no, waiting longer will not change it.
 */
export function connectStaggered(address: string, port: number, options: StaggeredOptions): Promise<ConnectResult> {
  const { attempts, staggerMs, signal, giveUp } = options
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const local = new AbortController()
    const timers: NodeJS.Timeout[] = []
    let pending = attempts
    let settled = false
    let lastFailure: ConnectResult | null = null
    // Given up: end now, not when the last staggered attempt's timer comes round (a whole family
    // given up at once must not wait out the stagger).
    const onGiveUp = (): void => finish({ outcome: 'timeout', ms: 0, socket: null, errorCode: null })
    const finish = (result: ConnectResult | Error): void => {
      if (settled) {
        if (!(result instanceof Error)) result.socket?.destroy()
        return
      }
      settled = true
      for (const timer of timers) clearTimeout(timer)
      giveUp.removeEventListener('abort', onGiveUp)
      local.abort()
      if (result instanceof Error) reject(result)
      else resolve({ ...result, ms: result.outcome === 'open' ? result.ms : Math.round(performance.now() - started) })
    }
    const attempt = (): void => {
      if (settled) return
      connectTcp(address, port, { signal, giveUp: local.signal }).then(
        (result) => {
          pending -= 1
          if (result.outcome !== 'timeout') return finish(result)
          lastFailure = result
          if (pending === 0) finish(lastFailure)
        },
        (error: Error) => finish(error),
      )
    }
    if (giveUp.aborted) return onGiveUp()
    giveUp.addEventListener('abort', onGiveUp, { once: true })
    attempt()
    for (let i = 1; i < attempts; i += 1) timers.push(setTimeout(attempt, i * staggerMs))
  })
}

/**
 * One address, as every probe and pre-connect does it: two staggered attempts, given up by the
 * patience of the address's own family (a dead IPv6 is not waited on once IPv4 answered), and a
 * successful connect's round trip observed, so the connects still waiting are judged by it.
 */
export async function connectPatiently(address: string, port: number, patience: Patience, signal: AbortSignal): Promise<ConnectResult> {
  const family = net.isIPv6(address) ? 6 : 4
  const giveUp = patience.giveUp(performance.now(), family)
  let result: ConnectResult
  try {
    result = await connectStaggered(address, port, { attempts: 2, staggerMs: 250, signal, giveUp: giveUp.signal })
  } finally {
    giveUp.dispose()
  }
  if (result.outcome === 'open') patience.observe(result.ms, family)
  return result
}
