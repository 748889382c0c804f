/**
 * One incoming transfer run (a FileSink): which files and offsets to ask for,
 * and what to do with what arrives. Chunks are gathered in memory (one chunk
 * at most), checked against the hash list (itself checked against the
 * offer's root), and only then written to the partial file
 * (`<dir>/.lanchat-partial/<id>/<index>`) and counted as verified in the
 * database: a restart resumes at the first chunk not verified. A file whose
 * whole SHA-256 matches lands in place (landing.ts); a failed check deletes
 * its partial and stops the run with CORRUPT; a full disk stops it with
 * DISK_FULL and keeps the partial.
 */
import { createHash } from 'node:crypto'
import { mkdir, open, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FILE_CHUNK_BYTES } from '../../protocols/constants.js'
import { Status } from '../../protocols/files/pb/files.js'
import { PARTIAL_DIR } from '../../protocols/files/paths.js'
import { failpoint } from '../../runtime/failpoint.js'
import { TransferStoppedError } from '../services/files/errors.js'
import { HASH_BYTES, chunkCount, hashFile, readFully, sameBytes, sha256 } from './hashing.js'
import { existingFile, land } from './landing.js'
import type { Uint8ArrayList } from 'uint8arraylist'
import type { FileSink } from '../services/files/index.js'
import type { EntryRecord, FileStore } from '../store/files.js'
import type { Hash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'

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

/** Writes `pieces` one after another at `position` (one writev; the rest again if the kernel took less). */
async function writeAll (fh: FileHandle, pieces: Uint8Array[], position: number): Promise<void> {
  let { bytesWritten } = await fh.writev(pieces, position)
  let at = position + bytesWritten
  for (const piece of pieces) {
    if (bytesWritten >= piece.byteLength) {
      bytesWritten -= piece.byteLength
      continue
    }
    for (let from = bytesWritten; from < piece.byteLength;) {
      const wrote = (await fh.write(piece, from, piece.byteLength - from, at)).bytesWritten
      from += wrote
      at += wrote
    }
    bytesWritten = 0
  }
}

export function partialDir (dir: string, id: string): string {
  return join(dir, PARTIAL_DIR, id)
}

interface Current {
  entry: EntryRecord
  hashList: Uint8Array
  hashesIn: number
  fh: FileHandle
  /** SHA-256 of the whole file so far: what was written, then what is pending */
  whole: Hash
  /** SHA-256 of the pending bytes (the chunk being gathered) */
  chunk: Hash
  /** bytes verified and written */
  done: number
  pending: Uint8Array[]
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
    const path = this.partialPath(index)
    await mkdir(partialDir(this.init.dir, this.init.id), { recursive: true })
    const fh = await open(path, 'a+')
    const have = (await fh.stat()).size
    if (have < entry.doneBytes) throw new TransferStoppedError(Status.INVALID, `the partial file of ${entry.path} is shorter than what was verified`)
    if (have > entry.doneBytes) await truncate(path, entry.doneBytes)
    const whole = createHash('sha256')
    const buf = entry.doneBytes > 0 ? new Uint8Array(Math.min(FILE_CHUNK_BYTES, entry.doneBytes)) : undefined
    for (let at = 0; at < entry.doneBytes; at += FILE_CHUNK_BYTES) whole.update(await readFully(fh, at, Math.min(FILE_CHUNK_BYTES, entry.doneBytes - at), buf))
    this.current = { entry, hashList: new Uint8Array(chunkCount(entry.size) * HASH_BYTES), hashesIn: 0, fh, whole, chunk: createHash('sha256'), done: entry.doneBytes, pending: [], pendingBytes: 0 }
    return this.current
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
    // both hashes as the bytes arrive, while they are in the cache (one pass, no copy of the chunk)
    for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) {
      cur.pending.push(piece)
      cur.chunk.update(piece)
      cur.whole.update(piece)
    }
    cur.pendingBytes += bytes.byteLength
    const chunkEnd = Math.min(cur.entry.size, (Math.floor(cur.done / FILE_CHUNK_BYTES) + 1) * FILE_CHUNK_BYTES)
    if (cur.done + cur.pendingBytes >= chunkEnd) await this.chunk(cur)
  }

  private async chunk (cur: Current): Promise<void> {
    const pieces = cur.pending
    const length = cur.pendingBytes
    const digest = cur.chunk.digest()
    cur.pending = []
    cur.pendingBytes = 0
    cur.chunk = createHash('sha256')
    const n = cur.done / FILE_CHUNK_BYTES
    if (!sameBytes(digest, cur.hashList.subarray(n * HASH_BYTES, (n + 1) * HASH_BYTES))) {
      await this.discard(cur)
      throw new TransferStoppedError(Status.CORRUPT, `chunk ${n} of ${cur.entry.path} does not match its hash: the partial file was deleted`)
    }
    try {
      await writeAll(cur.fh, pieces, cur.done)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC' || (err as NodeJS.ErrnoException).code === 'EDQUOT') {
        await cur.fh.close()
        this.current = undefined
        throw new TransferStoppedError(Status.DISK_FULL, 'the receiver\'s disk is full; the transfer goes on from here once there is room')
      }
      throw err
    }
    cur.done += length
    this.bytesDone += length
    this.init.store.saveProgress(this.init.id, cur.entry.idx, cur.done)
    failpoint('file-chunk-verified')
    this.init.onProgress(this.bytesDone)
    if (cur.done === cur.entry.size) await this.finish(cur)
  }

  private async finish (cur: Current): Promise<void> {
    await cur.fh.close()
    this.current = undefined
    if (!sameBytes(new Uint8Array(cur.whole.digest()), cur.entry.sha256)) {
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
    await cur.fh.close()
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
    await cur?.fh.close().catch(() => {})
  }
}
