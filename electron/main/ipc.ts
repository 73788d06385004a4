// One ipcMain.handle per contract method, generated from `channels` so no channel string is typed
// twice. Each call is answered only when it comes from our window's main frame showing our app.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { channels, eventChannels, type Handlers, type MethodName, type ProgressEvent } from '@shared/contract'

export interface IpcOptions {
  /** The one window allowed to call, or null while it does not exist. */
  trustedContents: () => WebContents | null
  /** Whether a frame URL belongs to our renderer (app://clearport/, or the dev server). */
  isAppUrl: (url: string) => boolean
}

function isTrustedSender(event: IpcMainInvokeEvent, options: IpcOptions): boolean {
  const contents = options.trustedContents()
  const frame = event.senderFrame
  // senderFrame is null once the frame navigated away or was destroyed: such a call is stale.
  if (!contents || contents.isDestroyed() || event.sender !== contents || !frame) return false
  // Only the current top frame: an iframe (should one ever appear) or a document the main frame
  // has already left must not reach the engine. frameToken names one RenderFrameHost exactly.
  const main = contents.mainFrame
  return frame.parent === null && !frame.detached && frame.frameToken === main.frameToken && options.isAppUrl(frame.url)
}

/** Registers every handler; returns a function that removes them again. */
export function registerIpc(handlers: Handlers, options: IpcOptions): () => void {
  const names = Object.keys(channels) as MethodName[]
  for (const name of names) {
    const handler = handlers[name]
    ipcMain.handle(channels[name], async (event, args: unknown) => {
      if (!isTrustedSender(event, options)) {
        return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the ClearPort window.' } }
      }
      const sender = event.sender
      // Progress goes back to the caller only, never broadcast to other windows.
      const emit = (progress: ProgressEvent): void => {
        if (!sender.isDestroyed()) sender.send(eventChannels.progress, progress)
      }
      return handler(args, emit)
    })
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(channels[name])
  }
}
