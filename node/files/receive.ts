/**
 * One incoming transfer run (a FileSink): which files and offsets to ask for,
 * and what to do with what arrives. Chunks are gathered in memory (one chunk
 * at most, in one buffer per run: chunk-file.ts), checked against the hash
 * list (itself checked against the offer's root), and only then written to
 * the partial file
 * (`<dir>/.lanchat-partial/<id>/<index>`) and counted as verified in the
 * database: a restart resumes at the first chunk not verified. A file whose
 * whole SHA-256 matches lands in place (landing.ts); a failed check deletes
 * its partial and stops the run with CORRUPT; a full disk stops it with
 * DISK_FULL and keeps the partial.
 */
import { mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FILE_CHUNK_BYTES } from '../../protocols/constants.js'
import { Status } from '../../protocols/files/pb/files.js'
import { PARTIAL_DIR } from '../../protocols/files/paths.js'
import { failpoint } from '../../runtime/failpoint.js'
import { TransferStoppedError } from '../services/files/errors.js'
import { ShortPartialError, openChunkFile } from './chunk-file.js'
import type { ChunkFile } from './chunk-file.js'
import { HASH_BYTES, chunkCount, hashFile, sameBytes, sha256 } from './hashing.js'
import { existingFile, land } from './landing.js'
import type { Uint8ArrayList } from 'uint8arraylist'
import type { FileSink } from '../services/files/index.js'
import type { EntryRecord, FileStore } from '../store/files.js'

/**
 * Before a run, what a crash may have left: a partial shorter than what the
 * database counts as verified (cut or deleted by hand) starts that file over;
 * a file verified to its last chunk but not yet in place (killed between the
 * last chunk and the landing) is checked whole and landed now; one that
 * landed but whose "done" was not written is recognised in place by its
 * SHA-256. So no file is fetched twice or lands twice.
 */
export async function checkPartials (dir: string, id: string, entries: EntryRecord[], store: FileStore): Promise<void> {
  for (const e of entries) {
    if (e.state !== 'waiting' || e.doneBytes === 0) continue
    const partial = join(partialDir(dir, id), String(e.idx))
    const have = await stat(partial).then(st => st.size, () => -1)
    if (e.doneBytes === e.size && have === e.size) {
      const whole = await hashFile(partial)
      if (sameBytes(whole.sha256, e.sha256)) {
        store.setEntry(id, e.idx, 'done', e.size, await land(dir, e.path, partial))
        e.state = 'done'
        continue
      }
    } else if (e.doneBytes === e.size && have === -1) {
      const there = await existingFile(dir, e.path)
      const whole = there == null ? undefined : await hashFile(there).catch(() => undefined)
      if (whole != null && sameBytes(whole.sha256, e.sha256)) {
        store.setEntry(id, e.idx, 'done', e.size, e.path)
        e.state = 'done'
        continue
      }
    } else if (have >= e.doneBytes) {
      continue
    }
    await rm(partial, { force: true })
    e.doneBytes = 0
    store.setEntry(id, e.idx, 'waiting', 0)
  }
}

export function partialDir (dir: string, id: string): string {
  return join(dir, PARTIAL_DIR, id)
}

/** Removes a transfer's partial files, and the partial folder itself once no other transfer has any there. */
export async function removePartials (dir: string, id: string): Promise<void> {
  await rm(partialDir(dir, id), { recursive: true, force: true })
  // ENOTEMPTY: another transfer into this folder has its partials there
  await rmdir(join(dir, PARTIAL_DIR)).catch(() => {})
}

interface Current {
  entry: EntryRecord
  hashList: Uint8Array
  hashesIn: number
  /** the partial file, written from `file.buffer` */
  file: ChunkFile
  /** bytes verified and written */
  done: number
  /** bytes of the chunk being gathered, in `file.buffer` */
  pendingBytes: number
}

export interface ReceivingInit {
  id: string
  dir: string
  entries: EntryRecord[]
  store: FileStore
  /** bytes verified so far over the whole transfer */
  onProgress(bytesDone: number): void
}

export class Receiving implements FileSink {
  readonly wants: Array<{ index: number, offset: number }>
  private readonly init: ReceivingInit
  private readonly byIndex = new Map<number, EntryRecord>()
  private current?: Current
  /** the chunk buffer, one for the whole run (its files come one at a time) */
  private buffer?: Uint8Array<ArrayBuffer>
  private remaining: number
  private bytesDone: number

  constructor (init: ReceivingInit) {
    this.init = init
    const open = init.entries.filter(e => e.state === 'waiting' && e.size > 0)
    for (const e of open) this.byIndex.set(e.idx, e)
    this.wants = open.map(e => ({ index: e.idx, offset: e.doneBytes }))
    this.remaining = open.length
    this.bytesDone = init.entries.reduce((n, e) => n + (e.state === 'waiting' ? e.doneBytes : e.size), 0)
  }

  partialPath (index: number): string {
    return join(partialDir(this.init.dir, this.init.id), String(index))
  }

  async hashes (index: number, first: number, hashes: Uint8Array): Promise<void> {
    const cur = first === 0 ? await this.begin(index) : this.current
    if (cur == null || cur.entry.idx !== index) throw new TransferStoppedError(Status.INVALID, 'hashes for a file not asked for')
    if (first !== cur.hashesIn / HASH_BYTES || hashes.byteLength % HASH_BYTES !== 0 || cur.hashesIn + hashes.byteLength > cur.hashList.byteLength) {
      throw new TransferStoppedError(Status.INVALID, 'the hash list arrived out of order or too long')
    }
    cur.hashList.set(hashes, cur.hashesIn)
    cur.hashesIn += hashes.byteLength
    if (cur.hashesIn === cur.hashList.byteLength && !sameBytes(sha256(cur.hashList), cur.entry.chunks)) {
      await this.discard(cur)
      throw new TransferStoppedError(Status.CORRUPT, `the hash list of ${cur.entry.path} does not match the offer`)
    }
  }

  /** A file's first hash-list frame opens its partial (hashing what a restart left). */
  private async begin (index: number): Promise<Current> {
    const entry = this.byIndex.get(index)
    if (entry == null) throw new TransferStoppedError(Status.INVALID, 'data for a file not asked for')
    if (this.current != null) throw new TransferStoppedError(Status.INVALID, `${this.current.entry.path} ended early`)
    await mkdir(partialDir(this.init.dir, this.init.id), { recursive: true })
    let file
    try {
      file = await openChunkFile(this.partialPath(index), entry.doneBytes, this.chunkBuffer())
    } catch (err) {
      if (err instanceof ShortPartialError) throw new TransferStoppedError(Status.INVALID, `the partial file of ${entry.path} is shorter than what was verified`)
      throw err
    }
    this.current = { entry, hashList: new Uint8Array(chunkCount(entry.size) * HASH_BYTES), hashesIn: 0, file, done: entry.doneBytes, pendingBytes: 0 }
    return this.current
  }

  /** The run's chunk buffer: a chunk, or the largest file's size if that is less. */
  private chunkBuffer (): Uint8Array<ArrayBuffer> {
    this.buffer ??= new Uint8Array([...this.byIndex.values()].reduce((n, e) => Math.max(n, Math.min(FILE_CHUNK_BYTES, e.size)), 1))
    return this.buffer
  }

  async data (index: number, offset: number, bytes: Uint8Array | Uint8ArrayList): Promise<void> {
    const cur = this.current
    if (cur == null) throw new TransferStoppedError(Status.INVALID, 'data arrived before the hash list')
    if (cur.entry.idx !== index || offset !== cur.done + cur.pendingBytes) throw new TransferStoppedError(Status.INVALID, 'data arrived out of order')
    if (cur.hashesIn !== cur.hashList.byteLength) throw new TransferStoppedError(Status.INVALID, 'data arrived before the hash list')
    if (offset + bytes.byteLength > cur.entry.size) {
      await this.discard(cur)
      throw new TransferStoppedError(Status.CORRUPT, `more data than the ${cur.entry.size} bytes offered for ${cur.entry.path}: the partial file was deleted`)
    }
    // into the chunk buffer; a frame may end a chunk anywhere (ours end with one), the rest begins the next
    for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) {
      for (let from = 0; from < piece.byteLength;) {
        const chunkEnd = Math.min(cur.entry.size, (Math.floor(cur.done / FILE_CHUNK_BYTES) + 1) * FILE_CHUNK_BYTES)
        const take = Math.min(piece.byteLength - from, chunkEnd - cur.done - cur.pendingBytes)
        cur.file.buffer.set(piece.subarray(from, from + take), cur.pendingBytes)
        cur.pendingBytes += take
        from += take
        if (cur.done + cur.pendingBytes === chunkEnd) await this.chunk(cur)
      }
    }
  }

  private async chunk (cur: Current): Promise<void> {
    const length = cur.pendingBytes
    cur.pendingBytes = 0
    const n = cur.done / FILE_CHUNK_BYTES
    let matched
    try {
      matched = await cur.file.write(length, cur.hashList.subarray(n * HASH_BYTES, (n + 1) * HASH_BYTES))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC' || (err as NodeJS.ErrnoException).code === 'EDQUOT') {
        await cur.file.close()
        this.current = undefined
        throw new TransferStoppedError(Status.DISK_FULL, 'the receiver\'s disk is full; the transfer goes on from here once there is room')
      }
      throw err
    }
    if (!matched) {
      await this.discard(cur)
      throw new TransferStoppedError(Status.CORRUPT, `chunk ${n} of ${cur.entry.path} does not match its hash: the partial file was deleted`)
    }
    cur.done += length
    this.bytesDone += length
    this.init.store.saveProgress(this.init.id, cur.entry.idx, cur.done)
    failpoint('file-chunk-verified')
    this.init.onProgress(this.bytesDone)
    if (cur.done === cur.entry.size) await this.finish(cur)
  }

  private async finish (cur: Current): Promise<void> {
    this.current = undefined
    if (!sameBytes(await cur.file.finish(), cur.entry.sha256)) {
      await rm(this.partialPath(cur.entry.idx), { force: true })
      this.init.store.setEntry(this.init.id, cur.entry.idx, 'waiting', 0)
      throw new TransferStoppedError(Status.CORRUPT, `${cur.entry.path} does not match its SHA-256: the partial file was deleted`)
    }
    const landed = await land(this.init.dir, cur.entry.path, this.partialPath(cur.entry.idx))
    this.init.store.setEntry(this.init.id, cur.entry.idx, 'done', cur.entry.size, landed)
    failpoint('file-landed')
    this.remaining--
  }

  private async discard (cur: Current): Promise<void> {
    await cur.file.close()
    this.current = undefined
    await rm(this.partialPath(cur.entry.idx), { force: true })
    this.init.store.setEntry(this.init.id, cur.entry.idx, 'waiting', 0)
  }

  /** Makes each empty file of a transfer (never fetched: nothing to send) if its SHA-256 is the empty one; else the offer lied. */
  static async makeEmpty (id: string, dir: string, entries: EntryRecord[], store: FileStore): Promise<void> {
    for (const e of entries) {
      if (e.state !== 'waiting' || e.size !== 0) continue
      if (!sameBytes(e.sha256, sha256(new Uint8Array(0)))) throw new TransferStoppedError(Status.CORRUPT, `${e.path} is offered empty with the hash of something else`)
      await mkdir(partialDir(dir, id), { recursive: true })
      const partial = join(partialDir(dir, id), String(e.idx))
      await writeFile(partial, new Uint8Array(0))
      store.setEntry(id, e.idx, 'done', 0, await land(dir, e.path, partial))
    }
  }

  complete (): boolean {
    return this.remaining === 0
  }

  /** Closes what is open (a run that broke off); the partial stays for the next run. */
  async close (): Promise<void> {
    const cur = this.current
    this.current = undefined
    await cur?.file.close().catch(() => {})
  }
}
