// The probe pipeline names what ended a probe once for SMTP, IMAP and POP3 (probe/failure.ts) and
// words a failed connect once (pipeline.ts). Pure functions: every rule is fed the error it
// names, and each protocol's own parse errors must still win over the common rules.
import { describe, expect, it } from 'vitest'
import { DeadlineError } from '../../electron/engine/deadline'
import { classifyMailboxError, MailboxProtocolError } from '../../electron/engine/mailbox/classify'
import { LineLimitError } from '../../electron/engine/mailbox/line-assembler'
import { ConnectionClosedError } from '../../electron/engine/net/framed-connection'
import { TLS_AFTER_INJECTION, TlsHandshakeError } from '../../electron/engine/net/tls'
import { classifyConversationError } from '../../electron/engine/probe/failure'
import { connectFailure } from '../../electron/engine/probe/pipeline'

const noNames = { implicitTlsPorts: '465', named: () => null }

describe('one failure classifier for every conversation', () => {
  it('a silent greeting is a greeting timeout with the protocol’s implicit-TLS ports', () => {
    expect(classifyConversationError(new DeadlineError('greeting', 800), 'greeting', noNames)).toEqual({
      code: 'greeting-timeout',
      message: 'no answer within 800 ms (greeting) — if this is an implicit-TLS port (465), the client must start with TLS',
    })
    expect(classifyMailboxError(new DeadlineError('greeting', 800), 'greeting').message).toContain('(993, 995)')
  })

  it('other deadlines are named by their step', () => {
    expect(classifyConversationError(new DeadlineError('tls', 5000), 'tls', noNames).code).toBe('tls-timeout')
    expect(classifyConversationError(new DeadlineError('ehlo', 4000), 'ehlo', noNames)).toEqual({ code: 'reply-timeout', message: 'no answer within 4000 ms (ehlo)' })
  })

  it('a handshake that fails after injected bytes is the injection, else a TLS failure', () => {
    const failed = new TlsHandshakeError('TLS handshake failed: wrong version number', null)
    expect(classifyConversationError(failed, TLS_AFTER_INJECTION, noNames).code).toBe('starttls-injection')
    expect(classifyConversationError(failed, 'tls', noNames)).toEqual({ code: 'tls-failed', message: failed.message })
  })

  it('a closed or reset connection says at which step', () => {
    expect(classifyConversationError(new ConnectionClosedError('the server closed the connection', false), 'ehlo', noNames)).toEqual({ code: 'closed', message: 'the server closed the connection (ehlo)' })
    expect(classifyConversationError(new ConnectionClosedError('the server reset the connection', true), 'capa', noNames).code).toBe('reset')
  })

  it('the protocol’s own errors are named before the common fallback', () => {
    expect(classifyMailboxError(new LineLimitError('a line is longer than 8192 bytes'), 'greeting').code).toBe('reply-too-large')
    expect(classifyMailboxError(new MailboxProtocolError('the server said goodbye', 'greeting-refused'), 'capability').code).toBe('greeting-refused')
    expect(classifyConversationError(new Error('odd'), 'ehlo', noNames)).toEqual({ code: 'protocol', message: 'odd' })
  })
})

describe('a failed connect is worded once', () => {
  it('silence, a refusal and an ICMP error', () => {
    expect(connectFailure({ outcome: 'timeout', ms: 1250, errorCode: null })).toEqual({ code: 'timeout', message: 'no answer within 1250 ms (dropped?)' })
    expect(connectFailure({ outcome: 'refused', ms: 1, errorCode: 'ECONNREFUSED' })).toEqual({ code: 'refused', message: 'refused (ECONNREFUSED)' })
    expect(connectFailure({ outcome: 'unreachable', ms: 3, errorCode: null })).toEqual({ code: 'unreachable', message: 'unreachable' })
  })
})
