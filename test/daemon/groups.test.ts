/**
 * Named groups between real daemons, through the CLI as a person uses it:
 * alice makes "lunch" with four colleagues while two of them are stopped;
 * the three online see her post at once; the two get the group and every
 * post exactly once when they start; carol is removed and gets nothing
 * sent after, while the others do, and a later post's ciphertext captured
 * at the relay does not open with her key.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../node/cli/main.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { LightClient } from '../helpers/light-client.js'
import { until } from '../helpers/wait.js'
import { INDEX_DB_FILE } from '../../index-server/store.js'
import { MAX_SHARED_WRAP_BYTES } from '../../protocols/constants.js'
import { GroupPost } from '../../protocols/groups/item.js'
import { SealedItem, openSealedItem } from '../../protocols/groups/seal.js'
import { KEY_FILE } from '../../node/profile-files.js'
import { loadOrCreateKey } from '../../runtime/identity.js'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { PrivateKey } from '@libp2p/interface'
import type { IndexProcess } from '../helpers/index-process.js'
import type { DaemonEvent, GroupInfo, GroupMessage } from '../../node/types.js'

let index: IndexProcess
const people: Record<string, DaemonProcess> = {}

/** `lanchat ARGS --profile <who's> --json`, in this process; its stdout parsed, or its stderr thrown. */
async function lanchat<T> (who: DaemonProcess, ...args: string[]): Promise<T> {
  const stdout = new PassThrough().setEncoding('utf8')
  const stderr = new PassThrough().setEncoding('utf8')
  let out = ''
  let err = ''
  stdout.on('data', (t: string) => { out += t })
  stderr.on('data', (t: string) => { err += t })
  const code = await main([...args, '--json', '--profile', who.profileDir], { stdin: new PassThrough(), stdout, stderr })
  if (code !== 0) throw new Error(`lanchat ${args.join(' ')} exited ${code}: ${err}`)
  return JSON.parse(out) as T
}

const postIn = (group: string, id: string) => (e: DaemonEvent): boolean => e.type === 'group-message' && e.message.id === id && e.message.group === group

beforeAll(async () => {
  // fifteen names from 127.0.0.1: above the default burst of new names per address
  index = await startIndex({ args: ['--new-name-rate', '100000'] })
  const started = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin'].map(async name => await new DaemonProcess({ name, indexPort: index.udpPort}).start()))
  for (const d of started) people[d.name] = d
  // everyone is registered; alice sees the others online
  for (const name of ['bob', 'carol', 'dave', 'erin']) await people.alice.sees(name, c => c.online)
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('a named group of five, two of them stopped', () => {
  it('the three online have it at once; the two stopped get the group and each post once when they start', async () => {
    const { alice, bob, carol, dave, erin } = people
    await Promise.all([dave.stop(), erin.stop()])
    await alice.sees('dave', c => !c.online)
    await alice.sees('erin', c => !c.online)

    const lunch = await lanchat<GroupInfo>(alice, 'group', 'create', 'lunch', 'bob', 'carol', 'dave', 'erin')
    expect(lunch).toMatchObject({ name: 'lunch', members: ['alice', 'bob', 'carol', 'dave', 'erin'], admins: ['alice'], version: 1 })
    await bob.event(e => e.type === 'group' && e.group.id === lunch.id)
    await carol.event(e => e.type === 'group' && e.group.id === lunch.id)

    const sent = await lanchat<{ id: string, state: string, members: number, delivered: number }>(alice, 'send', '--group', 'lunch', 'noon', 'today?')
    expect(sent).toEqual({ id: sent.id, state: 'relayed', members: 4, delivered: 2 })
    await bob.event(postIn('lunch', sent.id))
    await carol.event(postIn('lunch', sent.id))
    const fromBob = await lanchat<{ id: string, state: string }>(bob, 'send', '--group', 'lunch', 'yes, 12:15')
    await alice.event(postIn('lunch', fromBob.id))

    await Promise.all([dave.start(), erin.start()])
    for (const d of [dave, erin]) {
      const deadline = Date.now() + 20_000
      let history: GroupMessage[] = []
      while (history.length < 2 && Date.now() < deadline) {
        const since = d.events.length
        try {
          history = await lanchat<GroupMessage[]>(d, 'history', '--group', 'lunch')
        } catch {}
        if (history.length < 2) await d.event(e => e.type === 'group-message' || e.type === 'group', deadline - Date.now(), since).catch(() => {})
      }
      expect(history.map(p => [p.from, p.body, p.group])).toEqual([['alice', 'noon today?', 'lunch'], ['bob', 'yes, 12:15', 'lunch']])
      const groups = await lanchat<GroupInfo[]>(d, 'groups')
      expect(groups.map(g => [g.id, g.name, g.version])).toEqual([['everyone', 'everyone', 0], [lunch.id, 'lunch', 1]])
    }
    // alice learns every member has it
    await alice.event(e => e.type === 'group-state' && e.progress.id === sent.id && e.progress.state === 'delivered' && e.progress.delivered === 4, 30_000)
    // and so does a client that opens the group later: the history carries it member by member
    const mine = (await alice.api.get<GroupMessage[]>(`/api/groups/${lunch.id}/messages`)).find(p => p.id === sent.id)
    expect(mine?.progress?.perMember.map(m => [m.name, m.state]).sort()).toEqual([['bob', 'delivered'], ['carol', 'delivered'], ['dave', 'delivered'], ['erin', 'delivered']])
    // a restart shows nothing twice
    await dave.stop()
    await dave.start()
    expect((await lanchat<GroupMessage[]>(dave, 'history', '--group', 'lunch')).map(p => p.id)).toEqual([sent.id, fromBob.id])
  })

  it('carol is removed: she learns it, and what is sent after reaches the others only', async () => {
    const { alice, bob, carol, dave, erin } = people
    const since = carol.events.length
    const after = await lanchat<GroupInfo>(alice, 'group', 'remove', 'lunch', 'carol')
    expect(after.members).toEqual(['alice', 'bob', 'dave', 'erin'])
    await carol.event(e => e.type === 'group' && e.group.name === 'lunch' && !e.group.member, 15_000, since)
    expect((await lanchat<GroupInfo[]>(carol, 'groups')).map(g => g.name)).toEqual(['everyone'])
    await expect(lanchat(carol, 'send', '--group', 'lunch', 'still here?')).rejects.toThrow('lanchat: you are no longer a member of lunch; its history stays: lanchat history --group lunch')

    const sent = await lanchat<{ id: string, state: string, members: number, delivered: number }>(alice, 'send', '--group', 'lunch', 'carol is not here')
    expect(sent.members).toBe(3)
    for (const d of [bob, dave, erin]) await d.event(postIn('lunch', sent.id))
    await alice.event(e => e.type === 'group-state' && e.progress.id === sent.id && e.progress.delivered === 3)
    const carols = await carol.api.get<GroupMessage[]>(`/api/groups/${after.id}/messages`)
    expect(carols.map(p => p.body)).not.toContain('carol is not here')
    expect(carols.map(p => p.body)).toEqual(['noon today?', 'yes, 12:15'])
  })
})

describe('changes that race or break the rules', () => {
  it('two admins rename at once: every member ends with the same record; a non-admin change is refused', async () => {
    const { alice, bob, dave, erin } = people
    await lanchat<GroupInfo>(alice, 'group', 'admin', 'lunch', 'bob')
    await bob.event(e => e.type === 'group' && e.group.name === 'lunch' && e.group.admins.includes('bob'))
    await expect(lanchat(dave, 'group', 'rename', 'lunch', 'dave was here')).rejects.toThrow(/only an admin of lunch can change it/)
    const [byAlice, byBob] = await Promise.all([
      lanchat<GroupInfo>(alice, 'group', 'rename', 'lunch', 'lunch (alice)'),
      lanchat<GroupInfo>(bob, 'group', 'rename', 'lunch', 'lunch (bob)')
    ])
    const version = Math.max(byAlice.version, byBob.version)
    // each member holds every record it gets; wait until all four agree
    const deadline = Date.now() + 20_000
    let seen: string[] = []
    while (Date.now() < deadline) {
      const since = [alice, bob, dave, erin].map(d => d.events.length)
      seen = await Promise.all([alice, bob, dave, erin].map(async d => {
        const g = await d.api.get<GroupInfo>(`/api/groups/${byAlice.id}`)
        return `${g.version} ${g.name}`
      }))
      if (new Set(seen).size === 1 && Number(seen[0].split(' ')[0]) >= version) break
      await Promise.race([alice, bob, dave, erin].map(async (d, k) => await d.event(e => e.type === 'group', deadline - Date.now(), since[k]).catch(() => {})))
    }
    expect(new Set(seen).size).toBe(1)
    expect(seen[0]).toMatch(/^\d+ lunch \((alice|bob)\)$/)
  })
})

/** Resolves with `d`'s history of the group once it holds `n` posts (checked now, then at each new post). */
async function historyOf (d: DaemonProcess, group: string, n: number, ms = 30_000): Promise<GroupMessage[]> {
  const deadline = Date.now() + ms
  for (;;) {
    const since = d.events.length
    const history = await d.api.get<GroupMessage[]>(`/api/groups/${group}/messages`, { limit: 1000 })
    if (history.length >= n) return history
    if (Date.now() > deadline) throw new Error(`${d.name} has ${history.length} of ${n} posts in ${group} after ${ms} ms`)
    await d.event(e => e.type === 'group-message', deadline - Date.now(), since).catch(() => {})
  }
}

describe('three senders at once, a member killed mid-burst', () => {
  it('every member has every post once, each sender\'s in its order', async () => {
    const { alice, bob, dave, erin } = people
    const burst = await lanchat<GroupInfo>(alice, 'group', 'create', 'burst', 'bob', 'dave', 'erin')
    for (const d of [bob, dave, erin]) await d.event(e => e.type === 'group' && e.group.id === burst.id)
    const N = 20
    const sendAll = async (d: DaemonProcess): Promise<void> => {
      for (let i = 1; i <= N; i++) await d.api.post(`/api/groups/${burst.id}/messages`, { body: `${d.name} ${i}` })
    }
    const senders = Promise.all([alice, bob, dave].map(sendAll))
    // erin is killed once a few posts reached her, and started again while the others still send
    await erin.event(e => e.type === 'group-message' && e.message.groupId === burst.id, 15_000)
    await erin.kill()
    await erin.start()
    await senders
    for (const d of [alice, bob, dave, erin]) {
      const history = await historyOf(d, burst.id, 3 * N)
      const bodies = history.map(p => p.body)
      expect(new Set(bodies).size).toBe(bodies.length)
      expect(bodies).toHaveLength(3 * N)
      for (const sender of ['alice', 'bob', 'dave']) {
        expect(bodies.filter(b => b.startsWith(`${sender} `))).toEqual(Array.from({ length: N }, (_, k) => `${sender} ${k + 1}`))
      }
    }
  })
})

describe('the everyone room', () => {
  it('reaches every registered user, one that was stopped included (relayed, exactly once)', async () => {
    const { alice, bob, carol, dave, erin } = people
    const everyone = (await lanchat<GroupInfo[]>(bob, 'groups'))[0]
    expect(everyone).toMatchObject({ id: 'everyone', name: 'everyone', admins: [], version: 0 })
    expect([...everyone.members].sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'erin'])
    await erin.stop()
    await alice.sees('erin', c => !c.online)
    const sent = await lanchat<{ id: string, state: string, members: number, delivered: number }>(alice, 'send', '--group', 'everyone', 'cake in the kitchen')
    expect(sent).toMatchObject({ state: 'relayed', members: 4, delivered: 3 })
    for (const d of [bob, carol, dave]) await d.event(postIn('everyone', sent.id))
    await erin.start()
    await alice.event(e => e.type === 'group-state' && e.progress.id === sent.id && e.progress.state === 'delivered', 20_000)
    await erin.stop()
    await erin.start()
    const history = await lanchat<GroupMessage[]>(erin, 'history', '--group', 'everyone')
    expect(history.map(p => [p.id, p.from, p.group, p.body])).toEqual([[sent.id, 'alice', 'everyone', 'cake in the kitchen']])
    // and it is found by search, in the group and among all conversations
    for (const args of [['--group', 'everyone'], []]) {
      const hits = await lanchat<Array<{ id: string, conversation: string, from: string, groupId?: string }>>(erin, 'search', 'kitchen', ...args)
      expect(hits.map(h => [h.id, h.conversation, h.from, h.groupId])).toEqual([[sent.id, 'everyone', 'alice', 'everyone']])
    }
  })
})

describe('the everyone room over gossip', () => {
  it('a member that misses a post while connected gets it by repair from a peer of the room', async () => {
    const { alice, bob, dave } = people
    await dave.stop()
    dave.setEnv({ LANCHAT_DROPS: 'group-gossip:1' })
    await dave.start()
    await alice.sees('dave', c => c.online)
    await bob.sees('dave', c => c.online)
    // dave is in the room through bob (a chat connection), and bob through alice
    await bob.send('dave', 'hi dave')
    const sent = await lanchat<{ id: string, state: string, members: number, delivered: number }>(alice, 'send', '--group', 'everyone', 'the build is green')
    expect(sent).toMatchObject({ state: 'delivered', members: 4, delivered: 4 })
    await bob.event(postIn('everyone', sent.id))
    await dave.line(/drop point group-gossip:1 reached/, 15_000)
    // dave dropped it as it came; he compares heads with a peer of the room and asks for it
    await dave.event(postIn('everyone', sent.id), 20_000)
    const history = await lanchat<GroupMessage[]>(dave, 'history', '--group', 'everyone')
    expect(history.filter(p => p.id === sent.id)).toHaveLength(1)
  })
})

describe('the relay stores a group post once', () => {
  it('a post to ten offline members: one body at the index, a small wrap each, no plaintext', async () => {
    const { alice } = people
    const names = Array.from({ length: 10 }, (_, k) => `away${k}`)
    // ten colleagues registered at the index (they logged in once), all offline now
    const lights = await Promise.all(names.map(async name => await LightClient.create(name)))
    for (const l of lights) await l.login(index)
    await Promise.all(lights.map(async l => { await l.stop() }))
    for (const name of names) await alice.sees(name, c => !c.online)
    const ten = await lanchat<GroupInfo>(alice, 'group', 'create', 'ten', ...names)
    expect(ten.members).toHaveLength(11)
    const marker = 'plaintext marker 7741 '.repeat(200)
    const sent = await lanchat<{ id: string, state: string, members: number, delivered: number }>(alice, 'send', '--group', 'ten', marker)
    expect(sent).toEqual({ id: sent.id, state: 'relayed', members: 10, delivered: 0 })

    const db = new DatabaseSync(join(index.dataDir, INDEX_DB_FILE), { readOnly: true })
    const bodies = db.prepare('SELECT length(body) AS n FROM bodies WHERE id = ?').all(sent.id) as Array<{ n: number }>
    const wraps = db.prepare('SELECT length(payload) AS n FROM envelopes WHERE body_id = ?').all(sent.id) as Array<{ n: number }>
    db.close()
    expect(bodies).toHaveLength(1)
    expect(bodies[0].n).toBeGreaterThan(marker.length)
    expect(wraps).toHaveLength(10)
    // a wrap is a few dozen bytes: the relay holds about one body, not ten (one per member would be over 10 x the body)
    for (const w of wraps) expect(w.n).toBeLessThanOrEqual(MAX_SHARED_WRAP_BYTES)
    expect(bodies[0].n + wraps.reduce((sum, w) => sum + w.n, 0)).toBeLessThan(2 * bodies[0].n)
    console.log(`relay: one body of ${bodies[0].n} bytes + 10 wraps of ${wraps[0].n} bytes for a ${marker.length}-character post to 10 offline members`)
    for (const file of [INDEX_DB_FILE, `${INDEX_DB_FILE}-wal`]) {
      const path = join(index.dataDir, file)
      if (existsSync(path)) expect(readFileSync(path).includes('plaintext marker 7741')).toBe(false)
    }
  })
})

describe('a named group above the fan-out limit', () => {
  it('posts go through its gossip room, sealed to the members; a removed member gets nothing after, and a later ciphertext does not open with her key', async () => {
    const { alice, bob, dave } = people
    // a limit of 2 makes a group of three "large": it posts through a room, not to each member
    await Promise.all([alice, bob, dave].map(async d => {
      await d.stop()
      d.setEnv({}).setArgs(['--group-fanout-max', '2'])
      await d.start()
    }))
    await alice.sees('bob', c => c.online)
    await alice.sees('dave', c => c.online)
    const big = await lanchat<GroupInfo>(alice, 'group', 'create', 'big', 'bob', 'dave')
    for (const d of [bob, dave]) await d.event(e => e.type === 'group' && e.group.id === big.id)
    const sent = await lanchat<{ id: string, state: string, members: number, delivered: number }>(alice, 'send', '--group', 'big', 'through the room')
    expect(sent).toMatchObject({ state: 'delivered', members: 2, delivered: 2 })
    for (const d of [bob, dave]) await d.event(postIn('big', sent.id), 20_000)
    // nothing was queued for a member one by one: the room carried it
    const db = new DatabaseSync(join(alice.profileDir, 'lanchat.db'), { readOnly: true })
    expect((db.prepare('SELECT count(*) AS n FROM group_out WHERE item = ?').get(sent.id) as { n: number }).n).toBe(0)
    db.close()

    await lanchat<GroupInfo>(alice, 'group', 'remove', 'big', 'dave')
    await dave.event(e => e.type === 'group' && e.group.id === big.id && !e.group.member)
    const after = await lanchat<{ id: string, state: string, members: number, delivered: number }>(alice, 'send', '--group', 'big', 'dave is gone')
    expect(after.members).toBe(1)
    await bob.event(postIn('big', after.id), 20_000)
    const daves = await dave.api.get<GroupMessage[]>(`/api/groups/${big.id}/messages`)
    expect(daves.map(p => p.body)).toEqual(['through the room'])

    // a later post's ciphertext, captured at the relay (bob is away): bob's key opens it, dave's does not
    await bob.stop()
    await alice.sees('bob', c => !c.online)
    const away = await lanchat<{ id: string, state: string }>(alice, 'send', '--group', 'big', 'sealed for bob alone')
    expect(away.state).toBe('relayed')
    const idb = new DatabaseSync(join(index.dataDir, INDEX_DB_FILE), { readOnly: true })
    const captured = idb.prepare('SELECT payload FROM envelopes WHERE recipient_peer_id = ? ORDER BY seq DESC LIMIT 1').get(bob.peerId) as { payload: Uint8Array }
    idb.close()
    const keyOf = async (d: DaemonProcess): Promise<PrivateKey> => (await loadOrCreateKey(join(d.profileDir, KEY_FILE))).key
    const [bobKey, daveKey] = [await keyOf(bob), await keyOf(dave)]
    const opened = GroupPost.decode(openSealedItem(SealedItem.decode(captured.payload), bobKey, peerIdFromPrivateKey(bobKey)).item)
    expect(opened.body).toBe('sealed for bob alone')
    expect(() => openSealedItem(SealedItem.decode(captured.payload), daveKey, peerIdFromPrivateKey(daveKey))).toThrow(expect.objectContaining({ name: 'GroupSealError' }))
    // back, bob has it once (fetched at login, perhaps before an event stream could hear of it)
    await bob.start()
    const bobs = await until(async () => {
      const h = await bob.api.get<GroupMessage[]>(`/api/groups/${big.id}/messages`)
      return h.some(p => p.id === away.id) ? h : undefined
    }, 30_000, 'bob to have the post sealed for him')
    expect(bobs.filter(p => p.id === away.id)).toHaveLength(1)
  })
})
