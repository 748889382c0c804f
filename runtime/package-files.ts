/**
 * Files of the lanchat package that the programs read while they run:
 * package.json (the version) and dist/web/ (the web client). Installed with
 * npm they sit under the package root; in a single executable (`npm run dist`)
 * they are embedded as SEA assets keyed by the same relative paths, so callers
 * never know which one they run as.
 *
 * @example
 * ```ts
 * lanchatVersion()                          // '0.1.0'
 * await readPackageFile('dist/web/index.html') // Buffer, or undefined when missing
 * ```
 */
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sea from 'node:sea'

/** The package's root: the nearest folder above this file whose package.json names lanchat (the file sits at different depths in the sources and in dist/). */
function packageRoot (): string | undefined {
  let dir = import.meta.dirname
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lanchat') return dir
      } catch {}
    }
    if (dirname(dir) === dir) return undefined
    dir = dirname(dir)
  }
}

/** Is this process a single executable built by `npm run dist`? */
export function isSingleExecutable (): boolean {
  return sea.isSea()
}

/** A file of the package by its path from the package root ('/'-separated), or undefined when there is none. */
export async function readPackageFile (path: string): Promise<Buffer | undefined> {
  if (sea.isSea()) {
    try {
      return Buffer.from(sea.getRawAsset(path) as ArrayBuffer)
    } catch {
      return undefined
    }
  }
  const root = packageRoot()
  if (root == null) return undefined
  try {
    return await readFile(join(root, ...path.split('/')))
  } catch {
    return undefined
  }
}

let version: string | undefined

/** lanchat's version, from its package.json; 'unknown' when that cannot be read. */
export function lanchatVersion (): string {
  if (version != null) return version
  try {
    const text = sea.isSea() ? sea.getAsset('package.json', 'utf8') : readFileSync(join(packageRoot() ?? '.', 'package.json'), 'utf8')
    const found = (JSON.parse(text) as { version?: unknown }).version
    version = typeof found === 'string' ? found : 'unknown'
  } catch {
    version = 'unknown'
  }
  return version
}
