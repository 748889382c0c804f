import { configDefaults, defineConfig } from 'vitest/config'

/** The office-sized LAN test runs a dozen daemons: alone, after the rest, so it neither starves nor is starved. */
const OFFICE = 'test/lan/office.test.ts'

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // multi-process tests start real servers: keep the 2-core machine from thrashing
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, OFFICE], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'office', include: [OFFICE], sequence: { groupOrder: 1 } } }
    ]
  }
})
