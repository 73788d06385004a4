// The desktop methods for the harness: the native save dialog cannot open in plain Chromium, so
// "the person picked this path" becomes a fresh temp folder, and printToPDF becomes Chromium's
// own page.pdf() of the same page with the same print styles. Files are really written.
import { mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { DesktopDeps } from '../../../electron/main/desktop-handlers'

export interface HarnessDesktop {
  deps: DesktopDeps
  folder: string
  /** What was "copied to the clipboard", in order. */
  clipboard: string[]
  close(): void
}

export function harnessDesktop(page: Page): HarnessDesktop {
  const folder = mkdtempSync(join(tmpdir(), 'clearport-e2e-save-'))
  const clipboard: string[] = []
  const deps: DesktopDeps = {
    async saveFile(request) {
      const path = join(folder, request.filename)
      await writeFile(path, request.data)
      return { saved: true, path }
    },
    async printToPdf() {
      return new Uint8Array(await page.pdf({ format: 'A4' }))
    },
    async copyText(text) {
      clipboard.push(text)
    },
  }
  return { deps, folder, clipboard, close: () => rmSync(folder, { recursive: true, force: true }) }
}
