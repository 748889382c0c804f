// The release is what `npm pack` makes. In a clone, `prepare` builds lanchat
// on `npm install`; in the tarball it would be an install script for npm to
// flag (and, if allowed, to fail: a release has no TypeScript to build). So
// `prepack` runs `strip` (package.json without scripts.prepare, the original
// kept aside) and `postpack` runs `restore`. Plain JavaScript: it runs before
// anything is built.
//
//   node packaging/release-manifest.mjs strip|restore
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const manifest = join(root, 'package.json')
const kept = join(root, 'package.json.before-pack')

const step = process.argv[2]
if (step === 'strip') {
  // a pack that died before postpack left the original aside: put it back first
  if (existsSync(kept)) renameSync(kept, manifest)
  const text = readFileSync(manifest, 'utf8')
  const pkg = JSON.parse(text)
  delete pkg.scripts.prepare
  writeFileSync(kept, text)
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`)
} else if (step === 'restore') {
  if (existsSync(kept)) renameSync(kept, manifest)
} else {
  process.stderr.write('usage: node packaging/release-manifest.mjs strip|restore\n')
  process.exitCode = 2
}
