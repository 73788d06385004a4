// Weak certificates (issue 14, item 5): a 1024-bit RSA key (which OpenSSL accepts) and a SHA-1
// signature (which Node reports only as "UNSPECIFIED") on a scripted implicit-TLS SMTP server on
// loopback. The probe reports each as a finding under its own name, `send` refuses to sign in,
// and the certificate summary says which store vouched for a good one.
import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { formatEndpoint } from '../../electron/cli/format'
import { probeSmtpEndpoint } from '../../electron/engine/endpoint'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { makeLegacyPki, type KeyCert, type LegacyPki } from '../helpers/pki'
import { closedAfterAll } from '../helpers/cleanup'
import { listenTracked, onLines } from '../helpers/tcp-server'
import { CANARY_PASSWORD, USER, makeRequest } from '../helpers/send-fixtures'

const pki: LegacyPki = await makeLegacyPki()
const keep = closedAfterAll()

/** Implicit-TLS SMTP with the given certificate; the server side allows what clients must judge. */
async function tlsSmtp(keyCert: KeyCert): Promise<{ port: number; auths: () => number }> {
  let auths = 0
  const server = tls.createServer({ key: keyCert.key, cert: keyCert.cert, ciphers: 'DEFAULT@SECLEVEL=0' }, (socket) => {
    socket.on('error', () => {})
    socket.write('220 legacy.test ESMTP\r\n')
    onLines(socket, (line) => {
      const verb = line.split(' ')[0]!.toUpperCase()
      if (verb === 'EHLO') socket.write('250-legacy.test\r\n250 AUTH PLAIN\r\n')
      else if (verb === 'AUTH') {
        auths += 1
        socket.write('235 ok\r\n')
      } else if (verb === 'QUIT') socket.end('221 bye\r\n')
      else socket.write('250 ok\r\n')
    })
  })
  const listening = keep(await listenTracked(server, '127.0.0.1'))
  return { port: listening.port, auths: () => auths }
}

describe('weak certificates are findings, and send refuses them', () => {
  it.each([
    ['a 1024-bit RSA key', 'weakKey', 'EE_KEY_TOO_SMALL', /RSA key is shorter than 2048 bits/],
    ['a SHA-1 signature', 'sha1', 'CA_MD_TOO_WEAK', /signed with SHA-1/],
  ] as const)('%s', async (_name, which, code, reason) => {
    const server = await tlsSmtp(pki[which])
    const report = await probeSmtpEndpoint({ host: '127.0.0.1', port: server.port, security: 'SSL', ca: [pki.ca], connectTimeoutMs: 2000 })
    expect(report.tls?.certificate).toMatchObject({ verified: false, verifyError: code })
    const text = formatEndpoint(report)
    expect(text).toMatch(reason)
    expect(text).not.toMatch(/UNSPECIFIED/)

    const result = await testSend({ request: makeRequest({ host: '127.0.0.1', port: server.port, socket: 'SSL' }), credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [pki.ca] })
    expect(result.problem).toMatchObject({ code: 'cert-weak', stage: 'connect' })
    expect(result.problem?.advice).toMatch(/stopped before sending your password/)
    expect(server.auths()).toBe(0)
  })

  it('the control: a 2048-bit SHA-256 chain verifies, signs in, and names the store that vouched', async () => {
    const server = await tlsSmtp(pki.good)
    const report = await probeSmtpEndpoint({ host: '127.0.0.1', port: server.port, security: 'SSL', ca: [pki.ca], connectTimeoutMs: 2000 })
    expect(report.tls?.certificate).toMatchObject({ verified: true, verifyError: null, trustedBy: 'extra' })
    expect(formatEndpoint(report)).toMatch(/verified by an extra root given to ClearPort/)
    const result = await testSend({ request: makeRequest({ host: '127.0.0.1', port: server.port, socket: 'SSL' }), credentials: suppliedPassword(USER, CANARY_PASSWORD), ca: [pki.ca] })
    expect(result.problem).toBeNull()
    expect(result.smtp.tls?.certificate?.trustedBy).toBe('extra')
    expect(server.auths()).toBe(1)
  })
})
