/**
 * The group wire contract (protocols/groups): signed records and posts, the
 * chain rule that picks the record that holds, and the many-recipient seal.
 * "alice creates the group; bob is made admin; carol, not an admin, tries to
 * change it; nothing she signs counts; bob and alice change it at once; every
 * member, whatever order the records reached it in, holds the same record."
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { currentRecord } from '../../protocols/groups/chain.js'
import { GroupPost, GroupRecord, ItemKind, SignedItem, groupIdOf, hex, itemHash, newNonce, openPost, openRecord, signItem } from '../../protocols/groups/item.js'
import { SealedItem, Wrap, openSealedItem, sealItem, sealedBody, withWrap } from '../../protocols/groups/seal.js'
import type { OpenedRecord } from '../../protocols/groups/item.js'
import type { PrivateKey } from '@libp2p/interface'

const [alice, bob, carol, dave] = await Promise.all([0, 1, 2, 3].map(async () => await generateKeyPair('Ed25519')))
const pid = (k: PrivateKey): ReturnType<typeof peerIdFromPrivateKey> => peerIdFromPrivateKey(k)
const bytes = (k: PrivateKey): Uint8Array<ArrayBuffer> => pid(k).toMultihash().bytes as Uint8Array<ArrayBuffer>
const names = new Map([[alice, 'alice'], [bob, 'bob'], [carol, 'carol'], [dave, 'dave']])

function failure (fn: () => unknown): string {
  try {
    fn()
    return 'opened'
  } catch (err) {
    return (err as Error).name
  }
}

function genesis (creator: PrivateKey, members: PrivateKey[], name = 'lunch'): OpenedRecord {
  const nonce = newNonce()
  const record: GroupRecord = {
    id: groupIdOf(bytes(creator), nonce),
    name,
    members: members.map(m => ({ peerId: bytes(m), name: names.get(m) ?? '?' })),
    admins: [bytes(creator)],
    version: 1,
    prev: new Uint8Array(),
    signer: bytes(creator),
    nonce
  }
  return openRecord(signItem(ItemKind.RECORD, GroupRecord.encode(record), creator))
}

/** `signer` changes `parent`: members and admins as given (default: unchanged). */
function change (parent: OpenedRecord, signer: PrivateKey, over: { members?: PrivateKey[], admins?: PrivateKey[], name?: string }): SignedItem {
  const r = parent.record
  const record: GroupRecord = {
    ...r,
    name: over.name ?? r.name,
    members: over.members?.map(m => ({ peerId: bytes(m), name: names.get(m) ?? '?' })) ?? r.members,
    admins: over.admins?.map(bytes) ?? r.admins,
    version: r.version + 1,
    prev: itemHash(parent.signed) as Uint8Array<ArrayBuffer>,
    signer: bytes(signer),
    nonce: new Uint8Array()
  }
  return signItem(ItemKind.RECORD, GroupRecord.encode(record), signer)
}

function post (from: PrivateKey, group: string, seq: number, body = 'hello'): SignedItem {
  const p: GroupPost = { group, id: `m-${seq}-${names.get(from) ?? ''}`, from: bytes(from), fromName: names.get(from) ?? '', seq, sentAt: 1000 + seq, body, groupVersion: 1 }
  return signItem(ItemKind.POST, GroupPost.encode(p), from)
}

describe('signed group items', () => {
  it('a record and a post open with every field intact and name their author', () => {
    const g = genesis(alice, [alice, bob])
    expect(g.signer).toBe(pid(alice).toString())
    expect(g.record.members.map(m => m.name)).toEqual(['alice', 'bob'])
    expect(g.hash).toBe(hex(itemHash(g.signed)))
    const opened = openPost(post(bob, g.record.id, 1, 'lunch at noon?'))
    expect(opened.sender).toBe(pid(bob).toString())
    expect(opened.post).toMatchObject({ group: g.record.id, seq: 1, body: 'lunch at noon?', fromName: 'bob' })
  })

  it('a forged signature, a changed byte, or another author fails with GroupItemError', () => {
    const good = post(bob, 'g1', 1)
    expect(failure(() => openPost({ ...good, signature: post(carol, 'g1', 1).signature }))).toBe('GroupItemError')
    // carol signs a post that says it is from bob
    const p = GroupPost.decode(good.item)
    expect(failure(() => openPost(signItem(ItemKind.POST, GroupPost.encode(p), carol)))).toBe('GroupItemError')
    fc.assert(fc.property(fc.integer({ min: 0, max: good.item.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
      const item = good.item.slice(); item[at] ^= flip
      return failure(() => openPost({ ...good, item })) === 'GroupItemError'
    }), { numRuns: 300 })
    // a post signature does not pass as a record's (the kind is signed)
    expect(failure(() => openRecord({ ...good, kind: ItemKind.RECORD }))).toBe('GroupItemError')
  })

  it('refuses malformed records: a genesis for an id its signer did not make, a stranger admin, duplicates', () => {
    const g = genesis(alice, [alice, bob])
    const stolen: GroupRecord = { ...g.record, signer: bytes(carol) }
    expect(failure(() => openRecord(signItem(ItemKind.RECORD, GroupRecord.encode(stolen), carol)))).toBe('GroupItemError')
    const nonce = newNonce()
    const notAdmin: GroupRecord = { ...g.record, id: groupIdOf(bytes(carol), nonce), nonce, signer: bytes(carol) }
    expect(failure(() => openRecord(signItem(ItemKind.RECORD, GroupRecord.encode(notAdmin), carol)))).toBe('GroupItemError')
    const twice: GroupRecord = { ...g.record, members: [...g.record.members, g.record.members[0]] }
    expect(failure(() => openRecord(signItem(ItemKind.RECORD, GroupRecord.encode(twice), alice)))).toBe('GroupItemError')
    const outsider: GroupRecord = { ...g.record, admins: [bytes(alice), bytes(dave)] }
    expect(failure(() => openRecord(signItem(ItemKind.RECORD, GroupRecord.encode(outsider), alice)))).toBe('GroupItemError')
    expect(failure(() => openRecord({ kind: ItemKind.RECORD, item: new Uint8Array([0xff, 0xff, 0xff]), signature: new Uint8Array(64) }))).toBe('GroupItemError')
  })
})

describe('the chain rule: which record holds', () => {
  it('an admin change holds; a change signed by a non-admin changes nothing', () => {
    const g = genesis(alice, [alice, bob, carol])
    const byAlice = openRecord(change(g, alice, { members: [alice, bob, carol, dave] }))
    const byCarol = openRecord(change(g, carol, { members: [alice, carol] }))
    expect(currentRecord([g, byCarol])?.hash).toBe(g.hash)
    expect(currentRecord([g, byCarol, byAlice])?.hash).toBe(byAlice.hash)
    // carol's change built on alice's does not count either
    expect(currentRecord([g, byAlice, openRecord(change(byAlice, carol, { name: 'mine' }))])?.hash).toBe(byAlice.hash)
  })

  it('a member may leave (only that), and a removed admin can change nothing', () => {
    const g = genesis(alice, [alice, bob, carol])
    const leaves = openRecord(change(g, carol, { members: [alice, bob] }))
    expect(currentRecord([g, leaves])?.hash).toBe(leaves.hash)
    const leavesAndRenames = openRecord(change(g, carol, { members: [alice, bob], name: 'carol was here' }))
    expect(currentRecord([g, leavesAndRenames])?.hash).toBe(g.hash)
    const bobAdmin = openRecord(change(g, alice, { admins: [alice, bob] }))
    const bobRemoved = openRecord(change(bobAdmin, alice, { members: [alice, carol], admins: [alice] }))
    const bobLate = openRecord(change(bobRemoved, bob, { members: [alice, bob, carol], admins: [alice, bob] }))
    expect(currentRecord([g, bobAdmin, bobRemoved, bobLate])?.hash).toBe(bobRemoved.hash)
  })

  it('a replayed old record changes nothing; a change waits for the record it builds on', () => {
    const g = genesis(alice, [alice, bob])
    const v2 = openRecord(change(g, alice, { members: [alice, bob, carol] }))
    const v3 = openRecord(change(v2, alice, { name: 'lunch crew' }))
    expect(currentRecord([g, v2, v3, v2, g])?.hash).toBe(v3.hash)
    expect(currentRecord([g, v3])?.hash).toBe(g.hash)
    expect(currentRecord([v2, v3])).toBeUndefined()
    // a change of a version already superseded: it leads less far, it loses
    const late = openRecord(change(g, alice, { name: 'late' }))
    expect(currentRecord([late, g, v3, v2])?.hash).toBe(v3.hash)
  })

  it('two admins changing the same version at once: every arrival order gives the same record', () => {
    const g = genesis(alice, [alice, bob, carol, dave])
    const v2 = openRecord(change(g, alice, { admins: [alice, bob] }))
    const byAlice = openRecord(change(v2, alice, { members: [alice, bob, carol] }))
    const byBob = openRecord(change(v2, bob, { name: 'bob renamed it' }))
    const byCarol = openRecord(change(v2, carol, { members: [carol] , admins: [carol] }))
    const winner = [byAlice, byBob].sort((a, b) => a.hash < b.hash ? -1 : 1)[0]
    const all = [g, v2, byAlice, byBob, byCarol]
    fc.assert(fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), (order) => {
      return currentRecord(order)?.hash === winner.hash
    }), { numRuns: 200 })
    // the losing admin's daemon sees the winner and changes that: its new change holds everywhere
    const loser = winner === byAlice ? byBob : byAlice
    const again = openRecord(change(winner, loser === byAlice ? alice : bob, { name: 'again' }))
    fc.assert(fc.property(fc.shuffledSubarray([...all, again], { minLength: 6, maxLength: 6 }), (order) => {
      return currentRecord(order)?.hash === again.hash
    }), { numRuns: 200 })
  })

  it('any set of admin changes converges: each member holds a random subset first, then all', () => {
    const g = genesis(alice, [alice, bob, carol, dave])
    const v2 = openRecord(change(g, alice, { admins: [alice, bob, carol] }))
    const signers = [alice, bob, carol, dave]
    const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 }), fc.string({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 12 })
    fc.assert(fc.property(arb, fc.integer(), (steps, seed) => {
      const held: OpenedRecord[] = [g, v2]
      for (const [who, base, name] of steps) {
        const parent = held[Math.min(base, held.length - 1)]
        held.push(openRecord(change(parent, signers[who], { name })))
      }
      const results = new Set<string | undefined>()
      for (let k = 0; k < 4; k++) {
        const order = [...held].sort((a, b) => (hashInt(a.hash, seed + k) - hashInt(b.hash, seed + k)))
        results.add(currentRecord(order)?.hash)
      }
      return results.size === 1
    }), { numRuns: 100 })
  })
})

function hashInt (hash: string, seed: number): number {
  let h = seed | 0
  for (let i = 0; i < 8; i++) h = Math.imul(h ^ hash.charCodeAt(i), 16777619)
  return h
}

describe('the many-recipient seal', () => {
  const item = post(alice, 'g1', 1, 'budget marker 7731')

  it('every recipient opens it; the bytes do not hold the body', () => {
    const sealed = sealItem(item, [pid(alice), pid(bob), pid(carol)])
    expect(Buffer.from(SealedItem.encode(sealed)).includes('budget marker 7731')).toBe(false)
    for (const k of [alice, bob, carol]) expect(SignedItem.encode(openSealedItem(sealed, k, pid(k)))).toEqual(SignedItem.encode(item))
  })

  it('a non-member (or a removed member: no wrap for its key) cannot open it', () => {
    const sealed = sealItem(item, [pid(alice), pid(bob)])
    expect(failure(() => openSealedItem(sealed, dave, pid(dave)))).toBe('GroupSealError')
    // dave copies bob's wrap and relabels it as his: it still does not open
    const stolen = { ...sealed, wraps: sealed.wraps.map(w => ({ ...w, recipient: SealedItem.decode(SealedItem.encode(sealItem(item, [pid(dave)]))).wraps[0].recipient })) }
    expect(failure(() => openSealedItem(stolen, dave, pid(dave)))).toBe('GroupSealError')
  })

  it('any changed byte of the header, the body or a wrap fails', () => {
    const sealed = sealItem(item, [pid(bob)])
    for (const field of ['ephemeral', 'nonce', 'ciphertext'] as const) {
      for (let at = 0; at < sealed[field].length; at += 7) {
        const changed = sealed[field].slice(); changed[at] ^= 0x01
        expect(failure(() => openSealedItem({ ...sealed, [field]: changed }, bob, pid(bob)))).toBe('GroupSealError')
      }
    }
    for (let at = 0; at < sealed.wraps[0].sealed.length; at++) {
      const changed = sealed.wraps[0].sealed.slice(); changed[at] ^= 0x80
      expect(failure(() => openSealedItem({ ...sealed, wraps: [{ ...sealed.wraps[0], sealed: changed }] }, bob, pid(bob)))).toBe('GroupSealError')
    }
    expect(failure(() => openSealedItem({ ...sealed, version: 1 }, bob, pid(bob)))).toBe('GroupSealError')
  })

  it('the relay\'s one body plus one wrap opens for that recipient only', () => {
    const sealed = sealItem(item, [pid(alice), pid(bob), pid(carol)])
    const body = sealedBody(sealed)
    const bobsWrap = sealed.wraps[1]
    expect(body.length).toBeLessThan(SealedItem.encode(sealed).length)
    const forBob = withWrap(body, Wrap.encode(bobsWrap))
    expect(openSealedItem(forBob, bob, pid(bob)).signature).toEqual(item.signature)
    expect(failure(() => openSealedItem(forBob, carol, pid(carol)))).toBe('GroupSealError')
  })
})
