// Test-send's result (shared/send.ts) as the report shows it: the outcome in one sentence, each
// stage with its time, warnings and advice as notes. The transcript travels separately (the
// report's `transcript`), where it is redacted once more.
import type { SendResult, SendStage } from '../send'
import type { ReportParts, ReportSend } from './report-types'
import { stageWords } from '../words/signin'

export function sendForReport(result: SendResult): ReportSend {
  const where = `${result.request.smtp.host}:${result.request.smtp.port}`
  const read = result.readBack
  let summary: string
  if (!result.ok && result.problem) summary = result.problem.title
  else if (read?.arrived) summary = `Signed in on ${where}, sent the test message and found it in ${read.mailbox ?? 'the mailbox'}${read.deliveryMs !== null ? ` after ${read.deliveryMs} ms` : ''}.`
  else if (result.request.mode === 'check') summary = `Signed in on ${where}; the server accepted the test envelope (nothing was sent).`
  else summary = `Signed in on ${where} and sent the test message${result.smtp.finalReply ? ` (${result.smtp.finalReply})` : ''}.`
  return {
    ok: result.ok,
    summary,
    steps: result.timings.map((t) => ({ name: t.stage, ok: t.ok, ms: t.ms, ...(t.detail ? { detail: t.detail } : {}) })),
    notes: [...(result.problem ? [result.problem.advice] : []), ...result.warnings],
    elapsedMs: result.elapsedMs,
  }
}

/** The report parts for one test send: its summary and its transcript. */
export function sendReportParts(result: SendResult): Pick<ReportParts, 'send' | 'transcript'> {
  return { send: sendForReport(result), transcript: result.transcript }
}

/** Each stage of a test send in words, as the wizard says it too (the data keeps the code). */
export const sendStepWords = stageWords

/** A step's name in words: a stage code becomes its words; any other name is kept as it is. */
export function sendStepName(name: string): string {
  return Object.hasOwn(sendStepWords, name) ? sendStepWords[name as SendStage] : name
}
