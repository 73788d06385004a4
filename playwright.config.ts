// Playwright: the built renderer in Chromium — Playwright's own browser where it is installed,
// else Debian's (test/e2e/support/chromium.ts; `npm test` brings one, scripts/test-prereqs.ts) —
// plus the Electron app itself when its binary is installed. Build first:
// `npx electron-vite build && npx playwright test`.
import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from './test/e2e/support/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // Two cores: one worker keeps one browser and keeps timings steady.
  workers: 1,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      ...(chromiumPath !== undefined && { executablePath: chromiumPath }),
      args: chromiumArgs,
    },
    // The app window's default size (electron/main/index.ts), so screenshots show what a person sees.
    viewport: { width: 1120, height: 820 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
