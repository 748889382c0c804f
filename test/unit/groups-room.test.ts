/**
 * The everyone room's repair, with real stores and a stub transport: bob
 * gets alice's posts 1 and 3 by gossip (2 was lost): the gap makes him ask
 * the peer that handed 3 on; carol missed the last post and gets it when
 * she compares heads; a peer the index never registered is told nothing;
 * dave, new, takes a long backlog over a few rounds, and a peer that keeps
 * answering the same posts does not hold him in a loop.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOM_REPAIR_PER_ROUND } from '../../node/groups/constants.js'
import { GroupLedger } from '../../node/groups/ledger.js'
import { GossipRoom } from '../../node/groups/room.js'
import { everyoneKind } from '../../node/groups/room-kinds.js'
import { GroupStore } from '../../node/groups/store.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { GROUP_BATCH_ITEMS } from '../../protocols/constants.js'
import { GroupPost, ItemKind, SignedItem, signItem } from '../../protocols/groups/item.js'
import type { GroupRequest, GroupResponse } from '../../protocols/groups/pb/groups.js'
import type { PrivateKey } from '@libp2p/interface'
import type { DatabaseSync } from 'node:sqlite'

const dirs: string[] = []
const dbs: DatabaseSync[] = []
afterAll(() => {
  for (const db of dbs) db.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const keys = await Promise.all([0, 1, 2, 3].map(async () => await generateKeyPair('Ed25519')))
const ids = keys.map(k => peerIdFromPrivateKey(k).toString())
const rooms = new Map<string, GossipRoom>()
const asked: Array<{ by: string, to: string, request: GroupRequest }> = []

function member (k: number, answerer?: (request: GroupRequest) => GroupResponse): { room: GossipRoom, store: GroupStore } {
  const dir = mkdtempSync(join(tmpdir(), 'lanchat-room-'))
  dirs.push(dir)
  const db = openProfileDatabase(dir)
  dbs.push(db)
  const store = new GroupStore(db)
  const people = { registered: () => [], isRegistered: (id: string) => ids.includes(id), isOnline: () => true, isBlocked: () => false }
  const ledger = new GroupLedger({ self: peerIdFromPrivateKey(keys[k]), store, people, onGroupChange: () => {}, onPost: () => {} })
  const room = new GossipRoom(everyoneKind(people), {
    self: peerIdFromPrivateKey(keys[k]),
    store,
    ledger,
    gossip: { publish: async () => 0, peers: () => ids.filter(id => id !== ids[k]), subscribe: () => {}, unsubscribe: () => {}, connected: () => true },
    ask: async (peer: string, request: GroupRequest): Promise<GroupResponse> => {
      asked.push({ by: ids[k], to: peer, request })
      const answer = answerer != null ? answerer(request) : rooms.get(peer)?.answer(request, ids[k])
      if (answer == null) throw new Error('no answer')
      return answer
    },
    connect: async () => {}
  })
  rooms.set(ids[k], room)
  return { room, store }
}

function post (key: PrivateKey, seq: number): Uint8Array {
  const p: GroupPost = { group: 'everyone', id: `alice-${seq}`, from: peerIdFromPrivateKey(key).toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: 'alice', seq, sentAt: 1000 + seq, body: `post ${seq}`, groupVersion: 0 }
  return SignedItem.encode(signItem(ItemKind.POST, GroupPost.encode(p), key))
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise(resolve => setImmediate(resolve))
  expect(check()).toBe(true)
}

describe('the everyone room repairs what gossip lost', () => {
  const alice = member(0)
  const bob = member(1)
  const carol = member(2)

  it('a gap in a sender\'s seq makes the member ask the peer that handed the post on', async () => {
    // alice's own posts, as her send commits them before publishing
    for (const seq of [1, 2, 3]) {
      alice.store.addOutgoing({ id: `alice-${seq}`, groupId: 'everyone', sender: ids[0], fromName: 'alice', seq, sentAt: 1000 + seq, body: `post ${seq}`, groupVersion: 0 }, post(keys[0], seq), [])
      await alice.room.publish(SignedItem.decode(post(keys[0], seq)))
    }
    expect(bob.room.onGossip(post(keys[0], 1), ids[0])).toBe('stored')
    expect(bob.room.onGossip(post(keys[0], 3), ids[2])).toBe('stored')
    // carol handed 3 on but does not have 2; bob asked her, then nobody else: the next heads round finds it
    await until(() => asked.some(a => a.by === ids[1] && a.to === ids[2] && a.request.want != null))
    expect(bob.store.history('everyone', 10).map(p => p.body)).toEqual(['post 1', 'post 3'])
    await bob.room.sync(ids[0])
    expect(bob.store.history('everyone', 10).map(p => p.body)).toEqual(['post 1', 'post 2', 'post 3'])
  })

  it('a member that missed the last posts gets them when it compares heads; a duplicate is stored once', async () => {
    expect(carol.room.onGossip(post(keys[0], 1), ids[1])).toBe('stored')
    await carol.room.sync(ids[1])
    expect(carol.store.history('everyone', 10).map(p => p.body)).toEqual(['post 1', 'post 2', 'post 3'])
    expect(carol.room.onGossip(post(keys[0], 3), ids[0])).toBe('duplicate')
  })

  it('answers only registered users, and ignores posts from senders it does not know', async () => {
    const stranger = await generateKeyPair('Ed25519')
    const who = peerIdFromPrivateKey(stranger).toString()
    expect(alice.room.answer({ heads: { group: 'everyone', heads: [] } }, who)).toBeUndefined()
    expect(alice.room.answer({ heads: { group: 'everyone', heads: [] } }, ids[1])?.heads?.heads).toHaveLength(1)
    expect(bob.room.onGossip(post(stranger, 1), ids[0])).toBe('ignored')
    expect(bob.room.onGossip(new Uint8Array([1, 2, 3]), ids[0])).toBe('refused')
  })

  it('a long backlog comes over rounds, a bounded number each; a peer answering the same posts again ends the round', async () => {
    const backlog = ROOM_REPAIR_PER_ROUND + 300
    for (let seq = 4; seq <= backlog; seq++) {
      alice.store.addOutgoing({ id: `alice-${seq}`, groupId: 'everyone', sender: ids[0], fromName: 'alice', seq, sentAt: 1000 + seq, body: `post ${seq}`, groupVersion: 0 }, post(keys[0], seq), [])
      await alice.room.publish(SignedItem.decode(post(keys[0], seq)))
    }
    const dave = member(3)
    await dave.room.sync(ids[0])
    expect(dave.store.history('everyone', backlog + 10)).toHaveLength(ROOM_REPAIR_PER_ROUND)
    await dave.room.sync(ids[0])
    expect(dave.store.history('everyone', backlog + 10).map(p => p.body)).toEqual(Array.from({ length: backlog }, (_, i) => `post ${i + 1}`))

    // a peer that answers every want with a full page of the same old post
    const same = Array.from({ length: GROUP_BATCH_ITEMS }, () => SignedItem.decode(post(keys[0], 1)))
    let wants = 0
    const looping = member(3, request => {
      if (request.heads != null) return { heads: { group: 'everyone', heads: [{ sender: peerIdFromPrivateKey(keys[0]).toMultihash().bytes, seq: backlog }] } }
      wants++
      return { items: { items: same } }
    })
    await looping.room.sync(ids[0])
    expect(looping.store.history('everyone', 10).map(p => p.body)).toEqual(['post 1'])
    expect(wants).toBe(2)
  })
})
