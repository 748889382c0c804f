/**
 * The receiver's handling of what arrives (Receiving in node/files/receive.ts,
 * chunk-file.ts): data frames cut anywhere, also across chunk ends and in
 * pieces; a run cut off and started again from the partial (bytes written
 * after the last verified chunk are dropped, the whole-file hash is rebuilt
 * from disk); a chunk that does not match.
 */
import { createHash, randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Uint8ArrayList } from 'uint8arraylist'
import { afterAll, describe, expect, it } from 'vitest'
import { FILE_CHUNK_BYTES } from '../../protocols/constants.js'
import { Receiving, partialDir } from '../../node/files/receive.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { FileStore } from '../../node/store/files.js'

const cleanup: Array<() => void> = []
afterAll(() => { for (const f of cleanup) f() })

const sha = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(createHash('sha256').update(b).digest())

/** A transfer of one file as the sender would offer it, and its hash list. */
function setUp (content: Uint8Array): { dir: string, store: FileStore, hashList: Uint8Array } {
  const profile = mkdtempSync(join(tmpdir(), 'lanchat-receiving-'))
  const db = openProfileDatabase(profile)
  cleanup.push(() => { db.close(); rmSync(profile, { recursive: true, force: true }) })
  const store = new FileStore(db)
  const hashList = new Uint8Array(Math.ceil(content.byteLength / FILE_CHUNK_BYTES) * 32)
  for (let i = 0; i * FILE_CHUNK_BYTES < content.byteLength; i++) hashList.set(sha(content.subarray(i * FILE_CHUNK_BYTES, (i + 1) * FILE_CHUNK_BYTES)), i * 32)
  const dir = join(profile, 'downloads')
  store.create({ id: 't1', direction: 'in', peerId: 'p', peerName: 'alice', state: 'receiving', size: content.byteLength, fileCount: 1, sentAt: 1, dir },
    [{ idx: 0, path: 'big.bin', size: content.byteLength, sha256: sha(content), chunks: sha(hashList) }])
  return { dir, store, hashList }
}

function receiving (dir: string, store: FileStore): Receiving {
  return new Receiving({ id: 't1', dir, entries: store.entries('t1'), store, onProgress: () => {} })
}

/** Sends `content` from `from` in frames of `frameBytes`, every other one as a list of two pieces; stops before `until`. */
async function send (sink: Receiving, content: Uint8Array, hashList: Uint8Array, from: number, frameBytes: number, until = content.byteLength): Promise<void> {
  await sink.hashes(0, 0, hashList)
  for (let at = from, n = 0; at < until; at += frameBytes, n++) {
    const bytes = content.subarray(at, Math.min(until, at + frameBytes))
    const half = Math.floor(bytes.byteLength / 2)
    await sink.data(0, at, n % 2 === 0 ? bytes : new Uint8ArrayList(bytes.subarray(0, half), bytes.subarray(half)))
  }
}

describe('a receiver', () => {
  it('takes data frames cut anywhere (across chunk ends, in pieces) and lands the file byte-identical', async () => {
    const content = randomBytes(2 * FILE_CHUNK_BYTES + 12345)
    const { dir, store, hashList } = setUp(content)
    const sink = receiving(dir, store)
    expect(sink.wants).toEqual([{ index: 0, offset: 0 }])
    await send(sink, content, hashList, 0, 100_003)
    expect(sink.complete()).toBe(true)
    expect(readFileSync(join(dir, 'big.bin')).equals(content)).toBe(true)
    expect(store.entries('t1')[0]).toMatchObject({ state: 'done', doneBytes: content.byteLength })
  })

  it('goes on after a cut from the last verified chunk: bytes past it are dropped, the whole file still checks', async () => {
    const content = randomBytes(3 * FILE_CHUNK_BYTES + 777)
    const { dir, store, hashList } = setUp(content)
    const first = receiving(dir, store)
    // cut in the middle of the third chunk: two verified and written, the rest of the run lost
    await send(first, content, hashList, 0, 256 * 1024, 2 * FILE_CHUNK_BYTES + 5000)
    await first.close()
    expect(store.entries('t1')[0].doneBytes).toBe(2 * FILE_CHUNK_BYTES)
    // as if the process died after writing more than was verified
    appendFileSync(join(partialDir(dir, 't1'), '0'), randomBytes(4096))
    const again = receiving(dir, store)
    expect(again.wants).toEqual([{ index: 0, offset: 2 * FILE_CHUNK_BYTES }])
    await send(again, content, hashList, 2 * FILE_CHUNK_BYTES, 65_536)
    expect(again.complete()).toBe(true)
    expect(readFileSync(join(dir, 'big.bin')).equals(content)).toBe(true)
  })

  it('stops with CORRUPT at a chunk that does not match, deletes the partial and lands nothing', async () => {
    const content = randomBytes(2 * FILE_CHUNK_BYTES)
    const { dir, store, hashList } = setUp(content)
    const sink = receiving(dir, store)
    const damaged = Uint8Array.from(content)
    damaged[FILE_CHUNK_BYTES + 10] ^= 1
    await expect(send(sink, damaged, hashList, 0, 256 * 1024)).rejects.toMatchObject({ name: 'TransferStoppedError', message: /chunk 1 of big.bin does not match its hash/ })
    expect(existsSync(join(partialDir(dir, 't1'), '0'))).toBe(false)
    expect(existsSync(join(dir, 'big.bin'))).toBe(false)
    expect(store.entries('t1')[0]).toMatchObject({ state: 'waiting', doneBytes: 0 })
  })
})
