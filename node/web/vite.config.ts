/**
 * Builds the web client (node/web/) into dist/web/, which the daemon serves
 * on its API port. Preact's JSX is compiled by Vite's own transformer, so no
 * plugin is needed; nothing is loaded from a CDN at run time.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: here,
  base: '/',
  // no public/ folder: every file the page loads is built into assets/ with a content hash
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // the page's CSP allows no inline script, and the browsers we support preload modules natively
    modulePreload: { polyfill: false },
    sourcemap: false
  }
})
