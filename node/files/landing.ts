/**
 * Where a received file lands: inside the transfer's folder, at its
 * sanitised path, never through a symlink and never over an existing file.
 * Each folder on the way is created, or used if it is a real folder; a file
 * or a symlink in the way gets the folder a new name ("a (1)"). The file is
 * hard-linked into place (which fails instead of overwriting) and its
 * partial removed, so a clash takes "name (1).ext", "name (2).ext", ...
 *
 * @example
 * ```ts
 * const landed = await land('/home/bob/Downloads', 'photos/a.jpg', partialPath) // 'photos/a (1).jpg' if a.jpg was there
 * ```
 */
import { constants } from 'node:fs'
import { copyFile, link, lstat, mkdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { clashName } from '../../protocols/files/paths.js'

/** Most new names tried for one clash before giving up. */
const MAX_CLASH_TRIES = 10_000

async function kind (path: string): Promise<'none' | 'dir' | 'other'> {
  try {
    const st = await lstat(path)
    return st.isDirectory() ? 'dir' : 'other'
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none'
    throw err
  }
}

/** Makes the folders of `relDir` under `root` (real folders only); returns the relative folder used. */
async function folders (root: string, parts: string[]): Promise<string[]> {
  const used: string[] = []
  for (const part of parts) {
    let name = part
    for (let n = 1; ; n++) {
      const path = join(root, ...used, name)
      const k = await kind(path)
      if (k === 'dir') break
      if (k === 'none') {
        try {
          await mkdir(path)
          break
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
          continue // made meanwhile: look again
        }
      }
      if (n > MAX_CLASH_TRIES) throw new Error(`no free name for the folder ${part}`)
      name = clashName(part, n)
    }
    used.push(name)
  }
  return used
}

/** Puts the verified file at `partial` in place as `relPath` under `root`; resolves with the relative path it landed at. */
export async function land (root: string, relPath: string, partial: string): Promise<string> {
  const parts = relPath.split('/')
  const file = parts.pop() as string
  const dir = await folders(root, parts)
  for (let n = 0; n <= MAX_CLASH_TRIES; n++) {
    const name = n === 0 ? file : clashName(file, n)
    const target = join(root, ...dir, name)
    try {
      await link(partial, target)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EEXIST') continue
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err
      // a file system without hard links: copy, still never over an existing file
      try {
        await copyFile(partial, target, constants.COPYFILE_EXCL)
      } catch (err2) {
        if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') continue
        throw err2
      }
    }
    await unlink(partial)
    return [...dir, name].join('/')
  }
  throw new Error(`no free name for ${relPath}`)
}

/** Where `relPath` would land as it is, if that is a real file (not a symlink); for the "already have it" check. */
export async function existingFile (root: string, relPath: string): Promise<string | undefined> {
  const parts = relPath.split('/')
  for (let i = 1; i < parts.length; i++) {
    if (await kind(join(root, ...parts.slice(0, i))) !== 'dir') return undefined
  }
  const path = join(root, ...parts)
  try {
    const st = await lstat(path)
    return st.isFile() ? path : undefined
  } catch {
    return undefined
  }
}
