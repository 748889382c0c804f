/**
 * A partial file being received, written a verified chunk at a time, with
 * as little of the per-byte work as possible on the main thread: a chunk's
 * SHA-256 is computed in libuv's thread pool (WebCrypto's digest) and so is
 * its write; the main thread copies the arriving bytes into the chunk buffer
 * and keeps the whole file's SHA-256 (it needs every byte in order: there is
 * no incremental hash off the main thread). A receiving daemon was bound by
 * its one busy thread (about 95 % of a core while moving a file, a third of
 * it SHA-256 twice over every byte) while the machine had CPU to spare. A
 * worker thread for all of it was tried too: it cost 10-20 MiB of RSS for
 * its own V8 and Node, a third of what a transfer may add (README,
 * Performance: Files).
 *
 * @example
 * ```ts
 * const file = await openChunkFile('/downloads/.lanchat-partial/ID/0', 0, new Uint8Array(FILE_CHUNK_BYTES))
 * file.buffer.set(bytes)
 * if (!(await file.write(bytes.byteLength, expectedHash))) throw new Error('corrupt')
 * const sha256 = await file.finish()
 * ```
 */
import { createHash, webcrypto } from 'node:crypto'
import { open } from 'node:fs/promises'
import { FILE_CHUNK_BYTES } from '../../protocols/constants.js'
import { readFully, sameBytes } from './hashing.js'
import type { Hash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'

/** A partial file being received, with the buffer its chunks are gathered in. */
export interface ChunkFile {
  /** where the chunk being gathered goes */
  readonly buffer: Uint8Array<ArrayBuffer>
  /**
   * Checks `buffer[0, length)` against `expect` (SHA-256); if it matches,
   * appends it to the file and to the whole-file hash. Resolves false if it
   * does not match (nothing written); rejects with the system error (its
   * `code`, e.g. ENOSPC) if the write failed.
   */
  write(length: number, expect: Uint8Array): Promise<boolean>
  /** Closes the file; resolves with the SHA-256 of all of it. */
  finish(): Promise<Uint8Array>
  /** Closes the file (a run that broke off, or a discarded one). */
  close(): Promise<void>
}

/** A partial file that is shorter than what the database counts as verified. */
export class ShortPartialError extends Error {
  constructor () {
    super('the partial file is shorter than what was verified')
    this.name = 'ShortPartialError'
  }
}

/**
 * Opens the partial at `path` (made if missing) to append to it: one shorter
 * than `verified` rejects with ShortPartialError, a longer one is cut to it;
 * the whole-file hash starts from its first `verified` bytes (read again,
 * through `buffer`). `buffer` is where chunks are gathered (a run reuses one
 * for its files): a chunk long, or the file's size if that is less.
 */
export async function openChunkFile (path: string, verified: number, buffer: Uint8Array<ArrayBuffer>): Promise<ChunkFile> {
  const fh = await open(path, 'a+')
  let whole: Hash
  try {
    const have = (await fh.stat()).size
    if (have < verified) throw new ShortPartialError()
    if (have > verified) await fh.truncate(verified)
    whole = createHash('sha256')
    for (let at = 0; at < verified; at += FILE_CHUNK_BYTES) {
      const length = Math.min(FILE_CHUNK_BYTES, verified - at)
      const got = await readFully(fh, at, length, buffer)
      if (got.byteLength < length) throw new ShortPartialError()
      whole.update(got)
    }
  } catch (err) {
    await fh.close()
    throw err
  }
  let size = verified
  let closed = false
  /** a chunk that did not match or could not be written: the whole-file hash has it, so this file can take no more */
  let spoiled = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await fh.close()
  }
  return {
    buffer,
    async write (length, expect) {
      if (spoiled || closed) throw new Error('this partial file can take no more chunks')
      const chunk = buffer.subarray(0, length)
      spoiled = true
      // in the thread pool (it takes its own copy of the bytes), while the main thread hashes them into the whole
      const digest = webcrypto.subtle.digest('SHA-256', chunk)
      whole.update(chunk)
      if (!sameBytes(new Uint8Array(await digest), expect)) return false
      await writeAll(fh, chunk, size)
      size += length
      spoiled = false
      return true
    },
    async finish () {
      await close()
      return new Uint8Array(whole.digest())
    },
    close
  }
}

/** Writes all of `bytes` at `position` (again from where it stopped if the kernel took less). */
async function writeAll (fh: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let from = 0; from < bytes.byteLength;) {
    from += (await fh.write(bytes, from, bytes.byteLength - from, position + from)).bytesWritten
  }
}
