// The Electron side of the desktop methods: the native save dialog, printToPDF of the window and
// the clipboard. Handed to createHandlers as deps, so handlers.ts stays free of Electron.
import { writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { app, clipboard, dialog, type BrowserWindow } from 'electron'
import { dialogFilterName } from '@shared/export/choices'
import type { DesktopDeps, SaveRequest } from './desktop-handlers'

export function createDesktopDeps(window: () => BrowserWindow | null): DesktopDeps {
  async function saveFile(request: SaveRequest): Promise<{ saved: boolean; path?: string }> {
    const win = window()
    const extension = extname(request.filename).slice(1).toLowerCase()
    const options = {
      title: 'Save',
      // The name is a plain file name (checked in desktop-handlers.ts); the folder is ours to pick.
      defaultPath: join(app.getPath('downloads'), request.filename),
      filters: [
        { name: dialogFilterName(extension), extensions: [extension] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
    }
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return { saved: false }
    // Exports may hold user names and server names, never secrets; readable by the owner only anyway.
    await writeFile(choice.filePath, request.data, { mode: 0o600 })
    return { saved: true, path: choice.filePath }
  }

  return {
    saveFile,
    async printToPdf() {
      const win = window()
      if (!win || win.isDestroyed()) throw new Error('the window is closed')
      // Electron 45 dropped `marginType`; the default margins (1 cm) are what 'default' meant.
      return win.webContents.printToPDF({ printBackground: false, pageSize: 'A4' })
    },
    async copyText(text) {
      clipboard.writeText(text)
    },
  }
}
