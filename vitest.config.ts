import { configDefaults, defineConfig } from 'vitest/config'

// test/install/ packs and installs the release and builds the single executables
// (minutes, and the npm registry): `npm run test:install` runs it (so does .ci/run)
const install = process.env.LANCHAT_TEST_INSTALL === '1'

export default defineConfig({
  test: {
    include: install ? ['test/install/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: install ? configDefaults.exclude : [...configDefaults.exclude, 'test/install/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // multi-process tests start real servers: keep the 2-core machine from thrashing
    maxWorkers: 2,
    // the install checks one at a time: npm pack rewrites package.json for a moment (packaging/release-manifest.mjs)
    fileParallelism: !install
  }
})
