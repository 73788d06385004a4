// The IPC boundary as a compromised renderer sees it: every argument is hostile. Each refusal is
// a Result with code `bad-input`, the field and a one-line reason; nothing is thrown, and
// nothing reaches the engine, the disk or the clipboard. Valid calls really write their files.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DesktopDeps } from '../../electron/main/desktop-handlers'
import { createHandlers } from '../../electron/main/handlers'
import type { checkPort25 } from '../../electron/engine/port25/check'
import type { Handlers, Result } from '@shared/contract'

const noEvents = (): void => {}

/** The engine must not be reached by any refused call; reaching it fails the test loudly. */
const engineMustNotRun: typeof checkPort25 = async () => {
  throw new Error('the engine was called with arguments the boundary should have refused')
}

let folder: string
let clipboard: string[]
let handlers: Handlers

/** A real desktop: files go into a temp folder ("the person picked it"), the clipboard is a list. */
function desktop(): DesktopDeps {
  return {
    async saveFile(request) {
      const path = join(folder, request.filename)
      await writeFile(path, request.data)
      return { saved: true, path }
    },
    async printToPdf() {
      return new TextEncoder().encode('%PDF-1.7\n%test\n')
    },
    async copyText(text) {
      clipboard.push(text)
    },
  }
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'clearport-boundary-'))
  clipboard = []
  handlers = createHandlers({ checkPort25: engineMustNotRun, desktop: desktop() })
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

function expectRefused(result: Result<unknown>, field: string | undefined, message: RegExp): void {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.code).toBe('bad-input')
  expect(result.error.field).toBe(field)
  expect(result.error.message).toMatch(message)
  // One line, bounded: a hostile key or value is not echoed back at length.
  expect(result.error.message).not.toMatch(/[\r\n]/)
  expect(result.error.message.length).toBeLessThan(400)
}

describe('checkPort25 and cancel refuse hostile arguments', () => {
  const cases: [string, unknown, string | undefined, RegExp][] = [
    ['no argument', undefined, undefined, /must be an object/],
    ['an array', [], undefined, /must be an object/],
    ['a string', 'checkPort25', undefined, /must be an object/],
    ['an unknown field', { operationId: 'a', shell: 'rm -rf /' }, 'shell', /^Unknown field: shell$/],
    ['a path as id', { operationId: '../../etc/passwd' }, 'operationId', /letters, digits/],
    ['a 65-character id', { operationId: 'a'.repeat(65) }, 'operationId', /1–64/],
    ['a number as id', { operationId: 7 }, 'operationId', /must be a string/],
    ['an address with CR/LF', { operationId: 'a', address: 'a@b.test\r\nRCPT TO:<x@y.test>' }, 'address', /line break/],
    ['an address of 10 000 characters', { operationId: 'a', address: `${'a'.repeat(9990)}@b.test` }, 'address', /at most 320/],
    ['an address without @', { operationId: 'a', address: 'nobody' }, 'address', /has no "@"/],
    ['an object as address', { operationId: 'a', address: { toString: 'x' } }, 'address', /must be a string/],
  ]
  for (const [what, args, field, message] of cases) {
    it(`checkPort25 refuses ${what}`, async () => {
      expectRefused(await handlers.checkPort25(args, noEvents), field, message)
    })
  }

  it('a key named __proto__ (as JSON.parse makes it) is refused, not merged into a prototype', async () => {
    const args: unknown = JSON.parse('{"operationId":"a","__proto__":{"polluted":true}}')
    const result = await handlers.checkPort25(args, noEvents)
    expectRefused(result, '__proto__', /^Unknown field: __proto__$/)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('a very long unknown key is clipped in the message', async () => {
    const result = await handlers.checkPort25({ operationId: 'a', ['k'.repeat(5000)]: 1 }, noEvents)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message.length).toBeLessThan(100)
  })

  it('cancel refuses a bad id and answers "not cancelled" for an unknown one', async () => {
    expectRefused(await handlers.cancel({ operationId: 'a b' }, noEvents), 'operationId', /letters, digits/)
    expect(await handlers.cancel({ operationId: 'never-started' }, noEvents)).toEqual({ ok: true, value: { cancelled: false } })
  })
})

describe('saveExport refuses hostile arguments and writes nothing', () => {
  const valid = { filename: 'settings.xml', mimeType: 'application/xml', text: '<clientConfig/>' }
  const cases: [string, unknown, string | undefined, RegExp][] = [
    ['a path climbing out', { ...valid, filename: '../../.bashrc' }, 'filename', /plain file name, without folders/],
    ['an absolute path', { ...valid, filename: '/etc/cron.d/evil.xml' }, 'filename', /without folders/],
    ['a Windows path', { ...valid, filename: 'C:\\Users\\x\\evil.xml' }, 'filename', /without folders/],
    ['an executable', { ...valid, filename: 'invoice.exe' }, 'filename', /must end in \.xml/],
    ['a desktop entry', { ...valid, filename: 'open-me.desktop' }, 'filename', /must end in/],
    ['no extension', { ...valid, filename: 'xml' }, 'filename', /must end in/],
    ['a hidden file', { ...valid, filename: '.profile.txt' }, 'filename', /must not start or end with a dot/],
    ['a reserved Windows name', { ...valid, filename: 'CON.txt' }, 'filename', /Windows reserves/],
    ['a control character', { ...valid, filename: 'a\u0007b.xml' }, 'filename', /control character/],
    ['a line break', { ...valid, filename: 'a\nb.xml' }, 'filename', /control character/],
    ['a 500-character name', { ...valid, filename: `${'a'.repeat(496)}.xml` }, 'filename', /at most 120/],
    ['an empty name', { ...valid, filename: '' }, 'filename', /empty/],
    ['a header injection in the type', { ...valid, mimeType: 'text/html\r\nX-Evil: 1' }, 'mimeType', /type\/subtype/],
    ['text that is not text', { ...valid, text: { length: 1 } }, 'text', /must be a string/],
    ['3 MB of text', { ...valid, text: 'x'.repeat(3 * 1024 * 1024) }, 'text', /at most 2097152/],
    ['an unknown encoding', { ...valid, encoding: 'utf-32' }, 'encoding', /"utf-8" or "utf-16le"/],
    ['a path smuggled in a field of its own', { ...valid, path: '/etc/passwd' }, 'path', /^Unknown field: path$/],
  ]
  for (const [what, args, field, message] of cases) {
    it(`refuses ${what}`, async () => {
      expectRefused(await handlers.saveExport(args, noEvents), field, message)
      expect(readdirSync(folder)).toEqual([])
    })
  }

  it('writes a valid export where the dialog said, as UTF-8', async () => {
    const result = await handlers.saveExport({ ...valid, text: '<clientConfig>bücher</clientConfig>' }, noEvents)
    expect(result).toEqual({ ok: true, value: { saved: true, path: join(folder, 'settings.xml') } })
    expect(readFileSync(join(folder, 'settings.xml'), 'utf8')).toBe('<clientConfig>bücher</clientConfig>')
  })

  it('writes UTF-16LE with a byte-order mark when the format asks for it (Outlook PRF)', async () => {
    const result = await handlers.saveExport({ filename: 'outlook.prf', mimeType: 'text/plain', text: '[General]\r\nName=Jürgen', encoding: 'utf-16le' }, noEvents)
    expect(result.ok).toBe(true)
    const bytes = readFileSync(join(folder, 'outlook.prf'))
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x5b, 0x00])
    expect(bytes.subarray(2).toString('utf16le')).toBe('[General]\r\nName=Jürgen')
  })
})

describe('saveReportPdf and copyText', () => {
  it('saveReportPdf takes only a .pdf name and saves what the printer made', async () => {
    expectRefused(await handlers.saveReportPdf({ filename: 'report.html' }, noEvents), 'filename', /must end in \.pdf/)
    expectRefused(await handlers.saveReportPdf({ filename: 'r.pdf', scale: 9 }, noEvents), 'scale', /Unknown field/)
    const result = await handlers.saveReportPdf({ filename: 'ClearPort report.pdf' }, noEvents)
    expect(result).toEqual({ ok: true, value: { saved: true, path: join(folder, 'ClearPort report.pdf') } })
    expect(readFileSync(join(folder, 'ClearPort report.pdf'), 'utf8')).toMatch(/^%PDF-/)
  })

  it('copyText refuses empty, non-text and huge input and copies the rest', async () => {
    expectRefused(await handlers.copyText({ text: '' }, noEvents), 'text', /empty/)
    expectRefused(await handlers.copyText({ text: 42 }, noEvents), 'text', /must be a string/)
    expectRefused(await handlers.copyText({ text: 'x'.repeat(1024 * 1024 + 1) }, noEvents), 'text', /at most 1048576/)
    expect(clipboard).toEqual([])
    expect(await handlers.copyText({ text: 'smtp.example.test:465' }, noEvents)).toEqual({ ok: true, value: { copied: true } })
    expect(clipboard).toEqual(['smtp.example.test:465'])
  })

  it('a failing disk or dialog comes back as a Result, never as an exception', async () => {
    const failing = createHandlers({
      checkPort25: engineMustNotRun,
      desktop: { ...desktop(), saveFile: async () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }) } },
    })
    const result = await failing.saveExport({ filename: 'a.xml', mimeType: 'application/xml', text: 'x' }, noEvents)
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Saving the file failed: EACCES: permission denied' } })
  })

  it('outside the window (the CLI, a harness without a desktop) the methods say they are not available', async () => {
    const headless = createHandlers({ checkPort25: engineMustNotRun })
    const result = await headless.copyText({ text: 'x' }, noEvents)
    expect(result).toEqual({ ok: false, error: { code: 'not-available', message: 'Copying to the clipboard is only possible in the ClearPort window.' } })
    // Validation still comes first: bad input is named even where the method cannot run.
    expectRefused(await headless.saveExport({ filename: '../x.xml', mimeType: 'a/b', text: '' }, noEvents), 'filename', /without folders/)
  })
})

describe('testSend refuses hostile and contradictory arguments before the engine runs', () => {
  const sendMustNotRun = (async () => {
    throw new Error('the sign-in engine was called with arguments the boundary should have refused')
  }) as unknown as NonNullable<Parameters<typeof createHandlers>[0]['testSend']>
  const endpoint = { host: 'smtp.example.test', port: 465, socket: 'SSL' }
  const request = {
    address: 'alice@example.test', smtp: endpoint, imap: null, username: 'alice@example.test', auth: 'password', mechanism: null,
    to: 'alice@example.test', mode: 'check', readBack: false, deleteAfter: false, allowPlaintextAuth: false,
  }
  const valid = { operationId: 'send-1', request, password: 'pw' }
  const cases: [string, unknown, string, RegExp][] = [
    ['an unknown field inside the request', { ...valid, request: { ...request, port: 25 } }, 'request.port', /^Unknown field: port$/],
    ['a socket type outside the vocabulary', { ...valid, request: { ...request, smtp: { ...endpoint, socket: 'TLS1' } } }, 'request.smtp.socket', /^socket must be SSL, STARTTLS or plain$/],
    ['an unknown mechanism', { ...valid, request: { ...request, mechanism: 'CRAM-MD5' } }, 'request.mechanism', /PLAIN, LOGIN or XOAUTH2/],
    ['a host with a line break', { ...valid, request: { ...request, smtp: { ...endpoint, host: 'a\r\nb' } } }, 'request.smtp.host', /^request\.smtp\.host: /],
    ['read-back without an IMAP server', { ...valid, request: { ...request, mode: 'send', readBack: true } }, 'request.imap', /needs the incoming \(IMAP\) server/],
    ['XOAUTH2 with a password', { ...valid, request: { ...request, mechanism: 'XOAUTH2' } }, 'request.mechanism', /auth must be "oauth2"/],
    ['a token beside a password', { ...valid, accessToken: 'tok' }, 'accessToken', /give a password, not an access token/],
    ['no secret at all', { operationId: 'send-1', request }, 'password', /^password is missing$/],
  ]
  for (const [what, args, field, message] of cases) {
    it(`refuses ${what}`, async () => {
      const guarded = createHandlers({ checkPort25: engineMustNotRun, testSend: sendMustNotRun })
      expectRefused(await guarded.testSend(args, noEvents), field, message)
    })
  }
})
