/**
 * The hashes of a file as the file protocol announces them
 * (docs/protocols.md, 10): its SHA-256, the SHA-256 of each chunk of
 * FILE_CHUNK_BYTES (the hash list) and the list's root. Reads the file once,
 * a chunk at a time, so memory stays at one chunk whatever the size.
 *
 * @example
 * ```ts
 * const { sha256, hashList, chunks } = await hashFile('/home/alice/big.iso')
 * ```
 */
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { FILE_CHUNK_BYTES } from '../../protocols/constants.js'
import type { FileHandle } from 'node:fs/promises'

export const HASH_BYTES = 32

export interface FileHashes {
  size: number
  mtimeMs: number
  sha256: Uint8Array<ArrayBuffer>
  /** the chunks' SHA-256s, 32 bytes each, in order */
  hashList: Uint8Array<ArrayBuffer>
  /** SHA-256 of `hashList` */
  chunks: Uint8Array<ArrayBuffer>
}

export function sha256 (bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(bytes).digest())
}

/** Chunks in a file of `size` bytes. */
export function chunkCount (size: number): number {
  return Math.ceil(size / FILE_CHUNK_BYTES)
}

/**
 * Reads exactly `length` bytes at `position` (fewer only at the end of the
 * file), into a new buffer, or into `into` when given (a view of it comes
 * back): a loop that only hashes what it reads reuses one buffer instead of
 * leaving a MiB of garbage per chunk (hundreds of MiB of them for a big
 * file grew the daemon's RSS by tens of MiB before the next full GC).
 */
export async function readFully (fh: FileHandle, position: number, length: number, into?: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const buf = into ?? new Uint8Array(length)
  let got = 0
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got)
    if (bytesRead === 0) break
    got += bytesRead
  }
  if (into != null) return into.subarray(0, got)
  return got === length ? buf : buf.slice(0, got)
}

/** Hashes a regular file (a symlink is refused: O_NOFOLLOW). */
export async function hashFile (path: string): Promise<FileHashes> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    const st = await fh.stat()
    const whole = createHash('sha256')
    const list = new Uint8Array(chunkCount(st.size) * HASH_BYTES)
    const buf = new Uint8Array(Math.min(FILE_CHUNK_BYTES, st.size))
    for (let i = 0; i * FILE_CHUNK_BYTES < st.size; i++) {
      const chunk = await readFully(fh, i * FILE_CHUNK_BYTES, Math.min(FILE_CHUNK_BYTES, st.size - i * FILE_CHUNK_BYTES), buf)
      whole.update(chunk)
      list.set(sha256(chunk), i * HASH_BYTES)
      if (i % 64 === 63) await yieldToLoop()
    }
    return { size: st.size, mtimeMs: Math.floor(st.mtimeMs), sha256: new Uint8Array(whole.digest()), hashList: list, chunks: sha256(list) }
  } finally {
    await fh.close()
  }
}

export function sameBytes (a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
}
