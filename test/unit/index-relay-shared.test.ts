/**
 * The index server's relay store with shared bodies: a group item for ten
 * offline members is stored once (body bytes counted once on disk, each
 * member's envelope only its key wrap), each member fetches the body with
 * its own wrap (one SealedItem it opens, the others' wraps absent), the body
 * goes when the last member acked or the envelopes expired; an index
 * database made by the release before opens and is migrated.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { afterEach, describe, expect, it } from 'vitest'
import { INDEX_DB_FILE, INDEX_SCHEMA_VERSION, openIndexStore } from '../../index-server/store.js'
import { GroupPost, ItemKind, signItem } from '../../protocols/groups/item.js'
import { SealedItem, Wrap, openSealedItem, sealItem, sealedBody } from '../../protocols/groups/seal.js'

const FIXTURE = resolve(import.meta.dirname, '../fixtures/index-before-groups.db')
const QUOTA = { count: 100, bytes: 4 << 20, senderCount: 50, senderBytes: 2 << 20 }
const dirs: string[] = []
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

function dataDir (): string {
  const dir = mkdtempSync(join(tmpdir(), 'lanchat-index-shared-'))
  dirs.push(dir)
  return dir
}

const alice = await generateKeyPair('Ed25519')
const members = await Promise.all(Array.from({ length: 10 }, async () => await generateKeyPair('Ed25519')))
const memberIds = members.map(k => peerIdFromPrivateKey(k))

function groupItem (body: string): SealedItem {
  const post: GroupPost = { group: 'g1', id: 'p1', from: peerIdFromPrivateKey(alice).toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: 'alice', seq: 1, sentAt: 1, body, groupVersion: 1 }
  return sealItem(signItem(ItemKind.POST, GroupPost.encode(post), alice), memberIds)
}

describe('shared bodies at the relay', () => {
  it('ten offline members: the body is stored once, each fetches it with its own wrap and opens it', () => {
    const store = openIndexStore(dataDir())
    const marker = 'quarterly numbers marker 5521 '.repeat(300)
    const sealed = groupItem(marker)
    const body = sealedBody(sealed)
    for (let k = 0; k < 10; k++) {
      const r = store.relay.deposit({ id: `g-${k}`, sender: 'alice', recipient: `m${k}`, recipientPeerId: memberIds[k].toString(), depositedAt: 1000, payload: Wrap.encode(sealed.wraps[k]) }, QUOTA, { id: 'p1', body })
      expect(r).toEqual({ ok: true, duplicate: false })
    }
    // the body once, not ten times
    expect(store.relay.bodyBytes()).toBe(body.length)
    expect(body.length).toBeGreaterThan(marker.length)
    for (let k = 0; k < 10; k++) {
      const { envelopes } = store.relay.fetch(memberIds[k].toString(), 10, 1 << 20)
      expect(envelopes).toHaveLength(1)
      const mine = SealedItem.decode(envelopes[0].payload)
      expect(mine.wraps).toHaveLength(1)
      const opened = openSealedItem(mine, members[k], memberIds[k])
      expect(GroupPost.decode(opened.item).body).toBe(marker)
    }
    // acks free the body only once the last member took it
    for (let k = 0; k < 9; k++) store.relay.ack(memberIds[k].toString(), [`g-${k}`])
    expect(store.relay.bodyBytes()).toBe(body.length)
    store.relay.ack(memberIds[9].toString(), ['g-9'])
    expect(store.relay.bodyBytes()).toBe(0)
    store.close()
  })

  it('the database holds no plaintext, and expiry frees the body with the envelopes', () => {
    const dir = dataDir()
    const store = openIndexStore(dir)
    const sealed = groupItem('plaintext marker 9031')
    for (let k = 0; k < 3; k++) store.relay.deposit({ id: `g-${k}`, sender: 'alice', recipient: `m${k}`, recipientPeerId: memberIds[k].toString(), depositedAt: 1000, payload: Wrap.encode(sealed.wraps[k]) }, QUOTA, { id: 'p1', body: sealedBody(sealed) })
    store.close()
    const raw = new DatabaseSync(join(dir, INDEX_DB_FILE), { readOnly: true })
    const bytes = (raw.prepare('SELECT body FROM bodies').all() as Array<{ body: Uint8Array }>).map(r => Buffer.from(r.body))
    raw.close()
    expect(bytes).toHaveLength(1)
    expect(bytes[0].includes('plaintext marker 9031')).toBe(false)
    const again = openIndexStore(dir)
    expect(again.relay.expire(2000).count).toBe(3)
    expect(again.relay.bodyBytes()).toBe(0)
    again.close()
  })

  it('an index database made by the release before opens, is migrated, and keeps its envelopes', () => {
    const dir = dataDir()
    copyFileSync(FIXTURE, join(dir, INDEX_DB_FILE))
    const store = openIndexStore(dir)
    const { envelopes } = store.relay.fetch('12D3KooWLm2Vh8yZ1kB4Yc4ZaXqfGv9uRfJr2qS3iBZxq8n9o7bP', 10, 1 << 20)
    expect(envelopes.map(e => Buffer.from(e.payload).toString())).toEqual(['sealed bytes of the release before groups'])
    expect(store.names.byName('alice')?.peerId).toBe('12D3KooWLm2Vh8yZ1kB4Yc4ZaXqfGv9uRfJr2qS3iBZxq8n9o7bP')
    store.close()
    const raw = new DatabaseSync(join(dir, INDEX_DB_FILE), { readOnly: true })
    expect((raw.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(INDEX_SCHEMA_VERSION)
    raw.close()
  })

  it('a database written by a newer lanchat-index is refused with a sentence', () => {
    const dir = dataDir()
    openIndexStore(dir).close()
    const raw = new DatabaseSync(join(dir, INDEX_DB_FILE))
    raw.exec(`PRAGMA user_version = ${INDEX_SCHEMA_VERSION + 1}`)
    raw.close()
    expect(() => openIndexStore(dir)).toThrow(/newer lanchat-index/)
  })
})
