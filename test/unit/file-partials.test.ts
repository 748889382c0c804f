/**
 * What a receiver finds after a crash, before it fetches again
 * (checkPartials in node/files/receive.ts): each way a kill can cut the end
 * of a file is finished without fetching it again or landing it twice.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkPartials, partialDir } from '../../node/files/receive.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { FileStore } from '../../node/store/files.js'

const cleanup: Array<() => void> = []
afterAll(() => { for (const f of cleanup) f() })

function setUp (content: Uint8Array, doneBytes: number): { dir: string, store: FileStore, partial: string } {
  const profile = mkdtempSync(join(tmpdir(), 'lanchat-partials-'))
  const db = openProfileDatabase(profile)
  cleanup.push(() => { db.close(); rmSync(profile, { recursive: true, force: true }) })
  const store = new FileStore(db)
  const sha = new Uint8Array(createHash('sha256').update(content).digest())
  store.create({ id: 't1', direction: 'in', peerId: 'p', peerName: 'alice', state: 'paused', size: content.byteLength, fileCount: 1, sentAt: 1, dir: join(profile, 'downloads') },
    [{ idx: 0, path: 'docs/a.bin', size: content.byteLength, sha256: sha, chunks: sha }])
  store.setEntry('t1', 0, 'waiting', doneBytes)
  const dir = join(profile, 'downloads')
  mkdirSync(partialDir(dir, 't1'), { recursive: true })
  return { dir, store, partial: join(partialDir(dir, 't1'), '0') }
}

describe('after a crash, a receiver', () => {
  it('lands a file verified to its last chunk but killed before it was moved into place', async () => {
    const content = randomBytes(5000)
    const { dir, store, partial } = setUp(content, 5000)
    writeFileSync(partial, content)
    await checkPartials(dir, 't1', store.entries('t1'), store)
    expect(store.entries('t1')[0]).toMatchObject({ state: 'done', landed: 'docs/a.bin' })
    expect(readFileSync(join(dir, 'docs/a.bin')).equals(content)).toBe(true)
    expect(readdirSync(partialDir(dir, 't1'))).toEqual([])
  })

  it('recognises a file that landed but whose "done" was not written, and does not land it again', async () => {
    const content = randomBytes(5000)
    const { dir, store } = setUp(content, 5000)
    mkdirSync(join(dir, 'docs'))
    writeFileSync(join(dir, 'docs/a.bin'), content)
    await checkPartials(dir, 't1', store.entries('t1'), store)
    expect(store.entries('t1')[0]).toMatchObject({ state: 'done', landed: 'docs/a.bin' })
    expect(readdirSync(join(dir, 'docs'))).toEqual(['a.bin'])
  })

  it('starts a file over when its partial is shorter than what was verified, or does not match', async () => {
    const content = randomBytes(5000)
    const cut = setUp(content, 4000)
    writeFileSync(cut.partial, content.subarray(0, 100))
    await checkPartials(cut.dir, 't1', cut.store.entries('t1'), cut.store)
    expect(cut.store.entries('t1')[0]).toMatchObject({ state: 'waiting', doneBytes: 0 })

    const bad = setUp(content, 5000)
    writeFileSync(bad.partial, randomBytes(5000))
    await checkPartials(bad.dir, 't1', bad.store.entries('t1'), bad.store)
    expect(bad.store.entries('t1')[0]).toMatchObject({ state: 'waiting', doneBytes: 0 })
    expect(readdirSync(partialDir(bad.dir, 't1'))).toEqual([])
  })

  it('keeps a partial that holds what was verified (and perhaps more, cut at the next start)', async () => {
    const content = randomBytes(5000)
    const { dir, store, partial } = setUp(content, 1000)
    writeFileSync(partial, content.subarray(0, 3000))
    await checkPartials(dir, 't1', store.entries('t1'), store)
    expect(store.entries('t1')[0]).toMatchObject({ state: 'waiting', doneBytes: 1000 })
  })
})
