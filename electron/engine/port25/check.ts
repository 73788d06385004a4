// The port-25 check: plan the probes from the target set, run them all in parallel (each
// streaming its evidence as it lands), then interpret with the pure verdict rules.
import type { Port25Report, ProbeRecord } from '@shared/model'
import { familyAdvice, familyHeadline, findingsOf } from '@shared/advice-families'
import { defaultTargets, type ProviderTarget, type TargetSet } from '@shared/targets'
import { submissionStatus } from '@shared/verdict'
import { decideVerdict } from '@shared/verdict-families'
import { BadInputError } from '@shared/input-error'
import { parseEmailAddress } from '@shared/validate'
import { abortReason, isCancel, scope, withDnsDeadline } from '../deadline'
import type { ProbeSecurity } from '../probe/pipeline'
import { probeSmtpAddresses } from '../probe/records'
import { defaultSmtpDeadlines, type SmtpDeadlines } from '../smtp/session'
import { Patience, type PatienceRule } from '../net/patience'
import { dnsFailureOf } from '../net/dns'
import { WatchedDns } from './watched-dns'

// Its home is shared/input-error.ts; callers written before the move import it from here.

export type Port25Progress =
  | { type: 'phase'; phase: 'resolving' | 'probing' | 'deciding'; detail: string }
  | { type: 'probe'; probe: ProbeRecord }

export interface Port25Options {
  /** The person's address: the MX of its domain is probed on 25 as well. */
  address?: string
  /** DNS server "HOST:PORT" (validated); default the system's. */
  dnsServer?: string
  targets?: TargetSet
  signal?: AbortSignal
  onProgress?: (event: Port25Progress) => void
  /** The silent-connect rule; `{ fixedMs }` reproduces a fixed-timeout client (the benchmark's baseline). */
  patience?: PatienceRule | { fixedMs: number }
  /** Whole-check deadline. */
  overallMs?: number
  deadlines?: Partial<SmtpDeadlines>
  /** Extra trusted roots (tests). */
  ca?: string[]
}

const SECURITY_BY_PORT: Record<number, ProbeSecurity> = { 25: 'plain', 587: 'STARTTLS', 2525: 'STARTTLS', 465: 'SSL', 443: 'tcp' }

export async function checkPort25(options: Port25Options = {}): Promise<Port25Report> {
  const startedAt = new Date().toISOString()
  const t0 = performance.now()
  let ownDomain: string | null = null
  if (options.address !== undefined && options.address.trim() !== '') {
    const parsed = parseEmailAddress(options.address)
    if (!parsed.ok) throw new BadInputError(parsed.message, 'address')
    ownDomain = parsed.value.asciiDomain
  }
  const targets = options.targets ?? defaultTargets
  const patience = new Patience(options.patience)
  const dns = new WatchedDns({ server: options.dnsServer }, (ms) => patience.observeDns(ms))
  const greetingMs = options.deadlines?.greeting ?? defaultSmtpDeadlines.greeting
  const overall = scope(options.signal, options.overallMs ?? 25_000, 'port-25 check')
  const signal = overall.signal
  const probes: ProbeRecord[] = []
  const progress = options.onProgress ?? (() => {})
  const onRecord = (probe: ProbeRecord): void => {
    explain(probe)
    probes.push(probe)
    progress({ type: 'probe', probe })
  }
  // Words for two cases the generic probe cannot know: a port-25 server that took the connection
  // and never greeted (the probe's hint about implicit TLS does not apply to 25), and a connect
  // given up because its whole family is down rather than for its own silence.
  const explain = (probe: ProbeRecord): void => {
    if (probe.service === 25 && probe.outcome === 'open' && probe.banner === null && probe.note?.includes('(greeting)')) {
      probe.note = `connected, but no greeting within ${greetingMs} ms`
    }
    const family = probe.family
    if (probe.outcome === 'timeout' && family !== null && patience.downFamilies.includes(family)) {
      const name = family === 4 ? 'IPv4' : 'IPv6'
      probe.note = `given up after ${probe.ms} ms: no ${name} connection was answered at all (${name} does not work on this network)`
    }
  }
  const common = { dns, patience, signal, onRecord, deadlines: options.deadlines, ca: options.ca }

  const probeMx = async (provider: string, domain: string, role: 'target' | 'own'): Promise<void> => {
    const unresolved = (note: string, error?: unknown): void =>
      onRecord({
        id: `25-${domain}-mx`,
        role,
        provider,
        kind: 'smtp',
        host: domain,
        address: null,
        family: null,
        port: targets.targetPort,
        service: 25,
        outcome: 'dns-error',
        ms: 0,
        banner: null,
        startTls: null,
        tls: null,
        note,
        ...(error === undefined ? {} : { dnsFailure: dnsFailureOf(error) }),
      })
    let hosts: string[]
    try {
      const mx = await withDnsDeadline(signal, (s) => dns.mx(domain, s))
      // The most preferred MX host is the one a sending server would use first.
      hosts = mx.slice(0, 1).map((record) => record.exchange)
    } catch (error) {
      if (isCancel(error)) throw error
      return unresolved((error as Error).message, error)
    }
    if (hosts.length === 0) return unresolved(`${domain} publishes no mail server (MX)`)
    await Promise.all(hosts.map((host) => probeSmtpAddresses({ ...common, host, port: targets.targetPort, service: 25, security: 'plain', role, provider })))
  }

  const probeControl = async (provider: ProviderTarget, control: ProviderTarget['controls'][number]): Promise<void> => {
    const port = targets.controlPortMap[String(control.port)] ?? control.port
    const security = SECURITY_BY_PORT[control.port] ?? 'tcp'
    await probeSmtpAddresses({ ...common, host: control.host, port, service: control.port, security, role: 'control', provider: provider.provider })
  }

  try {
    progress({ type: 'phase', phase: 'probing', detail: `probing ${targets.providers.length} providers` })
    const tasks: Promise<void>[] = []
    for (const provider of targets.providers) {
      if (provider.mxDomain) tasks.push(probeMx(provider.provider, provider.mxDomain, 'target'))
      for (const control of provider.controls) tasks.push(probeControl(provider, control))
    }
    if (ownDomain) tasks.push(probeMx(`your domain (${ownDomain})`, ownDomain, 'own'))
    const settled = await Promise.allSettled(tasks)
    if (options.signal?.aborted) throw abortReason(options.signal)
    const crashed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (crashed && isCancel(crashed.reason)) throw crashed.reason
    if (crashed) throw crashed.reason
  } finally {
    overall.dispose()
    dns.dispose()
  }

  progress({ type: 'phase', phase: 'deciding', detail: `${probes.length} probes done` })
  const facts = decideVerdict(probes, targets.providers)
  const submission = submissionStatus(probes)
  return {
    direction: 'outbound',
    verdict: facts.verdict,
    how: facts.how,
    families: facts.families,
    findings: findingsOf(facts),
    headline: familyHeadline(facts, probes, patience.cutoffMs, greetingMs),
    advice: familyAdvice(facts, submission),
    notes: facts.notes,
    submission,
    probes,
    silentCutoffMs: patience.cutoffMs,
    startedAt,
    elapsedMs: Math.round(performance.now() - t0),
  }
}
