// The shared words: the network answer leads with the port to send on, a sending port that fails
// while another works is no alarm, and sentences are filled whole (a missing gap is an error).
import { describe, expect, it } from 'vitest'
import type { SubmissionPortStatus } from '@shared/model'
import { fill } from '@shared/words/fill'
import { portState, sendingWords } from '@shared/words/network'

const port = (p: 465 | 587 | 2525, usable: boolean | null): SubmissionPortStatus => ({ port: p, usable, evidence: [], summary: '' })

describe('the network answer', () => {
  it('names 465 first, then 587, then 2525', () => {
    expect(sendingWords({ verdict: 'blocked', submission: [port(587, true), port(465, true), port(2525, true)] }).title).toBe('You can send mail from here: use port 465')
    expect(sendingWords({ verdict: 'open', submission: [port(587, true), port(465, false), port(2525, null)] }).title).toBe('You can send mail from here: use port 587')
    expect(sendingWords({ verdict: 'open', submission: [port(587, false), port(465, false), port(2525, true)] }).line).toContain('port 2525')
  })

  it('keeps intercepted and stripped a warning, and says when nothing can send', () => {
    expect(sendingWords({ verdict: 'intercepted', submission: [port(465, true)] }).answer).toBe('works-careful')
    expect(sendingWords({ verdict: 'stripped', submission: [port(465, true)] }).answer).toBe('works-careful')
    expect(sendingWords({ verdict: 'blocked', submission: [port(465, false), port(587, false)] })).toMatchObject({ answer: 'no-port', title: 'A mail program cannot send mail from this network' })
    expect(sendingWords({ verdict: 'offline', submission: [port(465, false)] }).answer).toBe('offline')
    expect(sendingWords({ verdict: 'open', submission: [port(465, null)] }).answer).toBe('unknown')
  })

  it('a sending port that fails is red only when no other works', () => {
    const good = { submission: [port(465, true), port(2525, false)] }
    expect(portState(good, false)).toBe('not-needed')
    expect(portState({ submission: [port(465, false), port(2525, false)] }, false)).toBe('blocked')
    expect(portState(good, null)).toBe('not-tested')
    expect(portState(good, true)).toBe('works')
  })

  it('no jargon in any answer', () => {
    for (const verdict of ['open', 'blocked', 'intercepted', 'stripped', 'offline', 'inconclusive'] as const) {
      for (const submission of [[port(465, true)], [port(465, false)], [port(465, null)]]) {
        const w = sendingWords({ verdict, submission })
        expect(`${w.title} ${w.line}`).not.toMatch(/smarthost|ECONNREFUSED|first byte|TLS/)
      }
    }
  })
})

describe('fill', () => {
  it('fills named gaps and refuses a missing one', () => {
    expect(fill('use port {port} on {host}', { port: 465, host: 'smtp.example.test' })).toBe('use port 465 on smtp.example.test')
    expect(() => fill('use port {port}', {})).toThrow('no value for {port}')
  })
})
