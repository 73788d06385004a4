// Fixtures for the sign-in and test-send tests: the test account and its canaries
// (test-account.ts), the SMTP server that knows that account (the one SMTP server, smtp.ts, with
// AUTH PLAIN/LOGIN/XOAUTH2), and requests built from the shared types.
import type { SendEndpoint, SendRequest } from '@shared/send'
import { startSmtp, type RunningSmtp, type SmtpSetup } from './smtp'
import { USER } from './test-account'

export { CANARY_PASSWORD, CANARY_TOKEN, USER } from './test-account'
export type { ListenerKind, Received } from './smtp'

export type MailServer = RunningSmtp
export type ServerOptions = SmtpSetup & { kind: NonNullable<SmtpSetup['kind']> }

/** A provider's submission server where the test account signs in. */
export function startMailServer(setup: ServerOptions): Promise<MailServer> {
  return startSmtp({ name: 'mx.example.test', accounts: 'test', ...setup })
}

export function makeRequest(smtp: SendEndpoint, overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    address: USER,
    smtp,
    imap: null,
    username: USER,
    auth: 'password',
    mechanism: null,
    to: USER,
    mode: 'check',
    readBack: false,
    deleteAfter: false,
    allowPlaintextAuth: false,
    ...overrides,
  }
}

/** The error smtp-server sends for a callback error with this code and text. */
export function reply(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code })
}
