// The export choices table (shared/export/choices.ts) against what really happens: every choice's
// exporter writes a file with the table's extension, every choice gets its own file name, the save
// handler accepts each name and refuses other extensions, the dialog's filters follow the table,
// and the report's inline style is exactly the one the window's CSP allows by hash.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDesktopHandlers, EXPORT_EXTENSIONS } from '../../electron/main/desktop-handlers'
import { exportChoiceSchema } from '@shared/export/choice-schema'
import { choiceFileName, choiceInfo, dialogFilterName, exportChoices, exporterOf } from '@shared/export/choices'
import { REPORT_CSS, REPORT_STYLE_HASH } from '@shared/export/html'
import { parseAccountSettings, renderExport } from '@shared/export/index'
import { CONTENT_SECURITY_POLICY, DEV_META_CONTENT_SECURITY_POLICY } from '@shared/csp'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'export')
const account = parseAccountSettings(JSON.parse(readFileSync(join(fixtures, 'imap-ssl.json'), 'utf8')))
const folder = mkdtempSync(join(tmpdir(), 'clearport-choices-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const handlers = createDesktopHandlers({
  async saveFile(request) {
    const path = join(folder, request.filename)
    await writeFile(path, request.data)
    return { saved: true, path }
  },
  async printToPdf() {
    return new Uint8Array()
  },
  async copyText() {},
})

describe('export choices', () => {
  it('every choice has its own file name, for a plain and an international address', () => {
    for (const address of [account.address, 'zoë@bücher.test']) {
      const names = exportChoices.map((c) => choiceFileName(c, address))
      expect(new Set(names).size, names.join(', ')).toBe(exportChoices.length)
      for (const name of names) expect(name).toMatch(/^[A-Za-z0-9._-]+$/)
    }
    // The two that once shared a name.
    expect(choiceFileName('sheet', account.address)).toBe('clearport-alice_example.test-settings.md')
    expect(choiceFileName('report-text', account.address)).toBe('clearport-alice_example.test-report.md')
  })

  it.each(exportChoices)('%s: the exporter writes the table’s extension, and the save handler takes the file', async (choice) => {
    const { format, withReport } = exporterOf(choice)
    const file = await renderExport(format, { account, ...(withReport && { report: {} }) })
    const { extension } = choiceInfo(choice)
    expect(file.filename.endsWith(`.${extension}`), `${file.filename} vs .${extension}`).toBe(true)
    const name = choiceFileName(choice, account.address)
    expect(name.endsWith(`.${extension}`)).toBe(true)
    const saved = await handlers.saveExport({ filename: name, mimeType: file.mimeType, text: file.text, encoding: file.encoding }, () => {})
    expect(saved).toEqual({ ok: true, value: { saved: true, path: join(folder, name) } })
    expect(readFileSync(join(folder, name), file.encoding === 'utf-16le' ? 'utf16le' : 'utf8')).toContain(account.incoming[0]?.host)
  })

  it('the save handler allows exactly the table’s extensions', async () => {
    expect([...EXPORT_EXTENSIONS].sort()).toEqual([...new Set(exportChoices.map((c) => choiceInfo(c).extension))].sort())
    for (const refused of ['notes.txt', 'data.csv', 'settings.ini', 'run.exe']) {
      const result = await handlers.saveExport({ filename: refused, mimeType: 'text/plain', text: 'x' }, () => {})
      expect(result.ok, refused).toBe(false)
    }
  })

  it('one dialog filter per extension, from the table', () => {
    for (const choice of exportChoices) {
      const { extension, filterName } = choiceInfo(choice)
      expect(dialogFilterName(extension)).toBe(filterName)
    }
    expect(dialogFilterName('pdf')).toBe('PDF document')
    expect(dialogFilterName('zip')).toBe('ZIP')
  })

  it('the zod enum is the table’s choices', () => {
    expect(exportChoiceSchema.options).toEqual(exportChoices)
    expect(exportChoiceSchema.safeParse('thunderbird').success).toBe(true)
    const bad = exportChoiceSchema.safeParse('sheet2')
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toContain('the export must be one of thunderbird, thunderbird-prefs')
  })
})

describe('the report’s style under the window’s CSP', () => {
  it('the hash in the policy is the hash of the report’s style sheet', () => {
    expect(REPORT_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`)
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'self' ${REPORT_STYLE_HASH}`)
  })

  it('the dev policy keeps plain unsafe-inline (a hash beside it would switch it off)', () => {
    expect(DEV_META_CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline';")
    expect(DEV_META_CONTENT_SECURITY_POLICY).not.toContain('sha256')
  })
})
