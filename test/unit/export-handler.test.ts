// The renderExport contract method: arguments arrive untrusted, every failure is a Result naming
// the field, nothing throws across the boundary.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../electron/main/handlers'
import type { checkPort25 } from '../../electron/engine/port25/check'

const account = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'export', 'imap-ssl.json'), 'utf8'))
const CANARY = 'Canary-Pa55w0rd-7f3e9b'
const notUsed = (async () => {
  throw new Error('not used by these tests')
}) as unknown as typeof checkPort25
const handlers = createHandlers({ checkPort25: notUsed })
const render = (args: unknown) => handlers.renderExport(args, () => {})

describe('renderExport handler', () => {
  it('renders a valid request', async () => {
    const result = await render({ format: 'thunderbird', account })
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.value).toMatchObject({ filename: 'example.test.xml', mimeType: 'application/xml', encoding: 'utf-8' })
      expect(result.value.text).toContain('<hostname>imap.example.test</hostname>')
    }
  })

  it.each([
    [null, '', /object/],
    [{ format: 'exe', account }, 'format', /format must be one of/],
    [{ format: 'json', account, extra: 1 }, 'extra', /Unknown field/],
    [{ format: 'json' }, 'account', /missing/],
    [{ format: 'json', account: { ...account, displayName: 'A\nB' } }, 'account.displayName', /line break/],
    [{ format: 'json', account: { ...account, incoming: [{ ...account.incoming[0], host: '<script>' }] } }, 'account.incoming.0.host', /not a valid host/],
    [{ format: 'json', account, report: { port25: { verdict: 'open' } } }, 'report.port25.direction', /./],
    [{ format: 'json', account, report: { transcript: 'x' } }, 'report.transcript', /./],
  ])('%j → bad-input naming %s', async (args, field, message) => {
    const result = await render(args)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('bad-input')
      if (field) expect(result.error.field).toBe(field)
      expect(result.error.message).toMatch(message)
    }
  })

  it('the message a person reads names the field in words, never as a schema path', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ ...account.incoming[0], host: `imap${i}.example.test` }))
    const tooMany = await render({ format: 'thunderbird', account: { ...account, incoming: many } })
    expect(tooMany).toMatchObject({ ok: false, error: { field: 'account.incoming', message: 'The incoming servers: lists more than 10 servers.' } })
    const badPort = await render({ format: 'thunderbird', account: { ...account, outgoing: [{ ...account.outgoing[0], port: 70000 }] } })
    expect(badPort.ok).toBe(false)
    if (!badPort.ok) {
      expect(badPort.error.message).toMatch(/^The port of the first outgoing server: /)
      expect(badPort.error.message).not.toMatch(/account\.|outgoing\.0/)
    }
  })

  it('a stray password is refused by name; its value is not echoed', async () => {
    const result = await render({ format: 'apple', account: { ...account, password: CANARY } })
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'account.password' } })
    expect(JSON.stringify(result)).not.toContain(CANARY)
  })
})
