// The IMAP read-back (imapflow) against scripted hostile IMAP servers on loopback (issue 14,
// items 3 and 7): every failure gets the name the IMAP probe gives the same server, never
// `internal` or `greeting-timeout`, and a STARTTLS left unanswered ends at its own step deadline.
import net from 'node:net'
import { beforeAll, describe, expect, it } from 'vitest'
import { imapProbe } from '../../electron/engine/mailbox/imap-probe'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend } from '../../electron/engine/send/run'
import { closedAfterAll } from '../helpers/cleanup'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { onLines, startScriptedServer } from '../helpers/scripted-server'
import { CANARY_PASSWORD, USER, makeRequest, startMailServer, type MailServer } from '../helpers/send-fixtures'

const keep = closedAfterAll()
let pki: TestPki
let smtp: MailServer
beforeAll(async () => {
  pki = await makeTestPki()
  smtp = keep(await startMailServer({ kind: 'ssl', keyCert: pki.good }))
})

interface ImapScript {
  greeting: string
  capability?: string
  /** The whole answer to STARTTLS (`TAG` is replaced by the command's tag); absent: silence. */
  starttls?: string | null
}

async function imapServer(script: ImapScript): Promise<number> {
  const server = keep(await startScriptedServer((socket: net.Socket) => {
    socket.write(script.greeting)
    onLines(socket, (line) => {
      const [tag = '*', verb = ''] = line.split(' ')
      const v = verb.toUpperCase()
      if (v === 'CAPABILITY') socket.write(`${script.capability ?? '* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED'}\r\n${tag} OK done\r\n`)
      else if (v === 'STARTTLS' && script.starttls !== null) socket.write((script.starttls ?? 'TAG OK go\r\n').replace('TAG', tag))
      else if (v === 'LOGOUT') socket.end(`* BYE\r\n${tag} OK bye\r\n`)
      else if (v === 'ID') socket.write(`* ID NIL\r\n${tag} OK\r\n`)
      else if (v !== 'STARTTLS') socket.write(`${tag} BAD what\r\n`)
    })
  }))
  return server.port
}

async function readBackCode(port: number, starttlsMs = 800): Promise<{ code: string | undefined; stage: string | undefined; ms: number; title: string | undefined }> {
  const t0 = performance.now()
  const result = await testSend({
    request: makeRequest(smtp.endpoint, { mode: 'send', readBack: true, imap: { host: '127.0.0.1', port, socket: 'STARTTLS' } }),
    credentials: suppliedPassword(USER, CANARY_PASSWORD),
    ca: [pki.ca],
    imapTimeouts: { starttls: starttlsMs, connect: 20_000 },
    readBackWaitMs: 500,
  })
  expect(result.smtp.accepted).toEqual([USER])
  return { code: result.problem?.code, stage: result.problem?.stage, ms: performance.now() - t0, title: result.problem?.title }
}

async function probeCode(port: number): Promise<string | undefined> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s))
    s.once('error', reject)
  })
  const result = await imapProbe(socket, { host: '127.0.0.1', mode: 'starttls', signal: new AbortController().signal, transcript: [], deadlines: { greeting: 800, reply: 800, tls: 800 } })
  return result.error?.code
}

describe('the read-back names what the IMAP server did, as the probe does', () => {
  it.each([
    ['a BYE greeting', { greeting: '* BYE Too many connections\r\n' }, 'greeting-refused'],
    ['a PREAUTH greeting without TLS', { greeting: '* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] you are in\r\n' }, 'preauth-plaintext'],
    ['STARTTLS not offered', { greeting: '* OK ready\r\n', capability: '* CAPABILITY IMAP4rev1 AUTH=PLAIN' }, 'starttls-missing'],
    ['STARTTLS refused', { greeting: '* OK ready\r\n', starttls: 'TAG NO [UNAVAILABLE] TLS is down\r\n' }, 'starttls-refused'],
    ['data injected after the STARTTLS OK', { greeting: '* OK ready\r\n', starttls: 'TAG OK begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n' }, 'starttls-injection'],
  ])('%s', async (_name, script, code) => {
    const port = await imapServer(script)
    const readBack = await readBackCode(port)
    expect(readBack).toMatchObject({ code, stage: 'imap-connect' })
    expect(await probeCode(port)).toBe(code)
  })

  it('a literal of 999,999,999 bytes is an answer too large, not internal', async () => {
    const port = await imapServer({ greeting: '* OK ready\r\n', capability: '* CAPABILITY {999999999}' })
    expect(await readBackCode(port)).toMatchObject({ code: 'reply-too-large', stage: 'imap-connect' })
  })

  it('STARTTLS that never gets its tagged answer ends at its own step deadline', async () => {
    const port = await imapServer({ greeting: '* OK ready\r\n', starttls: null })
    const outcome = await readBackCode(port, 700)
    expect(outcome).toMatchObject({ code: 'deadline', stage: 'imap-connect' })
    expect(outcome.title).toMatch(/700 ms \(imap-starttls\)/)
    // Far inside the 20 s connect budget: the step deadline, plus the SMTP send before it.
    expect(outcome.ms).toBeLessThan(5000)
  })
})
