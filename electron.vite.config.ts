import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { DEV_META_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './shared/csp'

const r = (p: string): string => resolve(__dirname, p)
const alias = { '@shared': r('shared') }

/** Writes the one CSP (shared/csp.ts) into index.html; the dev server's allows inline styles. */
function contentSecurityPolicy(): Plugin {
  let dev = false
  return {
    name: 'clearport-csp',
    configResolved(config) {
      dev = config.command === 'serve'
    },
    transformIndexHtml: (html) => html.replace('%CLEARPORT_CSP%', dev ? DEV_META_CONTENT_SECURITY_POLICY : META_CONTENT_SECURITY_POLICY),
  }
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: r('out/main'),
      rollupOptions: { input: { index: r('electron/main/index.ts'), cli: r('electron/cli/index.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: { outDir: r('out/preload'), rollupOptions: { input: { index: r('electron/preload/index.ts') } } },
  },
  renderer: {
    root: r('renderer'),
    resolve: { alias },
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: r('out/renderer'),
      minify: true,
      rollupOptions: { input: { index: r('renderer/index.html') } },
    },
  },
})
