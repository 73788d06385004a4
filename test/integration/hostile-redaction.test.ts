// Redaction that neither leaks nor mangles (issue 14, item 10): with a very short password ("250",
// "x") every reply code, host name and word of advice stays as it is, while a hostile server that
// echoes the password back has that whole line withheld — the password's letters are never shown,
// not even as the gap in "une[secret]pectedly". Real smtp-server on loopback; the CLI as a process.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SendResult } from '@shared/send'
import { suppliedPassword } from '../../electron/engine/send/credentials'
import { createRedactor } from '../../electron/engine/send/redact'
import { testSend } from '../../electron/engine/send/run'
import { builtCliMissing, runClearport } from '../helpers/clearport-process'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { USER, makeRequest, reply, startMailServer, type MailServer } from '../helpers/send-fixtures'

let pki: TestPki
let echo: MailServer
let dir: string
beforeAll(async () => {
  pki = await makeTestPki()
  // Hostile: quotes the password it received in its 535.
  echo = await startMailServer({ kind: 'starttls', keyCert: pki.good, options: { onAuth: (auth, _s, cb) => cb(reply(535, `5.7.8 Rejected ${auth.password ?? ''} for you`)) } })
  dir = await mkdtemp(join(tmpdir(), 'clearport-redaction-'))
})
afterAll(async () => {
  await echo?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const everything = (result: SendResult): string => JSON.stringify(result)

describe('a very short password', () => {
  it('"250": every 250 reply survives; the echoing line is withheld whole', async () => {
    const result = await testSend({ request: makeRequest(echo.endpoint), credentials: suppliedPassword(USER, '250'), ca: [pki.ca] })
    expect(result.problem).toMatchObject({ code: 'auth-failed', responseCode: 535 })
    const server = result.transcript.filter((l) => l.dir === 'server').map((l) => l.text)
    expect(server.filter((t) => t.startsWith('250')).length).toBeGreaterThan(3)
    expect(server.some((t) => /^250-mx\.example\.test/.test(t))).toBe(true)
    expect(everything(result)).not.toContain('[secret]')
    expect(everything(result)).not.toMatch(/Rejected 250/)
    expect(result.problem?.response).toMatch(/^535 \[line withheld/)
    expect(server.some((t) => /^535 \[line withheld/.test(t))).toBe(true)
  })

  it('"x": host names and advice keep their letters', async () => {
    const result = await testSend({ request: makeRequest(echo.endpoint), credentials: suppliedPassword(USER, 'x'), ca: [pki.ca] })
    expect(everything(result)).not.toContain('[secret]')
    expect(result.request.address).toBe(USER)
    expect(result.transcript.some((l) => l.text.includes('mx.example.test'))).toBe(true)
    expect(result.problem?.title).toContain('127.0.0.1')
    // The echo "Rejected x for you" is withheld; the advice is the classifier's, untouched.
    expect(result.problem?.response).toMatch(/withheld/)
    expect(result.problem?.advice).toMatch(/^Check the password and the user name/)
  })

  it('the CLI prints the same, unmangled', async () => {
    const missing = builtCliMissing()
    if (missing) throw new Error(missing)
    const caFile = join(dir, 'ca.pem')
    await writeFile(caFile, pki.ca)
    const run = await runClearport(['send', USER, '--smtp', `127.0.0.1:${echo.port}:STARTTLS`, '--no-send', '--password-stdin'], { input: 'x\n', env: { NODE_EXTRA_CA_CERTS: caFile } })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/Check the password and the user name \(many providers want the full address/)
    expect(run.stdout).not.toContain('[secret]')
    expect(run.stdout).not.toMatch(/Rejected x/)
  })
})

describe('long secrets are still masked wherever they appear', () => {
  it('plain, inside other text, and in base64', () => {
    const secret = 'Long-secret-99'
    const redact = createRedactor(USER, [secret])
    expect(redact(`535 bad ${secret}!`)).toBe('535 bad [secret]!')
    expect(redact(`x${secret}y`)).toBe('x[secret]y')
    expect(redact(Buffer.from(`\u0000${USER}\u0000${secret}`).toString('base64'))).toBe('[secret]')
  })

  it('a short one as a whole token only, its base64 form included', () => {
    const redact = createRedactor(USER, ['abc'])
    expect(redact('the abc is here')).toBe('[line withheld: it may echo your password]')
    expect(redact('fabcd and abcdef')).toBe('fabcd and abcdef')
    expect(redact(`334 ${Buffer.from('abc').toString('base64')}`)).toBe('334 [line withheld: it may echo your password]')
  })
})
