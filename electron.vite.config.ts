import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const r = (p: string): string => resolve(__dirname, p)
const alias = { '@shared': r('shared') }

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
    plugins: [react()],
    build: {
      outDir: r('out/renderer'),
      minify: true,
      rollupOptions: { input: { index: r('renderer/index.html') } },
    },
  },
})
