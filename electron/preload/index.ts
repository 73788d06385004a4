// The bridge: exactly the contract as `window.api`, one function per method, built from
// `channels`. Sandboxed preloads are CJS and may load only `electron`; shared code is inlined.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { channels, eventChannels, type Api, type MethodName, type ProgressEvent } from '@shared/contract'

type Methods = { [K in MethodName]: Api[K] }

function invoker<K extends MethodName>(name: K): Api[K] {
  const channel = channels[name]
  // One argument only: whatever else the page passes is dropped here, not forwarded.
  return ((args: unknown) => ipcRenderer.invoke(channel, args)) as Api[K]
}

const methods = Object.fromEntries(
  (Object.keys(channels) as MethodName[]).map((name) => [name, invoker(name)]),
) as Methods

function onProgress(listener: (event: ProgressEvent) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('onProgress needs a function')
  // The IPC event object stays here: it would hand the page `sender` and ports.
  const relay = (_event: IpcRendererEvent, progress: ProgressEvent): void => listener(progress)
  ipcRenderer.on(eventChannels.progress, relay)
  return () => {
    ipcRenderer.removeListener(eventChannels.progress, relay)
  }
}

const api: Api = { ...methods, onProgress }

contextBridge.exposeInMainWorld('api', api)
