import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // multi-process tests start real servers: keep the 2-core machine from thrashing
    maxWorkers: 2,
    fileParallelism: true
  }
})
