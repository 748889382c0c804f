/**
 * What `lanchat send-file NAME PATH...` offers: each file as itself, each
 * folder as its tree under the folder's own name. Only regular files go;
 * symlinks (to files or folders) are never followed and not sent. Each file
 * is hashed here, once (hashing.ts), and checked against the offer's limits
 * and the path rules before anything is offered.
 *
 * @example
 * ```ts
 * const files = await gather(['/home/alice/report.pdf', '/home/alice/photos'], limits)
 * // [{ path: 'report.pdf', ... }, { path: 'photos/2026/a.jpg', ... }]
 * ```
 */
import { lstat, readdir } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { pathProblem } from '../../protocols/files/paths.js'
import { formatBytes } from './format.js'
import { NothingToSendError, OfferLimitError, UnreadablePathError } from './errors.js'
import { hashFile } from './hashing.js'
import type { FileHashes } from './hashing.js'

export interface GatheredFile extends FileHashes {
  /** relative path in the offer */
  path: string
  /** the file on this computer */
  source: string
}

export interface GatherLimits {
  maxOfferFiles: number
  maxOfferBytes: number
}

async function walk (source: string, rel: string, out: Array<{ path: string, source: string }>, limits: GatherLimits): Promise<void> {
  const entries = await readdir(source, { withFileTypes: true })
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  for (const e of entries) {
    if (e.isDirectory()) await walk(join(source, e.name), `${rel}/${e.name}`, out, limits)
    else if (e.isFile()) out.push({ path: `${rel}/${e.name}`, source: join(source, e.name) })
    if (out.length > limits.maxOfferFiles) throw new OfferLimitError(`at most ${limits.maxOfferFiles} files go in one offer; send the folders separately`)
  }
}

/** The files of `paths` with their hashes, in offer order; throws a typed error for a path that cannot be sent. */
export async function gather (paths: string[], limits: GatherLimits): Promise<GatheredFile[]> {
  const found: Array<{ path: string, source: string }> = []
  for (const given of paths) {
    const source = resolve(given)
    let st
    try {
      st = await lstat(source)
    } catch (err) {
      throw new UnreadablePathError(`${given} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path`)
    }
    if (st.isSymbolicLink()) throw new UnreadablePathError(`${given} is a symlink; symlinks are not sent, give the file it points to`)
    if (st.isDirectory()) await walk(source, basename(source), found, limits)
    else if (st.isFile()) found.push({ path: basename(source), source })
    else throw new UnreadablePathError(`${given} is not a regular file or folder`)
    if (found.length > limits.maxOfferFiles) throw new OfferLimitError(`at most ${limits.maxOfferFiles} files go in one offer; send the folders separately`)
  }
  if (found.length === 0) throw new NothingToSendError()
  for (const f of found) {
    const problem = pathProblem(f.path)
    if (problem != null) throw new OfferLimitError(`${problem}; rename it or send its folder`)
  }
  const files: GatheredFile[] = []
  let total = 0
  for (const f of found) {
    let hashes: FileHashes
    try {
      hashes = await hashFile(f.source)
    } catch (err) {
      throw new UnreadablePathError(`${f.source} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
    }
    total += hashes.size
    if (total > limits.maxOfferBytes) throw new OfferLimitError(`at most ${formatBytes(limits.maxOfferBytes)} go in one offer; send fewer files at a time`)
    files.push({ ...f, ...hashes })
  }
  return files
}
