// The one `window.api` bridge for tests and benchmarks, in the shape the preload exposes: one
// function per contract method, `onProgress` listeners with unsubscribe, frozen. It runs in two
// places from the same source: inside a page (bridgeScript: renderer-page.ts, the renderer
// benchmark), where each call goes to `__clearportInvoke` (an exposed function into the test
// process), and in Node (nodeBridge: the store's integration test), where calls go straight to
// the real handlers with a structured clone both ways, as IPC does.
import type { Api, Handlers, MethodName, ProgressEvent } from '@shared/contract'

export interface BridgeGlobals {
  api?: unknown
  __clearportInvoke?(name: string, args: unknown): Promise<unknown>
  __clearportDispatch?(event: ProgressEvent): void
  /** Called before each event reaches the listeners (the e2e delivery log). */
  __clearportOnDispatch?(event: ProgressEvent): void
  __clearportListenerCount?(): number
}

/** Self-contained: bridgeScript sends its source into the page. */
export function installBridge(g: BridgeGlobals, methodNames: string[]): void {
  const listeners = new Set<(event: ProgressEvent) => void>()
  g.__clearportDispatch = (event) => {
    if (g.__clearportOnDispatch) g.__clearportOnDispatch(event)
    for (const listener of listeners) listener(event)
  }
  g.__clearportListenerCount = () => listeners.size
  const api: Record<string, unknown> = {}
  for (const name of methodNames) {
    api[name] = (args: unknown) => {
      const invoke = g.__clearportInvoke
      return invoke ? invoke(name, args) : Promise.resolve({ ok: false, error: { code: 'not-available', message: `no method ${name}` } })
    }
  }
  api['onProgress'] = (listener: (event: ProgressEvent) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }
  // contextBridge hands the page a frozen copy; so does this.
  g.api = Object.freeze(api)
}

/** The bridge as a page init script (a string: tsx may wrap a function in helpers the page lacks). */
export function bridgeScript(methodNames: string[]): string {
  return `(() => { const __name = (f) => f; (${installBridge.toString()})(globalThis, ${JSON.stringify(methodNames)}) })()`
}

/** The bridge in Node over real handlers: what the store sees is what the page would see. */
export function nodeBridge(handlers: Handlers): Api & { listenerCount(): number } {
  const g: BridgeGlobals = {}
  g.__clearportInvoke = async (name, args) =>
    structuredClone(await handlers[name as MethodName](structuredClone(args), (e) => g.__clearportDispatch?.(structuredClone(e))))
  installBridge(g, Object.keys(handlers))
  const api = g.api as Api
  return Object.assign(Object.create(api) as Api, { listenerCount: () => g.__clearportListenerCount?.() ?? 0 })
}
