// What a report is made of. Discovery's result is its own `DiscoveryReport` (shared/discovery.ts).
// The test send is read through the small shape below; `sendForReport` (send-report.ts) maps
// test-send's own `SendResult` (shared/send.ts) onto it, keeping the report schema small.
import type { DiscoveryReport } from '../discovery'
import type { Port25Report, TranscriptLine } from '../model'
import type { AccountSettings } from '../settings'

/** One step of the test send (connect, TLS, sign-in, send, read back) and how long it took. */
export interface ReportSendStep {
  name: string
  ok: boolean
  ms: number
  detail?: string
}

export interface ReportSend {
  ok: boolean
  summary: string
  steps: ReportSendStep[]
  /** Warnings and advice worth a line each. */
  notes?: string[]
  elapsedMs?: number
}

export interface ReportInput {
  account?: AccountSettings
  port25?: Port25Report
  discovery?: DiscoveryReport
  send?: ReportSend
  transcript?: TranscriptLine[]
}

/** The report without the account (the account is checked on its own). */
export type ReportParts = Omit<ReportInput, 'account'>
