// The pure classifier: library and server facts in, one code and one paragraph out. Cases follow
// nodemailer's error matrix (toolchain.md §5), imapflow's error fields and the provider replies in
// field-notes.md ("Authentication in 2026").
import { describe, expect, it } from 'vitest'
import {
  classifySendError, cleanReply, emptyFacts, looksLikeInterception, parseEndpointSpec, socketMismatch,
  type SendErrorFacts, type SendProblemCode,
} from '@shared/send'

const base = emptyFacts({ service: 'smtp', stage: 'connect', host: 'smtp.example.com', port: 587, socket: 'STARTTLS', auth: 'password' })
const facts = (over: Partial<SendErrorFacts>): SendErrorFacts => ({ ...base, ...over })

describe('classifySendError', () => {
  it.each<[string, Partial<SendErrorFacts>, SendProblemCode]>([
    ['535 wrong password', { stage: 'auth', code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Error: authentication failed', command: 'AUTH PLAIN' }, 'auth-failed'],
    ['Microsoft 535 5.7.139', { stage: 'auth', code: 'EAUTH', responseCode: 535, response: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.', command: 'AUTH LOGIN' }, 'basic-auth-disabled'],
    ['Microsoft 550 5.7.30', { stage: 'auth', code: 'EAUTH', responseCode: 550, response: '550 5.7.30 Basic authentication is not supported for Client Submission.', command: 'AUTH LOGIN' }, 'basic-auth-disabled'],
    ['Gmail 534 5.7.9', { host: 'smtp.gmail.com', stage: 'auth', code: 'EAUTH', responseCode: 534, response: '534-5.7.9 Application-specific password required.', command: 'AUTH PLAIN' }, 'app-password-required'],
    ['530 at MAIL FROM', { stage: 'envelope', code: 'EENVELOPE', responseCode: 530, response: '530 5.7.0 Authentication required', command: 'MAIL FROM' }, 'auth-required'],
    ['553 at MAIL FROM', { stage: 'envelope', code: 'EENVELOPE', responseCode: 553, response: '553 5.7.1 Sender address rejected', command: 'MAIL FROM' }, 'sender-denied'],
    ['550 relay at RCPT TO', { stage: 'envelope', code: 'EENVELOPE', responseCode: 550, response: '550 5.7.1 Relaying denied', command: 'RCPT TO' }, 'relay-denied'],
    ['554 relay at RCPT TO', { stage: 'data', code: 'EENVELOPE', responseCode: 554, response: '554 5.7.1 Relay access denied', command: 'RCPT TO' }, 'relay-denied'],
    ['550 unknown user at RCPT TO', { stage: 'envelope', code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown', command: 'RCPT TO' }, 'recipient-rejected'],
    ['554 after DATA', { stage: 'data', code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Spam', command: 'DATA' }, 'message-rejected'],
    ['421 at greeting', { code: 'EPROTOCOL', responseCode: 421, response: '421 4.7.0 Try again later', command: 'CONN' }, 'server-busy'],
    ['451 greylisting', { stage: 'envelope', code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 Greylisted', command: 'RCPT TO' }, 'temporary-failure'],
    ['wrong version number', { socket: 'SSL', code: 'ESOCKET', originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number', command: 'CONN' }, 'tls-on-starttls-port'],
    ['greeting timeout on 465', { port: 465, code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', message: 'Greeting never received' }, 'plaintext-on-tls-port'],
    ['greeting timeout, port proven TLS', { port: 2465, code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', portSpeaksTls: true }, 'plaintext-on-tls-port'],
    ['greeting timeout elsewhere', { port: 2525, code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', portSpeaksTls: false }, 'greeting-timeout'],
    ['STARTTLS missing', { code: 'ETLS', responseCode: 500, response: '500 Unknown command', command: 'STARTTLS' }, 'starttls-missing'],
    ['self-signed', { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'cert-self-signed'],
    ['expired', { code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }, 'cert-expired'],
    ['wrong host', { code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'cert-wrong-host'],
    ['unknown authority', { code: 'ESOCKET', originalCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }, 'cert-untrusted'],
    ['chain with an antivirus root', { code: 'ESOCKET', originalCode: 'SELF_SIGNED_CERT_IN_CHAIN', certificate: { issuer: 'CN=Avast Web/Mail Shield Root', subject: 'CN=smtp.example.com', verifyError: 'SELF_SIGNED_CERT_IN_CHAIN' } }, 'cert-intercepted'],
    ['Kaspersky', { code: 'ESOCKET', originalCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', certificate: { issuer: 'CN=Kaspersky Anti-Virus Personal Root Certificate', subject: '', verifyError: null } }, 'cert-intercepted'],
    ['refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'connection-refused'],
    ['unreachable', { code: 'ESOCKET', originalCode: 'EHOSTUNREACH' }, 'network-unreachable'],
    ['connect timeout', { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }, 'connection-timeout'],
    ['hung up', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'connection-lost'],
    ['DNS (nodemailer)', { code: 'EDNS', originalCode: 'ENOTFOUND' }, 'dns-failed'],
    ['DNS (ClearPort resolver)', { stage: 'resolve', code: 'EDNS', originalCode: 'ENOTFOUND' }, 'dns-failed'],
    ['ClearPort deadline', { deadline: { step: 'connect', ms: 20000 } }, 'deadline'],
    ['plaintext refused', { stage: 'auth', code: 'CLEARPORT_PLAINTEXT' }, 'plaintext-auth-refused'],
    ['not delivered', { service: 'imap', stage: 'imap-search', code: 'CLEARPORT_NOT_DELIVERED' }, 'not-delivered'],
    ['IMAP NO [AUTHENTICATIONFAILED]', { service: 'imap', stage: 'imap-connect', authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED', response: 'Authentication failed.', command: 'AUTHENTICATE PLAIN' }, 'auth-failed'],
    ['IMAP Gmail app password', { service: 'imap', host: 'imap.gmail.com', stage: 'imap-connect', authenticationFailed: true, serverResponseCode: 'ALERT', response: 'Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)', command: 'LOGIN' }, 'app-password-required'],
    ['IMAP certificate', { service: 'imap', stage: 'imap-connect', code: 'CERT_HAS_EXPIRED' }, 'cert-expired'],
    ['nothing known', { message: 'odd' }, 'internal'],
  ])('%s → %s', (_name, over, code) => {
    const problem = classifySendError(facts(over))
    expect(problem.code).toBe(code)
    expect(problem.title.length).toBeGreaterThan(10)
    expect(problem.advice.length).toBeGreaterThan(20)
  })

  it('refused and timed-out connections point to the port check; certificate problems promise no password was sent', () => {
    expect(classifySendError(facts({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).seeAlso).toBe('port25')
    expect(classifySendError(facts({ code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' })).seeAlso).toBe('port25')
    expect(classifySendError(facts({ code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' })).advice).toMatch(/stopped before sending your password/)
  })

  it('Gmail 535 gets the app-password hint; an OAuth2 refusal gets token advice', () => {
    const gmail = classifySendError(facts({ host: 'smtp.gmail.com', stage: 'auth', code: 'EAUTH', responseCode: 535, response: '535-5.7.8 Username and Password not accepted. https://support.google.com/mail/?p=BadCredentials', command: 'AUTH PLAIN' }))
    expect(gmail.code).toBe('auth-failed')
    expect(gmail.advice).toMatch(/app password/)
    const token = classifySendError(facts({ auth: 'oauth2', stage: 'auth', code: 'EAUTH', responseCode: 535, response: '535 5.7.3 Authentication unsuccessful', command: 'AUTH XOAUTH2' }))
    expect(token.advice).toMatch(/Tokens expire/)
  })

  it('keeps hostile server text harmless: control characters replaced, length bounded', () => {
    const problem = classifySendError(facts({ stage: 'auth', code: 'EAUTH', responseCode: 535, response: `535 \u001b[31mred\u0007 ${'x'.repeat(1000)}`, command: 'AUTH PLAIN' }))
    // eslint-disable-next-line no-control-regex
    expect(problem.response).not.toMatch(/[\x00-\x1f]/)
    expect(problem.response!.length).toBeLessThanOrEqual(300)
  })
})

describe('endpoint specs and conventions', () => {
  it.each([
    ['smtp.example.com:465:SSL', { host: 'smtp.example.com', port: 465, socket: 'SSL' }],
    ['SMTP.Example.COM:587:starttls', { host: 'smtp.example.com', port: 587, socket: 'STARTTLS' }],
    ['[2001:db8::1]:465:tls', { host: '2001:db8::1', port: 465, socket: 'SSL' }],
    ['mail.bücher.example:993:SSL', { host: 'mail.xn--bcher-kva.example', port: 993, socket: 'SSL' }],
    ['127.0.0.1:2525:plain', { host: '127.0.0.1', port: 2525, socket: 'plain' }],
  ])('%s', (text, value) => {
    expect(parseEndpointSpec(text, '--smtp')).toEqual({ ok: true, value })
  })

  it.each([
    ['smtp.example.com:465', /must look like HOST:PORT:SSL/],
    ['smtp.example.com:0:SSL', /out of range/],
    ['smtp.example.com:465:SSLv3', /is not SSL, STARTTLS or plain/],
    [':465:SSL', /empty/],
  ])('%s is refused', (text, message) => {
    const parsed = parseEndpointSpec(text, '--smtp')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(message)
  })

  it('names a socket type that contradicts the port (RFC 8314)', () => {
    expect(socketMismatch('smtp', { host: 'h', port: 465, socket: 'STARTTLS' })).toMatch(/greeting never comes/)
    expect(socketMismatch('smtp', { host: 'h', port: 587, socket: 'SSL' })).toMatch(/wrong version number/)
    expect(socketMismatch('imap', { host: 'h', port: 993, socket: 'plain' })).toMatch(/993/)
    expect(socketMismatch('smtp', { host: 'h', port: 587, socket: 'STARTTLS' })).toBeNull()
  })

  it('recognises interception roots by name, not ordinary authorities', () => {
    for (const issuer of ['CN=Avast Web/Mail Shield Root', 'CN=AVG Web/Mail Shield Root', 'O=ESET, spol. s r.o., CN=ESET SSL Filter CA', 'CN=Bitdefender Personal CA.Net-Defender', 'CN=Kaspersky Anti-Virus Personal Root']) {
      expect(looksLikeInterception(issuer), issuer).toBe(true)
    }
    for (const issuer of ["CN=R11, O=Let's Encrypt", 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1', 'CN=GTS CA 1C3, O=Google Trust Services LLC', 'CN=Reset CA']) {
      expect(looksLikeInterception(issuer), issuer).toBe(false)
    }
    expect(cleanReply('  ')).toBeNull()
  })
})
