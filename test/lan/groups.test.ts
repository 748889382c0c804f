/**
 * A group on the LAN with the index server's host cut off (issue 15): the
 * office host runs the index, alice, bob and carol each a daemon on a host
 * of their own. alice makes "lunch" with bob and carol while the index is
 * there. Then the office host's cable is pulled: every daemon notices, and
 * the three keep talking: each posts to the group and every member has
 * every post once, each sender's in order; alice renames the group and the
 * others get the new name; a post to the everyone room reaches the other
 * two. carol restarts while the cable is out: her profile knows where the
 * others were, so her posts (to the group, to everyone) reach them and
 * alice's post from while she was away reaches her. carol stops again, alice names bob admin and posts, the
 * cable goes back in, carol starts: she gets the change and the post once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { lanSkipReason } from './skip.js'
import { Lan } from './testbed.js'
import type { DaemonEvent, GroupInfo, GroupMessage, GroupSendResult } from '../../node/types.js'

/** The index host in the bed. */
const OFFICE = 'office'
/** From the cable pulled to every daemon saying the index is gone (about 8 s measured by the office test). */
const NOTICE_MS = 20_000
/** Posts per member while the index is cut. */
const POSTS = 5

let lan: Lan | undefined
const people: Record<string, DaemonProcess> = {}
let lunch: GroupInfo

/** `lanchat ARGS --json --profile <who's>`, run inside who's host; its stdout parsed, or its stderr thrown. */
async function lanchat<T> (who: DaemonProcess, ...args: string[]): Promise<T> {
  const r = await runCli([...args, '--json', '--profile', who.profileDir], { netns: lan!.ns(who.name) })
  if (r.code !== 0) throw new Error(`lanchat ${args.join(' ')} (${who.name}) exited ${String(r.code)}: ${r.stderr}`)
  return JSON.parse(r.stdout) as T
}

const postIn = (groupId: string, id: string) => (e: DaemonEvent): boolean => e.type === 'group-message' && e.message.groupId === groupId && e.message.id === id

/** Resolves with `d`'s history of the group once it holds `n` posts (checked now, then at each new post). */
async function historyOf (d: DaemonProcess, groupId: string, n: number, ms = 30_000): Promise<GroupMessage[]> {
  const deadline = Date.now() + ms
  for (;;) {
    const since = d.events.length
    const history = await d.api.get<GroupMessage[]>(`/api/groups/${groupId}/messages`, { limit: 1000 })
    if (history.length >= n) return history
    if (Date.now() > deadline) throw new Error(`${d.name} has ${history.length} of ${n} posts in ${groupId} after ${ms} ms`)
    await d.event(e => e.type === 'group-message', deadline - Date.now(), since).catch(() => {})
  }
}

describe.skipIf(lanSkipReason != null)('a group of three hosts, the index host cut off', () => {
  beforeAll(async () => {
    lan = await Lan.create([OFFICE, 'alice', 'bob', 'carol'])
    await startIndex({ netns: lan.ns(OFFICE), host: '0.0.0.0', udpPort: 47470 })
    const at = `${lan.ip(OFFICE)}:47470`
    const started = await Promise.all(['alice', 'bob', 'carol'].map(async name =>
      await new DaemonProcess({ name, netns: lan!.ns(name), index: at, listen: '0.0.0.0' }).start()))
    for (const d of started) people[d.name] = d
    for (const d of started) {
      for (const other of started.filter(o => o !== d)) await d.sees(other.name, c => c.online && c.verified)
    }
  })

  afterAll(async () => {
    await stopAllDaemons()
    await stopAllIndexes()
    await lan?.destroy()
  })

  it('alice makes lunch with bob and carol; her post reaches both', async () => {
    const { alice, bob, carol } = people
    lunch = await lanchat<GroupInfo>(alice, 'group', 'create', 'lunch', 'bob', 'carol')
    expect(lunch).toMatchObject({ name: 'lunch', members: ['alice', 'bob', 'carol'], admins: ['alice'], version: 1 })
    const sent = await lanchat<GroupSendResult>(alice, 'send', '--group', 'lunch', 'noon?')
    expect(sent).toEqual({ id: sent.id, state: 'delivered', members: 2, delivered: 2 })
    for (const d of [bob, carol]) await d.event(postIn(lunch.id, sent.id))
  })

  it('the office host\'s cable is pulled: every daemon notices the index is gone', async () => {
    const daemons = Object.values(people)
    const marks = daemons.map(d => d.events.length)
    const pulled = Date.now()
    await lan!.linkDown(OFFICE)
    await Promise.all(daemons.map(async (d, i) => await d.event(e => e.type === 'index' && !e.connected, NOTICE_MS, marks[i])))
    console.log(`index host cut off: all three daemons noticed within ${Date.now() - pulled} ms`)
    for (const d of daemons) expect((await d.status()).index.connected).toBe(false)
  })

  it(`while it is cut, each posts ${POSTS} times: every member has every post once, each sender's in order`, async () => {
    const daemons = Object.values(people)
    const before = 1
    const started = Date.now()
    const answers = (await Promise.all(daemons.map(async d => {
      const mine: GroupSendResult[] = []
      for (let i = 1; i <= POSTS; i++) mine.push(await d.api.post<GroupSendResult>(`/api/groups/${lunch.id}/messages`, { body: `${d.name} ${i}` }))
      return mine
    }))).flat()
    for (const d of daemons) {
      const bodies = (await historyOf(d, lunch.id, before + 3 * POSTS)).map(p => p.body)
      expect(new Set(bodies).size).toBe(bodies.length)
      expect(bodies).toHaveLength(before + 3 * POSTS)
      for (const sender of daemons) {
        expect(bodies.filter(b => b.startsWith(`${sender.name} `))).toEqual(Array.from({ length: POSTS }, (_, k) => `${sender.name} ${k + 1}`))
      }
    }
    const direct = answers.filter(a => a.state === 'delivered' && a.delivered === 2).length
    console.log(`without the index: ${3 * POSTS} posts at every member in ${Date.now() - started} ms; ${direct} of ${answers.length} answered delivered to both at once`)
  })

  it('while it is cut, alice renames the group and bob and carol have the new name', async () => {
    const { alice, bob, carol } = people
    const marks = [bob, carol].map(d => d.events.length)
    const renamed = await lanchat<GroupInfo>(alice, 'group', 'rename', 'lunch', 'lunch (no index)')
    expect(renamed).toMatchObject({ id: lunch.id, name: 'lunch (no index)', version: 2 })
    await Promise.all([bob, carol].map(async (d, i) => await d.event(e => e.type === 'group' && e.group.id === lunch.id && e.group.version === 2, 15_000, marks[i])))
    for (const d of [bob, carol]) {
      const held = await d.api.get<GroupInfo>(`/api/groups/${lunch.id}`)
      expect(held).toMatchObject({ name: 'lunch (no index)', version: 2, members: ['alice', 'bob', 'carol'] })
    }
    // and a post under the new name reaches both
    const sent = await lanchat<GroupSendResult>(bob, 'send', '--group', 'lunch (no index)', 'renamed, still here')
    for (const d of [alice, carol]) await d.event(postIn(lunch.id, sent.id))
  })

  it('while it is cut, a post to the everyone room reaches the other two', async () => {
    const { alice, bob, carol } = people
    const sent = await lanchat<GroupSendResult>(carol, 'send', '--group', 'everyone', 'the index is down, we are not')
    expect(sent).toMatchObject({ members: 2, delivered: 2 })
    for (const d of [alice, bob]) {
      await d.event(postIn('everyone', sent.id), 20_000)
      const history = await d.api.get<GroupMessage[]>('/api/groups/everyone/messages')
      expect(history.filter(p => p.id === sent.id).map(p => [p.from, p.body])).toEqual([['carol', 'the index is down, we are not']])
    }
  })

  it('carol restarts while the cable is still out: her posts reach both, and alice\'s post from while she was away reaches her', async () => {
    const { alice, bob, carol } = people
    await carol.stop()
    await alice.sees('carol', c => !c.online)
    const away = await lanchat<GroupSendResult>(alice, 'send', '--group', 'lunch (no index)', 'while you were out')
    expect(away).toEqual({ id: away.id, state: 'queued', members: 2, delivered: 1 })
    await carol.start({ waitForIndex: false })
    expect((await carol.status()).index.connected).toBe(false)
    // nobody tells her where alice and bob are: her profile does
    const back = await lanchat<GroupSendResult>(carol, 'send', '--group', 'lunch (no index)', 'back, still no index')
    for (const d of [alice, bob]) await d.event(postIn(lunch.id, back.id), 20_000)
    // in touch again: what alice queued for her comes, once
    const held = await historyOf(carol, lunch.id, 4 + 3 * POSTS)
    expect(held.filter(p => p.id === away.id).map(p => [p.from, p.body])).toEqual([['alice', 'while you were out']])
    await alice.event(e => e.type === 'group-state' && e.progress.id === away.id && e.progress.delivered === 2, 30_000)
    console.log(`carol restarted without the index: her post answered ${back.state} (${back.delivered} of ${back.members})`)
    // and the everyone room, from a daemon started without the index
    const hello = await lanchat<GroupSendResult>(carol, 'send', '--group', 'everyone', 'everyone, I restarted')
    for (const d of [alice, bob]) await d.event(postIn('everyone', hello.id), 20_000)
  })

  it('carol stops; alice names bob admin and posts; the cable goes back in and carol starts: she gets both, the post once', async () => {
    const { alice, bob, carol } = people
    await carol.stop()
    await alice.sees('carol', c => !c.online)
    // a change and a post that depends on it, both queued for carol
    expect(await lanchat<GroupInfo>(alice, 'group', 'admin', 'lunch (no index)', 'bob')).toMatchObject({ admins: ['alice', 'bob'], version: 3 })
    const sent = await lanchat<GroupSendResult>(alice, 'send', '--group', 'lunch (no index)', 'carol, we moved to 12:30')
    // no relay without the index: queued for carol
    expect(sent).toEqual({ id: sent.id, state: 'queued', members: 2, delivered: 1 })
    await bob.event(postIn(lunch.id, sent.id))

    const mark = alice.events.length
    await lan!.linkUp(OFFICE)
    // carol logs in as she starts; alice, retrying the index with backoff, may take longer
    await carol.start()
    // it may come (relayed at her login) before her event stream opens: her history tells
    const held = await historyOf(carol, lunch.id, 5 + 3 * POSTS)
    expect(held.filter(p => p.id === sent.id).map(p => [p.from, p.body])).toEqual([['alice', 'carol, we moved to 12:30']])
    await alice.event(e => e.type === 'group-state' && e.progress.id === sent.id && e.progress.delivered === 2, 30_000)
    await alice.event(e => e.type === 'index' && e.connected, 30_000, mark)
    const relayed = alice.events.some(e => e.type === 'group-state' && e.progress.id === sent.id && e.progress.perMember.some(m => m.name === 'carol' && m.state === 'relayed'))
    console.log(`carol caught up ${relayed ? 'through the relay' : 'directly from alice'}`)
    // one history, the same at every member, each post once
    const histories = await Promise.all([alice, bob].map(async d => (await historyOf(d, lunch.id, held.length)).map(p => p.id)))
    for (const h of histories) expect(h).toEqual(held.map(p => p.id))
    expect(new Set(held.map(p => p.id)).size).toBe(held.length)
    expect(held.map(p => p.group)).toEqual(Array(held.length).fill('lunch (no index)'))
    expect(await carol.api.get<GroupInfo>(`/api/groups/${lunch.id}`)).toMatchObject({ name: 'lunch (no index)', admins: ['alice', 'bob'], version: 3 })
  })
})
