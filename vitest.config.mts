import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { SummaryReporter } from './test/helpers/summary-reporter.mts'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/lab/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', new SummaryReporter()],
    pool: 'forks',
  },
})
