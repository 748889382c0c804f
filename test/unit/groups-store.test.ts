/**
 * The members' group store in a real profile database: a profile made by
 * the release before groups opens and is migrated (schema version
 * recorded, its history intact); a newer profile is refused untouched; a
 * post is stored once whatever way it comes; one history per group in the
 * same order on every member.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { PROFILE_SCHEMA_VERSION, profileSchemaVersion } from '../../node/groups/schema.js'
import { GroupStore, mergeSenders } from '../../node/groups/store.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { MessageStore } from '../../node/store/messages.js'
import { PROFILE_DB_FILE } from '../../node/profile-files.js'
import type { NewPost } from '../../node/groups/store.js'

const FIXTURE = resolve(import.meta.dirname, '../fixtures/profile-before-groups.db')
const dirs: string[] = []

function profile (): string {
  const dir = mkdtempSync(join(tmpdir(), 'lanchat-groups-store-'))
  dirs.push(dir)
  return dir
}

afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

function post (over: Partial<NewPost> = {}): NewPost {
  return { id: 'p1', groupId: 'g1', sender: 'bob', fromName: 'bob', seq: 1, sentAt: 1000, body: 'hi', groupVersion: 1, ...over }
}

describe('the profile database before and after groups', () => {
  it('a profile made by the release before groups opens, is migrated, and keeps its history', () => {
    const dir = profile()
    copyFileSync(FIXTURE, join(dir, PROFILE_DB_FILE))
    const before = new DatabaseSync(join(dir, PROFILE_DB_FILE), { readOnly: true })
    expect(profileSchemaVersion(before)).toBe(0)
    before.close()
    const db = openProfileDatabase(dir)
    expect(profileSchemaVersion(db)).toBe(PROFILE_SCHEMA_VERSION)
    const history = new MessageStore(db).history('12D3KooWLm2Vh8yZ1kB4Yc4ZaXqfGv9uRfJr2qS3iBZxq8n9o7bP', 10)
    expect(history.map(m => m.body)).toEqual(['made by the release before groups', 'and its answer'])
    const groups = new GroupStore(db)
    expect(groups.groups()).toEqual([])
    db.close()
    // opening it again changes nothing
    const again = openProfileDatabase(dir)
    expect(profileSchemaVersion(again)).toBe(PROFILE_SCHEMA_VERSION)
    again.close()
  })

  it('a profile written by a newer release is refused with a sentence, and left as it was', () => {
    const dir = profile()
    const db = openProfileDatabase(dir)
    db.exec(`PRAGMA user_version = ${PROFILE_SCHEMA_VERSION + 1}`)
    db.close()
    expect(() => openProfileDatabase(dir)).toThrow(/newer lanchat/)
    const look = new DatabaseSync(join(dir, PROFILE_DB_FILE), { readOnly: true })
    expect(profileSchemaVersion(look)).toBe(PROFILE_SCHEMA_VERSION + 1)
    look.close()
  })
})

describe('posts in the group store', () => {
  it('stores a post once: the id is the key; the same seq under another id is a conflict', () => {
    const db = openProfileDatabase(profile())
    const store = new GroupStore(db)
    expect(store.addIncoming(post(), new Uint8Array([1]))).toBe('stored')
    expect(store.addIncoming(post(), new Uint8Array([1]))).toBe('duplicate')
    expect(store.addIncoming(post({ id: 'p2' }), new Uint8Array([1]))).toBe('conflict')
    expect(store.history('g1', 10).map(p => p.id)).toEqual(['p1'])
    db.close()
  })

  it('a waiting post is kept once and leaves the waiting list when stored', () => {
    const db = openProfileDatabase(profile())
    const store = new GroupStore(db)
    expect(store.pend('p1', 'g1', new Uint8Array([1]))).toBe(true)
    expect(store.pend('p1', 'g1', new Uint8Array([1]))).toBe(false)
    expect(store.pendingCount('g1')).toBe(1)
    store.addIncoming(post(), new Uint8Array([1]))
    expect(store.pendingCount('g1')).toBe(0)
    db.close()
  })

  it('per-member progress only moves forward', () => {
    const db = openProfileDatabase(profile())
    const store = new GroupStore(db)
    store.addOutgoing(post({ sender: 'me' }), new Uint8Array([1]), ['bob', 'carol'])
    expect(store.advance('p1', 'bob', 'delivered')).toBe(true)
    expect(store.advance('p1', 'bob', 'relayed')).toBe(false)
    expect(store.advance('p1', 'bob', 'read')).toBe(true)
    expect(store.progress('p1').map(r => [r.member, r.state])).toEqual([['bob', 'read'], ['carol', 'queued']])
    expect(store.queuedFor('carol', 10).map(r => r.item)).toEqual(['p1'])
    db.close()
  })

  it('history: each sender in seq order, senders by sent time, ties by sender then seq; the same for any arrival order', () => {
    const lanes = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 30 })
    fc.assert(fc.property(lanes, fc.integer(), (steps, seed) => {
      const seqs = new Map<string, number>()
      const posts = steps.map(([sender, t], k) => {
        const seq = (seqs.get(sender) ?? 0) + 1
        seqs.set(sender, seq)
        return { id: `${sender}${seq}`, sender, seq, sentAt: t * 10 + (k % 3) }
      })
      const shuffled = [...posts].sort((x, y) => ((x.seq * 31 + seed) % 7) - ((y.seq * 31 + seed) % 7))
      const a = mergeSenders(posts).map(p => p.id)
      const b = mergeSenders(shuffled).map(p => p.id)
      // per sender, seq order
      for (const s of ['a', 'b', 'c']) {
        const mine = a.filter(id => id.startsWith(s))
        if (mine.join() !== mine.slice().sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))).join()) return false
      }
      return a.join() === b.join()
    }), { numRuns: 200 })
  })
})
