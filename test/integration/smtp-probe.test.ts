// The probe engine against real servers on loopback: smtp-server for well-behaved endpoints,
// scripted raw servers for hostile ones. Every hostile case must end by its deadline with a
// classified outcome.
import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { probeSmtpEndpoint } from '../../electron/engine/endpoint'
import { closedAfterAll } from '../helpers/cleanup'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { every, onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server'
import { startSmtp, type RunningSmtp } from '../helpers/smtp'

const FAST = { greeting: 600, ehlo: 600, starttls: 600, tls: 600 }
const SLACK_MS = 700

const pki: TestPki = await makeTestPki()
const keep = closedAfterAll()
const smtp = async (options: Parameters<typeof startSmtp>[0]): Promise<RunningSmtp> => keep(await startSmtp(options))
const scripted = async (script: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> => keep(await startScriptedServer(script))

function probe(port: number, security: 'plain' | 'STARTTLS' | 'SSL', host = '127.0.0.1') {
  return probeSmtpEndpoint({ host, port, security, ca: [pki.ca], deadlines: FAST, connectTimeoutMs: 2000 })
}

describe('well-behaved servers', () => {
  it('STARTTLS: capabilities before and after TLS, certificate verified', async () => {
    const server = await smtp({ keyCert: pki.good, name: 'mx.provider-a.test' })
    const report = await probe(server.port, 'STARTTLS')
    expect(report.ok).toBe(true)
    expect(report.attempts[0]).toMatchObject({ outcome: 'open', family: 4, startTls: true })
    expect(report.attempts[0]!.banner).toMatch(/^mx\.provider-a\.test/)
    expect(report.capabilitiesBeforeTls?.startTls).toBe(true)
    expect(report.capabilitiesAfterTls?.startTls).toBe(false)
    expect(report.capabilitiesAfterTls?.auth).toEqual(['PLAIN', 'LOGIN'])
    expect(report.tls?.protocol).toMatch(/^TLSv1\.[23]$/)
    expect(report.tls?.certificate).toMatchObject({ verified: true, verifyError: null, subject: 'CN=localhost' })
    expect(report.tls?.certificate?.subjectAltNames).toContain('127.0.0.1')
    expect(report.transcript.map((t) => t.text)).toContain('STARTTLS')
    expect(report.transcript.at(-1)?.text).toMatch(/^221/)
  })

  it('implicit TLS (465 style)', async () => {
    const server = await smtp({ kind: 'ssl', keyCert: pki.good, name: 'smtp.provider-a.test' })
    const report = await probe(server.port, 'SSL')
    expect(report.ok).toBe(true)
    expect(report.attempts[0]!.kind).toBe('smtps')
    expect(report.tls?.certificate?.verified).toBe(true)
    expect(report.capabilitiesBeforeTls?.auth).toContain('PLAIN')
  })

  it('IPv6 loopback works like IPv4', async () => {
    const server = await smtp({ keyCert: pki.good, name: 'v6.test', address: '::1' })
    const report = await probeSmtpEndpoint({ host: '::1', port: server.port, security: 'plain', deadlines: FAST })
    expect(report.attempts[0]).toMatchObject({ family: 6, address: '::1', outcome: 'open' })
    expect(report.ok).toBe(true)
  })

  it('a closed port is refused within milliseconds', async () => {
    const server = await scripted(() => {})
    const port = server.port
    await server.close()
    const report = await probe(port, 'plain')
    expect(report.attempts[0]).toMatchObject({ outcome: 'refused' })
    expect(report.attempts[0]!.ms).toBeLessThan(500)
    expect(report.ok).toBe(false)
  })

  it('plain probe of an implicit-TLS port: greeting timeout, with the reason', async () => {
    const server = await smtp({ kind: 'ssl', keyCert: pki.good })
    const report = await probe(server.port, 'plain')
    expect(report.error?.code).toBe('greeting-timeout')
    expect(report.error?.message).toMatch(/implicit-TLS/)
  })

  it('TLS probe of a STARTTLS port: "wrong version number", explained', async () => {
    const server = await smtp({ keyCert: pki.good })
    const report = await probe(server.port, 'SSL')
    expect(report.ok).toBe(false)
    expect(report.attempts[0]!.note).toMatch(/did not speak TLS/)
  })
})

describe('certificates', () => {
  it.each([
    ['expired', 'CERT_HAS_EXPIRED'],
    ['wrongHost', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['selfSigned', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ] as const)('%s certificate is reported as %s, not trusted', async (variant, code) => {
    const pair = pki[variant]
    const server = await smtp({ kind: 'ssl', keyCert: pair })
    const report = await probe(server.port, 'SSL')
    expect(report.tls?.certificate?.verified).toBe(false)
    expect(report.tls?.certificate?.verifyError).toBe(code)
    expect(report.ok).toBe(false)
    expect(report.attempts[0]!.note).toContain(code)
  })
})

const greet = (socket: import('node:net').Socket, name = 'hostile.test'): void => void socket.write(`220 ${name} ESMTP\r\n`)

describe('hostile servers end by their deadlines with a classified outcome', () => {
  async function timed(port: number, security: 'plain' | 'STARTTLS' | 'SSL' = 'plain') {
    const t0 = performance.now()
    const report = await probe(port, security)
    return { report, ms: performance.now() - t0 }
  }

  it('a greeting trickled byte by byte', async () => {
    const server = await scripted((socket, timers) => {
      const text = '220 slow.test ESMTP '.repeat(1000)
      let i = 0
      every(socket, timers, 20, () => socket.write(text[i++ % text.length]!))
    })
    const { report, ms } = await timed(server.port)
    expect(report.error?.code).toBe('greeting-timeout')
    expect(ms).toBeLessThan(FAST.greeting + SLACK_MS)
  })

  it('an EHLO reply trickled forever (1 KB every 50 ms)', async () => {
    const server = await scripted((socket, timers) => {
      greet(socket)
      onLines(socket, (line) => {
        if (line.startsWith('EHLO')) every(socket, timers, 50, () => socket.write(`250-${'A'.repeat(1018)}\r\n`))
      })
    })
    const { report, ms } = await timed(server.port)
    expect(['reply-timeout', 'protocol']).toContain(report.error?.code)
    expect(ms).toBeLessThan(FAST.greeting + FAST.ehlo + SLACK_MS)
  })

  it('a 100 KB reply line', async () => {
    const server = await scripted((socket) => void socket.write(`220 ${'x'.repeat(100_000)}\r\n`))
    const { report } = await timed(server.port)
    expect(report.error).toMatchObject({ code: 'reply-too-large' })
    expect(report.error?.message).toMatch(/longer than/)
  })

  it('10,000 continuation lines', async () => {
    const server = await scripted((socket) => {
      greet(socket)
      onLines(socket, (line) => {
        if (line.startsWith('EHLO')) socket.write(`${'250-X\r\n'.repeat(10_000)}250 END\r\n`)
      })
    })
    const { report } = await timed(server.port)
    expect(report.error?.code).toBe('reply-too-large')
    expect(report.error?.message).toMatch(/more than \d+ lines/)
  })

  it.each([
    ['454 TLS not available due to temporary reason', 'starttls-refused'],
    ['502 5.5.1 Command not implemented', 'starttls-missing'],
  ])('STARTTLS answered with %s', async (answer, code) => {
    const server = await scripted((socket) => {
      greet(socket)
      onLines(socket, (line) => {
        if (line.startsWith('EHLO')) socket.write('250-hostile.test\r\n250 STARTTLS\r\n')
        if (line === 'STARTTLS') socket.write(`${answer}\r\n`)
        if (line === 'QUIT') socket.end('221 bye\r\n')
      })
    })
    const { report } = await timed(server.port, 'STARTTLS')
    expect(report.error?.code).toBe(code)
    expect(report.capabilitiesBeforeTls?.startTls).toBe(true)
  })

  it('a TLS handshake that never completes', async () => {
    const server = await scripted((socket) => {
      greet(socket)
      onLines(socket, (line) => {
        if (line.startsWith('EHLO')) socket.write('250-hostile.test\r\n250 STARTTLS\r\n')
        if (line === 'STARTTLS') socket.write('220 Go ahead\r\n')
      })
    })
    const { report, ms } = await timed(server.port, 'STARTTLS')
    expect(report.error?.code).toBe('tls-timeout')
    expect(ms).toBeLessThan(FAST.tls + 3 * 100 + SLACK_MS)
  })

  it('an implicit-TLS port that never answers the handshake', async () => {
    const server = await scripted(() => {})
    const { report, ms } = await timed(server.port, 'SSL')
    expect(report.ok).toBe(false)
    expect(report.attempts[0]!.note).toMatch(/no answer within/)
    expect(ms).toBeLessThan(FAST.tls + SLACK_MS)
  })

  it('a reset in the middle of a reply', async () => {
    const server = await scripted((socket) => {
      greet(socket)
      onLines(socket, (line) => {
        if (line.startsWith('EHLO')) {
          socket.write('250-hostile.test\r\n250-PIPE')
          // The script's own pacing: part of the reply first, the reset a moment later.
          setTimeout(() => socket.resetAndDestroy(), 20)
        }
      })
    })
    const { report } = await timed(server.port)
    expect(report.error?.code).toBe('reset')
  })

  it('bytes injected after "220 Ready to start TLS" are discarded, never read as a reply', async () => {
    const server = await scripted((socket) => {
      greet(socket)
      let upgraded = false
      onLines(socket, (line) => {
        if (upgraded) return
        if (line.startsWith('EHLO')) socket.write('250-hostile.test\r\n250 STARTTLS\r\n')
        if (line === 'STARTTLS') {
          upgraded = true
          socket.removeAllListeners('data')
          // One segment: the ready reply plus a forged capability (CVE-2011-0411 style).
          socket.write('220 Ready to start TLS\r\n250-INJECTED\r\n')
          const secure = new tls.TLSSocket(socket, { isServer: true, key: pki.good.key, cert: pki.good.cert })
          secure.on('error', () => {})
          onLines(secure, (l) => {
            if (l.startsWith('EHLO')) secure.write('250-secure.test\r\n250 AUTH PLAIN\r\n')
            if (l === 'QUIT') secure.end('221 bye\r\n')
          })
        }
      })
    })
    const { report } = await timed(server.port, 'STARTTLS')
    expect(report.capabilitiesAfterTls?.domain).toBe('secure.test')
    expect(report.capabilitiesAfterTls?.raw).toEqual(['AUTH PLAIN'])
    expect(JSON.stringify(report.capabilitiesAfterTls)).not.toContain('INJECTED')
    expect(report.attempts[0]!.note).toMatch(/injected before TLS and discarded/)
    expect(report.transcript.some((t) => t.dir === 'info' && /discarded \d+ bytes/.test(t.text))).toBe(true)
  })
})
