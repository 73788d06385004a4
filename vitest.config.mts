import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { SummaryReporter } from './test/helpers/summary-reporter.mts'

/**
 * Suites that start the network lab (test/lab/lab.ts), which one machine runs once at a time (a
 * lock). Run side by side they would wait on each other's lock; run one after the other, after
 * everything else, neither waits on the other.
 */
const LAB_SUITES = ['test/lab/**/*.lab.test.ts', 'test/integration/benchmarks.test.ts']

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', new SummaryReporter()],
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'tests',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/lab/**/*.test.ts'],
          exclude: LAB_SUITES,
        },
      },
      {
        extends: true,
        test: { name: 'network lab', include: LAB_SUITES, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
})
