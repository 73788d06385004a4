// Terminal hygiene (issue 14, items 8 and 9): a scripted SMTP server on loopback puts ANSI colour
// (ESC [ 31 m), an OSC window-title sequence, the C1 controls CSI (U+009B) and OSC (U+009D), a
// bell and a bidi override into its greeting and EHLO reply. `clearport send` and `clearport probe`
// run as real processes; nothing they print, on stdout or on stderr, may carry a control character
// other than the line break — while the server's words themselves are still shown.
import type net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtCliMissing, runClearport } from '../helpers/clearport-process'
import { onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server'
import { CANARY_PASSWORD } from '../helpers/send-fixtures'

const HOSTILE = '\u001b[31mRED\u001b[0m \u001b]0;owned\u0007 \u009b31mCSI \u009d0;title\u0007 \u202eevil'
// Line breaks are the only control characters output may hold.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

let server: ScriptedServer
beforeAll(async () => {
  const missing = builtCliMissing()
  if (missing) throw new Error(missing)
  server = await startScriptedServer((socket: net.Socket) => {
    socket.write(`220 hostile.test ${HOSTILE}\r\n`)
    onLines(socket, (line) => {
      const verb = line.split(' ')[0]!.toUpperCase()
      if (verb === 'EHLO') socket.write(`250-hostile.test ${HOSTILE}\r\n250-AUTH PLAIN ${HOSTILE}\r\n250 SIZE 1000\r\n`)
      else if (verb === 'AUTH') socket.write(`535 5.7.8 no ${HOSTILE}\r\n`)
      else if (verb === 'QUIT') socket.end('221 bye\r\n')
      else socket.write('502 no\r\n')
    })
  })
})
afterAll(async () => {
  await server?.close()
})

function offending(text: string): string[] {
  return text.split('\n').filter((line) => CONTROL.test(line))
}

describe('server text never reaches the terminal raw', () => {
  it('clearport send: result, advice, "sign-in offered …" and progress lines', async () => {
    const run = await runClearport(['send', 'alice@example.test', '--smtp', `127.0.0.1:${server.port}:plain`, '--allow-plaintext-auth', '--no-send', '--password-stdin'], {
      input: `${CANARY_PASSWORD}\n`,
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/sign-in +offered PLAIN/)
    expect(run.stdout).toMatch(/RED/)
    expect(offending(run.stdout)).toEqual([])
    expect(run.stderr).toMatch(/auth/)
    expect(offending(run.stderr)).toEqual([])
  })

  it('clearport probe: banner, capabilities, transcript and progress', async () => {
    const run = await runClearport(['probe', '127.0.0.1', String(server.port)])
    expect(run.stdout).toMatch(/hostile\.test/)
    expect(run.stdout).toMatch(/CSI/)
    expect(offending(run.stdout)).toEqual([])
    expect(offending(run.stderr)).toEqual([])
  })

  it('clearport send --json keeps the JSON escaping (controls stay escaped, never raw)', async () => {
    const run = await runClearport(['send', 'alice@example.test', '--smtp', `127.0.0.1:${server.port}:plain`, '--allow-plaintext-auth', '--no-send', '--json', '--quiet', '--password-stdin'], {
      input: `${CANARY_PASSWORD}\n`,
    })
    expect(offending(run.stdout)).toEqual([])
    expect(() => JSON.parse(run.stdout)).not.toThrow()
  })
})
