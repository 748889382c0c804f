/**
 * Files the web client uploads to offer them (a browser cannot name a path
 * on this computer): each upload is a staging folder `<profile>/uploads/ID/`
 * that holds the files under their (made safe) relative paths until the
 * transfer that offers them is over; then it is removed. An upload no
 * transfer took is removed at the next start once it is a day old.
 *
 * @example
 * ```ts
 * const { id } = await uploads.create()
 * await uploads.put(id, 'photos/a.jpg', request.raw)
 * await transfers.send('bob', [], { upload: id })
 * ```
 */
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { v7 as uuidv7 } from 'uuid'
import { sanitisePath } from '../../protocols/files/paths.js'
import { UnknownTransferError, UnreadablePathError } from './errors.js'
import { validTransferId } from '../../protocols/files/ids.js'

/** An upload folder no transfer took is removed at start once it is this old. */
export const UPLOAD_MAX_AGE_MS = 24 * 60 * 60 * 1000

export class Uploads {
  readonly root: string

  constructor (root: string) {
    this.root = root
  }

  async create (): Promise<{ id: string }> {
    const id = uuidv7()
    await mkdir(join(this.root, id), { recursive: true, mode: 0o700 })
    return { id }
  }

  /** The staging folder of upload `id`; throws UnknownTransferError when there is none. */
  async dir (id: string): Promise<string> {
    const dir = join(this.root, id)
    if (!validTransferId(id) || !(await stat(dir).then(st => st.isDirectory(), () => false))) throw new UnknownTransferError(id)
    return dir
  }

  /** Writes one file of an upload at its (made safe) relative path; never over a file already there. */
  async put (id: string, path: string, body: AsyncIterable<Uint8Array>): Promise<{ path: string, size: number }> {
    const dir = await this.dir(id)
    const safe = sanitisePath(path)
    const parts = safe.split('/')
    if (parts.length > 1) await mkdir(join(dir, ...parts.slice(0, -1)), { recursive: true })
    const target = join(dir, ...parts)
    const out = createWriteStream(target, { flags: 'wx' })
    try {
      await pipeline(body, out)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UnreadablePathError(`${safe} was uploaded already`)
      await rm(target, { force: true })
      throw err
    }
    return { path: safe, size: (await stat(target)).size }
  }

  /** What an upload holds at its top level, as paths to send (each file or folder goes as itself). */
  async paths (id: string): Promise<string[]> {
    const dir = await this.dir(id)
    return (await readdir(dir)).sort().map(name => join(dir, name))
  }

  async remove (id: string): Promise<void> {
    if (validTransferId(id)) await rm(join(this.root, id), { recursive: true, force: true })
  }

  /** Removes uploads older than UPLOAD_MAX_AGE_MS that `inUse` does not claim. */
  async sweep (inUse: (id: string) => boolean, now = Date.now()): Promise<void> {
    const ids = await readdir(this.root).catch(() => [] as string[])
    for (const id of ids) {
      if (inUse(id)) continue
      const st = await stat(join(this.root, id)).catch(() => undefined)
      if (st != null && now - st.mtimeMs > UPLOAD_MAX_AGE_MS) await this.remove(id)
    }
  }
}
