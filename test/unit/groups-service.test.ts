/**
 * Named groups between five members, each a real Groups with its own
 * profile database, joined by a stub network: a chat port that hands an
 * item to the member when it is "online", a relay that keeps sealed copies
 * for members who are not, receipts paid when a member is back. The story:
 * alice makes "lunch" with bob and carol; dave and erin are away when they
 * are added and when alice writes; they get the records first and every
 * post once at login; carol is removed and gets nothing after; forged,
 * replayed and concurrent changes leave every member with one record.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_UNKNOWN_GROUP_PENDING } from '../../node/groups/constants.js'
import { Groups } from '../../node/groups/groups.js'
import { changedRecord, genesisRecord } from '../../node/groups/records.js'
import { GroupStore } from '../../node/groups/store.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { GroupPost, GroupRecord, ItemKind, SignedItem, itemHash, signItem } from '../../protocols/groups/item.js'
import { SealedItem, Wrap, sealItem } from '../../protocols/groups/seal.js'
import type { GroupsDeps } from '../../node/groups/ports.js'
import type { DaemonEvent, GroupInfo } from '../../node/types.js'
import type { Envelope } from '../../protocols/relay/pb/relay.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'
import type { DatabaseSync } from 'node:sqlite'

interface Member {
  name: string
  key: PrivateKey
  peer: PeerId
  id: string
  db: DatabaseSync
  groups: Groups
  online: boolean
  events: DaemonEvent[]
  owed: Array<{ to: string, id: string, kind: 'delivered' | 'read' }>
}

const dirs: string[] = []
const net = new Map<string, Member>()
const relay = new Map<string, Envelope[]>()
/** body sizes of shared deposits (one per post for several offline members) */
const sharedBodies: number[] = []

async function member (name: string): Promise<Member> {
  const key = await generateKeyPair('Ed25519')
  const peer = peerIdFromPrivateKey(key)
  const dir = mkdtempSync(join(tmpdir(), `lanchat-groups-${name}-`))
  dirs.push(dir)
  const db = openProfileDatabase(dir)
  const m = { name, key, peer, id: peer.toString(), db, online: true, events: [], owed: [] } as unknown as Member
  const person = (p: Member | undefined): { peerId: string, name: string, registeredName: string } | undefined => p == null ? undefined : { peerId: p.id, name: p.name, registeredName: p.name }
  const deps: GroupsDeps = {
    self: peer,
    key,
    selfName: () => name,
    store: new GroupStore(db),
    chat: {
      send: async (to, message) => {
        const target = net.get(to.toString())
        if (target == null || !target.online || !m.online) throw new Error('unreachable')
        return target.groups.onChatItem(m.id, message)
      },
      sendTyping: async (to, on, _options, group) => {
        const target = net.get(to.toString())
        if (target == null || !target.online || !m.online) throw new Error('unreachable')
        target.groups.onTyping(m.id, group ?? '', on)
      }
    },
    relay: {
      available: () => m.online,
      deposit: async (env) => {
        const to = [...net.values()].find(x => x.name === env.recipient)
        if (to == null) throw new Error('unknown recipient')
        // the index keeps one envelope per (depositor, id): a second one is taken as a duplicate and not stored
        if ([...relay.values()].flat().some(e => e.id === env.id && depositedBy(e, m))) return
        relay.set(to.id, [...(relay.get(to.id) ?? []), { ...env, sender: peer.toMultihash().bytes as Uint8Array<ArrayBuffer> }])
      },
      // as the index does: the body once, each member's envelope its wrap; a fetch hands out the body with that wrap
      depositShared: async (shared) => {
        sharedBodies.push(shared.body.length)
        const stored: string[] = []
        for (const env of shared.envelopes) {
          const payload = SealedItem.encode({ ...SealedItem.decode(shared.body), wraps: [Wrap.decode(env.payload)] })
          await deps.relay.deposit({ ...env, payload })
          stored.push(env.id)
        }
        return { stored, refused: [] }
      }
    },
    people: {
      resolve: (who) => person([...net.values()].find(x => x.name === who || x.id === who)),
      byPeer: (id) => person(net.get(id)),
      isOnline: (id) => net.get(id)?.online === true,
      knownAddrs: () => false,
      isBlocked: () => false,
      // every member of the stub network is registered at the index
      registered: () => [...net.values()].filter(x => x !== m).map(x => person(x) as { peerId: string, name: string, registeredName: string }),
      isRegistered: (id) => net.has(id)
    },
    receipts: {
      owe: async (to, ids, kind) => { for (const id of ids) m.owed.push({ to, id, kind }) },
      payIfOnline: (to) => { pay(m, to) }
    },
    emit: (e) => { m.events.push(e) }
  }
  m.groups = new Groups(deps)
  net.set(m.id, m)
  return m
}

/** Receipts owed to `to`, sent as the chat service would (acks and read receipts) when both are online. */
function pay (from: Member, to: string): void {
  const target = net.get(to)
  if (target == null || !target.online || !from.online) return
  for (const o of from.owed.filter(o => o.to === to)) {
    if (o.kind === 'delivered') target.groups.onAck(from.id, o.id, AckStatus.STORED)
    else target.groups.onReceipt(from.id, [o.id])
  }
  from.owed = from.owed.filter(o => o.to !== to)
}

/** The member logs in: fetches what the relay holds (in deposit order), then the others send what waits for it. */
async function login (m: Member): Promise<void> {
  m.online = true
  for (const env of relay.get(m.id) ?? []) expect(await m.groups.onRelayed(env.payload)).toBe('done')
  relay.delete(m.id)
  for (const other of net.values()) {
    if (other === m || !other.online) continue
    await other.groups.peerOnline(m.id)
    pay(m, other.id)
  }
}

const bodies = (m: Member, group: string): string[] => m.groups.history(group).map(p => p.body)

/** Waits until what `m` queued for these members was tried. */
async function flushed (m: Member, ids: string[]): Promise<void> {
  await Promise.all(ids.map(async id => { await m.groups.peerOnline(id) }))
}

/** A post signed by `m` for its group as it stands, built by hand (not through send: nobody queues it). */
function rawPost (m: Member, group: string, body: string): Uint8Array<ArrayBuffer> {
  const g = m.groups.info(group)
  const post = { group: g.id, id: `raw-${body}`, from: m.peer.toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: m.name, seq: 1000, sentAt: Date.now(), body, groupVersion: g.version }
  return SignedItem.encode(signItem(ItemKind.POST, GroupPost.encode(post), m.key))
}

/** The relayed copy of one of `from`'s posts for `to`, as the relay would hand it out again. */
function relayedCopy (from: Member, to: Member, body: string): Uint8Array {
  const id = from.groups.history('lunch').find(p => p.body === body)?.id ?? ''
  const signed = new GroupStore(from.db).signedPost(id)
  if (signed == null) throw new Error(`no post ${body}`)
  return SealedItem.encode(sealItem(SignedItem.decode(signed), [to.peer]))
}

const depositedBy = (env: Envelope, m: Member): boolean => Buffer.from(env.sender).equals(Buffer.from(m.peer.toMultihash().bytes))

const [alice, bob, carol, dave, erin] = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin'].map(member))
const frank = (): Member => [...net.values()].find(m => m.name === 'frank') as Member

afterAll(() => {
  for (const m of net.values()) m.db.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('a named group between five members', () => {
  it('alice creates lunch with bob and carol; all three hold it; a post reaches both at once', async () => {
    dave.online = false
    erin.online = false
    const g = alice.groups.create('lunch', ['bob', 'carol'])
    expect(g).toMatchObject({ name: 'lunch', members: ['alice', 'bob', 'carol'], admins: ['alice'], version: 1 })
    await flushed(alice, [bob.id, carol.id])
    for (const m of [bob, carol]) expect(m.groups.list().map(x => [x.id, x.version])).toEqual([['everyone', 0], [g.id, 1]])
    const sent = await alice.groups.send('lunch', 'noon?')
    expect(sent).toMatchObject({ state: 'delivered', members: 2, delivered: 2 })
    for (const m of [bob, carol]) expect(bodies(m, 'lunch')).toEqual(['noon?'])
  })

  it('dave and erin, away, are added; posts wait for them; at login they get the records first and every post once', async () => {
    alice.groups.change('lunch', { action: 'add', people: ['dave', 'erin'] })
    await flushed(alice, [bob.id, carol.id, dave.id, erin.id])
    await alice.groups.send('lunch', 'for five')
    const before = sharedBodies.length
    const fromBob = await bob.groups.send('lunch', 'bob here')
    expect(fromBob).toMatchObject({ state: 'relayed', members: 4, delivered: 2 })
    // dave and erin were both offline: one shared body for the two of them
    expect(sharedBodies.length).toBe(before + 1)
    for (const m of [dave, erin]) {
      await login(m)
      expect(m.groups.list()[1]).toMatchObject({ name: 'lunch', version: 2, members: ['alice', 'bob', 'carol', 'dave', 'erin'] })
      expect(bodies(m, 'lunch').sort()).toEqual(['bob here', 'for five'])
    }
    // the relayed copies' receipts reached the senders
    expect(bob.groups.history('lunch').find(p => p.body === 'bob here')?.state).toBe('delivered')
    // a relayed copy fetched twice (its ack lost) is still one post
    const again = await dave.groups.onRelayed(relayedCopy(bob, dave, 'bob here'))
    expect(again).toBe('done')
    expect(bodies(dave, 'lunch').filter(b => b === 'bob here')).toHaveLength(1)
  })

  it('a post that comes before the record it was sent under waits for it', async () => {
    // frank, away, is added by alice; bob, who heard of it, writes; frank's relay hands him bob's post before alice's records
    const frank = await member('frank')
    frank.online = false
    alice.groups.change('lunch', { action: 'add', people: ['frank'] })
    const v3 = alice.groups.info('lunch').version
    await flushed(alice, [bob.id, carol.id, dave.id, erin.id, frank.id])
    expect(bob.groups.info('lunch').version).toBe(v3)
    await bob.groups.send('lunch', 'welcome frank')
    const bobs = relay.get(frank.id)?.filter(e => depositedBy(e, bob)) ?? []
    expect(bobs).toHaveLength(1)
    const others = relay.get(frank.id)?.filter(e => !bobs.includes(e)) ?? []
    frank.online = true
    await frank.groups.onRelayed(bobs[0].payload)
    expect(frank.groups.list().map(g => g.name)).toEqual(['everyone'])
    expect(new GroupStore(frank.db).pendingCount(alice.groups.info('lunch').id)).toBe(1)
    for (const env of others) await frank.groups.onRelayed(env.payload)
    relay.delete(frank.id)
    expect(frank.groups.info('lunch').version).toBe(v3)
    expect(bodies(frank, 'lunch')).toEqual(['welcome frank'])
    expect(new GroupStore(frank.db).pendingCount(alice.groups.info('lunch').id)).toBe(0)
  })

  it('carol is removed: she learns it, and nothing sent after reaches her; a post pushed to her anyway is refused', async () => {
    alice.groups.change('lunch', { action: 'remove', people: ['carol'] })
    await flushed(alice, [carol.id])
    expect(carol.groups.list().map(g => g.name)).toEqual(['everyone'])
    expect(carol.groups.list(true)[1]).toMatchObject({ name: 'lunch', member: false })
    const after = await alice.groups.send('lunch', 'after carol')
    expect(after.members).toBe(4)
    expect(bodies(carol, 'lunch')).not.toContain('after carol')
    const sneaked = rawPost(alice, 'lunch', 'sneaked to carol')
    expect(carol.groups.onChatItem(alice.id, { id: 'x', from: 'alice', to: 'carol', body: '', sentAt: 0, seq: 0, group: 'g', item: sneaked })).toBe(AckStatus.INVALID)
  })

  it('a forged change, a replayed old record and two admins at once: every member holds the same record', async () => {
    const current = bob.groups.ledger.current(bob.groups.info('lunch').id)
    if (current == null) throw new Error('no record')
    // bob is no admin: his change is ignored everywhere
    const forged = SignedItem.encode(forgeChange(current, bob, 'bob rules'))
    for (const m of [alice, dave, erin]) m.groups.onChatItem(bob.id, { id: 'f', from: 'bob', to: '', body: '', sentAt: 0, seq: 0, group: '', item: forged })
    expect(new Set([alice, bob, dave, erin].map(m => m.groups.info('lunch').name))).toEqual(new Set(['lunch']))
    // alice makes dave an admin; then alice and dave rename at once (each before hearing of the other)
    alice.groups.change('lunch', { action: 'admin', people: ['dave'] })
    await flushed(alice, [bob.id, dave.id, erin.id, frank().id])
    // alice's rename reaches dave only through the relay, after dave made his own
    dave.online = false
    alice.groups.change('lunch', { action: 'rename', name: 'lunch (alice)' })
    await flushed(alice, [bob.id, dave.id, erin.id, frank().id])
    dave.online = true
    const daves = dave.groups.change('lunch', { action: 'rename', name: 'lunch (dave)' })
    await flushed(dave, [alice.id, bob.id, erin.id, frank().id])
    await login(dave)
    // two records of the same version, one by each admin, are held everywhere: the rule picks one
    for (const m of [alice, bob, dave, erin]) {
      expect((m.db.prepare('SELECT count(*) AS n FROM group_records WHERE version = ?').get(daves.version) as { n: number }).n).toBe(2)
    }
    const held = [alice, bob, dave, erin, frank()].map(m => m.groups.info(daves.id))
    expect(new Set(held.map(h => `${h.version} ${h.name}`)).size).toBe(1)
    expect(held[0].name).toMatch(/^lunch \((alice|dave)\)$/)
    // a replayed old record (version 1) changes nothing
    const v1 = SignedItem.decode(alice.db.prepare('SELECT signed FROM group_records WHERE version = 1').get()?.signed as Uint8Array)
    for (const m of [bob, dave, erin]) expect(m.groups.onChatItem(alice.id, { id: 'r', from: 'alice', to: '', body: '', sentAt: 0, seq: 0, group: '', item: SignedItem.encode(v1) })).toBe(AckStatus.STORED)
    expect(new Set([alice, bob, dave, erin].map(m => m.groups.info(daves.id).name)).size).toBe(1)
  })
})

describe('typing in a group', () => {
  it('the online members hear who types in which group; a non-member\'s claim is ignored', async () => {
    // (renamed by now: found by its members)
    const lunch = bob.groups.list().find(g => g.id !== 'everyone' && g.members.includes('dave')) as GroupInfo
    const since = [bob, erin].map(m => m.events.length)
    dave.groups.typing(lunch.id, true)
    await new Promise(resolve => setImmediate(resolve))
    for (const [k, m] of [bob, erin].entries()) {
      expect(m.events.slice(since[k])).toContainEqual({ type: 'typing', name: 'dave', peerId: dave.id, verified: true, on: true, group: lunch.id })
    }
    // carol was removed: her word is not taken
    const before = bob.events.length
    bob.groups.onTyping(carol.id, lunch.id, true)
    expect(bob.events.length).toBe(before)
  })
})

describe('the everyone room', () => {
  it('lists every registered user; a post reaches each, one who was away through the relay, once', async () => {
    const all = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']
    expect(alice.groups.list()[0]).toMatchObject({ id: 'everyone', name: 'everyone', admins: [], version: 0 })
    expect([...alice.groups.list()[0].members].sort()).toEqual(all)
    erin.online = false
    const sent = await alice.groups.send('everyone', 'cake in the kitchen')
    expect(sent).toMatchObject({ state: 'relayed', members: 5, delivered: 4 })
    for (const m of [bob, carol, dave, frank()]) expect(bodies(m, 'everyone')).toEqual(['cake in the kitchen'])
    await login(erin)
    await login(erin)
    expect(bodies(erin, 'everyone')).toEqual(['cake in the kitchen'])
    expect(alice.groups.history('everyone')[0].state).toBe('delivered')
  })

  it('nobody changes it; a post from someone the index never registered is refused', async () => {
    expect(() => alice.groups.change('everyone', { action: 'add', people: ['bob'] })).toThrow(expect.objectContaining({ name: 'FixedGroupError' }))
    expect(() => alice.groups.change('everyone', { action: 'leave' })).toThrow(expect.objectContaining({ name: 'FixedGroupError' }))
    const stranger = await generateKeyPair('Ed25519')
    const from = peerIdFromPrivateKey(stranger)
    const post = { group: 'everyone', id: 'stranger-1', from: from.toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: 'bob', seq: 1, sentAt: Date.now(), body: 'free money', groupVersion: 0 }
    const item = SignedItem.encode(signItem(ItemKind.POST, GroupPost.encode(post), stranger))
    expect(bob.groups.onChatItem(from.toString(), { id: 'stranger-1', from: 'bob', to: 'bob', body: '', sentAt: 0, seq: 0, group: 'everyone', item })).toBe(AckStatus.INVALID)
    expect(bodies(bob, 'everyone')).not.toContain('free money')
  })
})

function forgeChange (current: NonNullable<ReturnType<Groups['ledger']['current']>>, by: Member, name: string): SignedItem {
  // changedRecord refuses a change its maker may not make; a forger builds it by hand
  try {
    return changedRecord(current, by.key, by.peer, { name })
  } catch {
    const r = { ...current.record, name, version: current.record.version + 1, prev: itemHash(current.signed) as Uint8Array<ArrayBuffer>, signer: by.peer.toMultihash().bytes as Uint8Array<ArrayBuffer>, nonce: new Uint8Array() }
    return signItem(ItemKind.RECORD, GroupRecord.encode(r), by.key)
  }
}

describe('names a group gives its members are not believed', () => {
  it('a key listed as "alice" shows as unverified-XXXXXX, in the member list and on its posts; a group name with invisible characters or "everyone" is refused', async () => {
    const mallory = await generateKeyPair('Ed25519')
    const ghost = await generateKeyPair('Ed25519')
    const ghostId = peerIdFromPrivateKey(ghost).toString()
    const item = (signed: SignedItem): { id: string, from: string, to: string, body: string, sentAt: number, seq: number, group: string, item: Uint8Array } =>
      ({ id: 'm', from: 'mallory', to: 'bob', body: '', sentAt: 0, seq: 0, group: 'g', item: SignedItem.encode(signed) })
    const record = genesisRecord(mallory, peerIdFromPrivateKey(mallory), 'mallory', 'plans', [{ peerId: bob.id, name: 'bob' }, { peerId: ghostId, name: 'alice' }])
    expect(bob.groups.onChatItem(peerIdFromPrivateKey(mallory).toString(), item(record))).toBe(AckStatus.STORED)
    const plans = bob.groups.info('plans')
    const ghostShown = `unverified-${ghostId.slice(-6)}`
    expect(plans.members).toContain(ghostShown)
    expect(plans.members).not.toContain('alice')
    expect(plans.members).toContain('bob')

    const post = { group: plans.id, id: 'ghost-1', from: peerIdFromPrivateKey(ghost).toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: 'alice', seq: 1, sentAt: Date.now(), body: 'it is me, alice', groupVersion: plans.version }
    expect(bob.groups.onChatItem(ghostId, item(signItem(ItemKind.POST, GroupPost.encode(post), ghost)))).toBe(AckStatus.STORED)
    expect(bob.groups.history('plans').map(p => [p.from, p.body])).toEqual([[ghostShown, 'it is me, alice']])

    for (const bad of ['\u202eplans', 'pla\u200bns', 'Everyone']) {
      const r = genesisRecord(mallory, peerIdFromPrivateKey(mallory), 'mallory', bad, [{ peerId: bob.id, name: 'bob' }])
      expect(bob.groups.onChatItem(peerIdFromPrivateKey(mallory).toString(), item(r))).toBe(AckStatus.INVALID)
    }
    expect(bob.groups.list().map(g => g.name)).not.toContain('Everyone')
  })

  it('posts for groups nobody told me of wait, but only MAX_UNKNOWN_GROUP_PENDING of them in all', async () => {
    const stranger = await generateKeyPair('Ed25519')
    const from = peerIdFromPrivateKey(stranger)
    const taken: AckStatus[] = []
    for (let i = 0; i <= MAX_UNKNOWN_GROUP_PENDING; i++) {
      const post = { group: `made-up-${i}`, id: `made-up-${i}`, from: from.toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: 'x', seq: 1, sentAt: Date.now(), body: 'x', groupVersion: 1 }
      taken.push(erin.groups.onChatItem(from.toString(), { id: 'm', from: 'x', to: 'erin', body: '', sentAt: 0, seq: 0, group: post.group, item: SignedItem.encode(signItem(ItemKind.POST, GroupPost.encode(post), stranger)) }))
    }
    expect(taken.slice(0, MAX_UNKNOWN_GROUP_PENDING).every(t => t === AckStatus.STORED)).toBe(true)
    expect(taken[MAX_UNKNOWN_GROUP_PENDING]).toBe(AckStatus.INVALID)
  })
})
