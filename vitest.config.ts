import { configDefaults, defineConfig } from 'vitest/config'

// test/install/ packs and installs the release and builds the single executables
// (minutes, and the npm registry): `npm run test:install` runs it (so does .ci/run)
const install = process.env.LANCHAT_TEST_INSTALL === '1'
/**
 * The office-sized LAN test runs a dozen daemons: after the rest, so it
 * neither starves nor is starved by other multi-process tests; beside it
 * only the unit tests (in-process, light), which would otherwise leave the
 * second worker idle for its ~90 s.
 */
const OFFICE = 'test/lan/office.test.ts'
const UNIT = 'test/unit/**/*.test.ts'

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // multi-process tests start real servers: keep the 2-core machine from thrashing
    maxWorkers: 2,
    // the install checks one at a time: npm pack rewrites package.json for a moment (packaging/release-manifest.mjs)
    fileParallelism: !install,
    projects: install
      ? [{ extends: true, test: { name: 'install', include: ['test/install/**/*.test.ts'] } }]
      : [
          { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/install/**', OFFICE, UNIT], sequence: { groupOrder: 0 } } },
          { extends: true, test: { name: 'office', include: [OFFICE], sequence: { groupOrder: 1 } } },
          { extends: true, test: { name: 'unit', include: [UNIT], sequence: { groupOrder: 1 } } }
        ]
  }
})
