// The canary test: one password and one token that must never appear in any output — results,
// transcripts, progress events, thrown errors, handler answers, the command's stdout and stderr,
// or any file — in any form the wire uses (plain, base64, inside SASL PLAIN / XOAUTH2 blobs),
// even when a hostile server echoes what it received back into its reply.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../electron/main/handlers'
import { checkPort25 } from '../../electron/engine/port25/check'
import { suppliedAccessToken, suppliedPassword } from '../../electron/engine/send/credentials'
import { testSend, type TestSendOptions } from '../../electron/engine/send/run'
import type { ProgressEvent } from '@shared/contract'
import { builtCliMissing, runClearport } from '../helpers/clearport-process'
import { startDovecot, type RunningDovecot } from '../helpers/dovecot'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { every, onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server'
import { CANARY_PASSWORD, CANARY_TOKEN, USER, makeRequest, reply, startMailServer, type MailServer } from '../helpers/send-fixtures'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

/** Every form of a secret worth looking for, including its base64 at each byte alignment. */
function forms(secret: string): string[] {
  const found = [secret, b64(secret), b64(`\u0000${USER}\u0000${secret}`), b64(`user=${USER}\u0001auth=Bearer ${secret}\u0001\u0001`), encodeURIComponent(secret)]
  for (const prefix of ['a', 'ab']) found.push(b64(prefix + secret).slice(4, -4))
  return found
}
const CANARY_FORMS = [...forms(CANARY_PASSWORD), ...forms(CANARY_TOKEN)]

function expectNoCanary(label: string, text: string): void {
  const hits = CANARY_FORMS.filter((f) => text.includes(f))
  expect(hits, `${label} leaked a secret form`).toEqual([])
}

let pki: TestPki
let good: MailServer
let echo: MailServer
let selfSigned: MailServer
let plain: MailServer
let trickle: ScriptedServer
let dovecot: RunningDovecot | null = null
let dovecotServer: MailServer | null = null

beforeAll(async () => {
  pki = await makeTestPki()
  ;[good, echo, selfSigned, plain] = await Promise.all([
    startMailServer({ kind: 'starttls', keyCert: pki.good }),
    // Hostile: quotes the password it received, plain and as the PLAIN blob, in its 535 reply.
    startMailServer({
      kind: 'ssl',
      keyCert: pki.good,
      options: {
        onAuth: (auth, _s, cb) =>
          cb(reply(535, `5.7.8 Rejected ${auth.password ?? auth.accessToken ?? ''} ${b64(`\u0000${auth.username}\u0000${auth.password ?? ''}`)}`)),
      },
    }),
    startMailServer({ kind: 'ssl', keyCert: pki.selfSigned }),
    startMailServer({ kind: 'plain' }),
  ])
  trickle = await startScriptedServer((socket, timers) => {
    socket.write('220 trickle.example.test ESMTP\r\n')
    onLines(socket, (line) => {
      if (/^EHLO/i.test(line)) every(socket, timers, 50, () => socket.write('250-trickle\r\n'))
    })
  })
  try {
    dovecot = await startDovecot({ user: USER, password: CANARY_PASSWORD, keyCert: pki.good })
    const d = dovecot
    dovecotServer = await startMailServer({ kind: 'ssl', keyCert: pki.good, deliver: (m) => d.deliver(m.raw) })
  } catch (error) {
    console.warn(`send-secrets: the IMAP scenario is left out — ${error instanceof Error ? error.message : String(error)}`)
  }
})

afterAll(async () => {
  await Promise.all([good, echo, selfSigned, plain, trickle, dovecotServer, dovecot].map((s) => s?.close()))
})

type Scenario = [name: string, build: () => Omit<TestSendOptions, 'credentials' | 'onProgress'>, oauth?: boolean]

const scenarios: Scenario[] = [
  ['check over STARTTLS', () => ({ request: makeRequest(good.endpoint), ca: [pki.ca] })],
  ['send over STARTTLS', () => ({ request: makeRequest(good.endpoint, { mode: 'send' }), ca: [pki.ca] })],
  ['LOGIN mechanism', () => ({ request: makeRequest(good.endpoint, { mechanism: 'LOGIN' }), ca: [pki.ca] })],
  ['a server that echoes the password', () => ({ request: makeRequest(echo.endpoint, { mechanism: 'PLAIN' }), ca: [pki.ca] })],
  ['a server that echoes the token', () => ({ request: makeRequest(echo.endpoint, { auth: 'oauth2', mechanism: 'XOAUTH2' }), ca: [pki.ca] }), true],
  ['a self-signed certificate', () => ({ request: makeRequest(selfSigned.endpoint), ca: [pki.ca] })],
  ['plain text refused', () => ({ request: makeRequest(plain.endpoint) })],
  ['plain text allowed', () => ({ request: makeRequest(plain.endpoint, { allowPlaintextAuth: true }) })],
  ['a trickling server', () => ({ request: makeRequest({ host: '127.0.0.1', port: trickle.port, socket: 'STARTTLS' }), smtpTimeouts: { connect: 600, greeting: 500 } })],
  [
    'read-back through Dovecot',
    () => ({
      request: makeRequest(dovecotServer!.endpoint, { mode: 'send', readBack: true, deleteAfter: true, imap: { host: '127.0.0.1', port: dovecot!.imapsPort, socket: 'SSL' } }),
      ca: [pki.ca],
      pollMs: 100,
    }),
  ],
]

describe('the engine', () => {
  it.each(scenarios)('%s: no secret in the result, transcript, events or errors', async (name, build, oauth) => {
    if (name.includes('Dovecot') && !dovecot) return
    const events: unknown[] = []
    let thrown = ''
    const result = await testSend({
      ...build(),
      credentials: oauth ? suppliedAccessToken(USER, CANARY_TOKEN) : suppliedPassword(USER, CANARY_PASSWORD),
      onProgress: (e) => events.push(e),
    }).catch((error: unknown) => {
      thrown = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)
      return null
    })
    expect(result, thrown).not.toBeNull()
    expectNoCanary(`${name}: result`, JSON.stringify(result))
    expectNoCanary(`${name}: events`, JSON.stringify(events))
    expectNoCanary(`${name}: thrown`, thrown)
    if (name.startsWith('a server that echoes')) {
      // The echo did arrive, masked: proof the redactor, not luck, kept it out.
      expect(result?.problem?.response).toMatch(/\[secret\]/)
    }
  })
})

describe('the app boundary (handlers)', () => {
  it('testSend answers and events carry no secret, and the args are validated', async () => {
    const handlers = createHandlers({ checkPort25, ca: [pki.ca] })
    const events: ProgressEvent[] = []
    const answers = [
      await handlers.testSend({ operationId: 'ts-1', request: makeRequest(good.endpoint, { mode: 'send' }), password: CANARY_PASSWORD }, (e) => events.push(e)),
      await handlers.testSend({ operationId: 'ts-2', request: makeRequest(echo.endpoint), password: CANARY_PASSWORD }, (e) => events.push(e)),
      await handlers.testSend({ operationId: 'ts-3', request: makeRequest(echo.endpoint, { auth: 'oauth2' }), accessToken: CANARY_TOKEN }, (e) => events.push(e)),
      await handlers.testSend({ operationId: 'ts-4', request: makeRequest(good.endpoint), accessToken: CANARY_TOKEN }, () => {}),
      await handlers.testSend({ operationId: 'ts-5', request: { ...makeRequest(good.endpoint), port: 25 }, password: CANARY_PASSWORD }, () => {}),
      await handlers.testSend({ operationId: 'ts-6', request: makeRequest(good.endpoint, { readBack: true }), password: CANARY_PASSWORD }, () => {}),
    ]
    expect(answers[0]).toMatchObject({ ok: true, value: { ok: true } })
    expect(answers[1]).toMatchObject({ ok: true, value: { ok: false, problem: { code: 'auth-failed' } } })
    expect(answers[2]).toMatchObject({ ok: true, value: { ok: false, problem: { code: 'auth-failed' } } })
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'accessToken' } })
    expect(answers[4]).toMatchObject({ ok: false, error: { code: 'bad-input', message: 'Unknown field: port' } })
    expect(answers[5]).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'request.imap' } })
    expect(events.filter((e) => e.type === 'send-stage' && e.operationId === 'ts-1').map((e) => (e.type === 'send-stage' ? `${e.stage}:${e.status}` : ''))).toEqual([
      'resolve:started', 'resolve:done', 'connect:started', 'connect:done', 'auth:started', 'auth:done', 'data:started', 'data:done', 'quit:started', 'quit:done',
    ])
    expectNoCanary('handler answers', JSON.stringify(answers))
    expectNoCanary('handler events', JSON.stringify(events))
  })
})

describe('the command', () => {
  let home: string
  let caFile: string
  beforeAll(async () => {
    const missing = builtCliMissing()
    if (missing) throw new Error(missing)
    home = await mkdtemp(join(tmpdir(), 'clearport-canary-home-'))
    caFile = join(tmpdir(), `clearport-canary-ca-${process.pid}.pem`)
    await writeFile(caFile, pki.ca)
  })
  afterAll(async () => {
    await rm(home, { recursive: true, force: true })
    await rm(caFile, { force: true })
  })

  it('stdout, stderr and every file it could write stay free of the password and token', async () => {
    const env = { NODE_EXTRA_CA_CERTS: caFile, HOME: home, TMPDIR: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home }
    const spec = (s: MailServer): string => `127.0.0.1:${s.port}:${s.endpoint.socket}`
    const runs = await Promise.all([
      runClearport(['send', USER, '--smtp', spec(good), '--password-stdin'], { input: CANARY_PASSWORD, env, cwd: home }),
      runClearport(['send', USER, '--smtp', spec(good), '--no-send', '--json'], { env: { ...env, CLEARPORT_PASSWORD: CANARY_PASSWORD }, cwd: home }),
      runClearport(['send', USER, '--smtp', spec(echo), '--password-stdin', '--json'], { input: CANARY_PASSWORD, env, cwd: home }),
      runClearport(['send', USER, '--smtp', spec(echo), '--oauth-token-stdin'], { input: CANARY_TOKEN, env, cwd: home }),
      runClearport(['send', USER, '--smtp', spec(selfSigned), '--password-stdin'], { input: CANARY_PASSWORD, env, cwd: home }),
      runClearport(['send', USER, '--smtp', spec(plain), '--password-stdin', '--allow-plaintext-auth', '--json'], { input: CANARY_PASSWORD, env, cwd: home }),
      runClearport(['send', USER, '--smtp', spec(good), `--password=${CANARY_PASSWORD}`], { env, cwd: home }),
    ])
    expect(runs.map((r) => r.code)).toEqual([0, 0, 1, 1, 1, 0, 2])
    runs.forEach((run, i) => {
      expectNoCanary(`run ${i} stdout`, run.stdout)
      expectNoCanary(`run ${i} stderr`, run.stderr)
    })
    // Nothing was written; and if anything ever is, it must be clean too.
    const files = (await readdir(home, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
    for (const file of files) expectNoCanary(`file ${file.name}`, await readFile(join(file.parentPath, file.name), 'utf8'))
    expect(files.map((f) => f.name)).toEqual([])
  })
})
