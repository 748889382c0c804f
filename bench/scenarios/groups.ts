/**
 * Groups (issue 15): the everyone room and a named group, each post sent by a
 * real `lanchat daemon` process through its API (so its CPU and its TCP
 * connections are its own, read from /proc).
 *
 * Everyone room: light clients in this process are the other members
 * (registered at a real `lanchat-index`, each on its own loopback address,
 * gossipsub as the daemon configures it, the room's validator and sparse
 * graph: bench/lib/room-member.ts). A post is timed from the API call until
 * every online member's validator took it. Named group: the members are
 * in-process daemons (the 1:1 chain's fan-out needs the whole daemon); timed
 * until each emitted the post. Relay bytes: what the index stores for one
 * post to the everyone room whose other members are all offline, against
 * the same body sent 1:1 to each of them.
 */
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { startIndex } from '../../test/helpers/index-process.js'
import { INDEX_DB_FILE } from '../../index-server/store.js'
import { MAX_CONNECTIONS } from '../../node/daemon/options.js'
import { inProcessDaemon } from '../lib/daemon.js'
import { createClients, stopClients } from '../lib/light-client.js'
import { cpuMs, tcpConnections } from '../lib/procs.js'
import { RoomMember, deliveries } from '../lib/room-member.js'
import { fmtLatency, fmtMs, latency, settle } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'
import type { BenchClient } from '../lib/light-client.js'
import type { Daemon } from '../../node/daemon/daemon.js'
import type { GroupInfo } from '../../node/types.js'
import type { IndexProcess } from '../../test/helpers/index-process.js'

/** The index answers LOGIN at 20/s per source IP by default; the daemons here all send from 127.0.0.1. */
const INDEX_ARGS = ['--login-rate', '100000', '--new-name-rate', '100000']
const BODY = 'x'.repeat(100)
/** How long one post may take to reach everyone before it counts as missed. */
const POST_MS = 10_000

/** A progress line on stderr (full runs only): where a long phase got to. */
function progress (b: Bench, what: string, since: number): void {
  if (!b.quick) process.stderr.write(`    ${what} (${((performance.now() - since) / 1000).toFixed(1)} s)\n`)
}

async function loginAll (clients: BenchClient[], index: IndexProcess): Promise<number> {
  let failures = 0
  for (let i = 0; i < clients.length; i += 50) {
    await Promise.all(clients.slice(i, i + 50).map(async c => { await c.login(index).catch(() => { failures++ }) }))
  }
  return failures
}

/** Polls `check` every 100 ms; false after `ms`. */
async function poll (check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline) {
    if (await check()) return true
    await settle(100)
  }
  return false
}

/** The sender's view of the everyone room has at least `count` other members. */
async function knowsMembers (sender: DaemonProcess, count: number, ms: number): Promise<boolean> {
  return await poll(async () => (await sender.api.get<GroupInfo>('/api/groups/everyone')).memberPeerIds.filter(p => p !== sender.peerId).length >= count, ms)
}

async function room (b: Bench, registered: number, online: number, hostBase: number): Promise<void> {
  const index = await startIndex({ args: INDEX_ARGS })
  const sender = new DaemonProcess({ name: 'sender', indexPort: index.udpPort })
  const clients = await createClients(`r${registered}-`, registered, hostBase, true)
  const members: RoomMember[] = []
  const t00 = performance.now()
  try {
    await sender.start()
    const failures = await loginAll(clients, index)
    progress(b, `${registered} logged in`, t00)
    if (failures > 0) b.note(`everyone room ${registered}: ${failures} of ${registered} logins failed (20 s each; left out of the room)`)
    // the registered who are not online: logged in once (their names are bound), then gone
    await stopClients(await Promise.all(clients.slice(online).map(async c => { await c.logout().catch(() => {}); return c })))
    members.push(...clients.slice(0, online).filter(c => c.session != null).map(c => new RoomMember(c)))
    if (!await knowsMembers(sender, registered - failures, 30_000)) b.note(`everyone room ${registered}: the sender did not list every registered user within 30 s`)
    progress(b, `the sender lists ${registered} registered`, t00)
    for (let i = 0; i < members.length; i += 20) await Promise.all(members.slice(i, i + 20).map(async m => { await m.join() }))
    for (const m of members) m.start()
    // gossipsub forms its mesh on its 1 s heartbeat; the daemon's room dials on its 5 s tick if it has < 3 room peers
    await poll(() => members.every(m => m.roomPeers() > 0), 10_000)
    await settle(b.quick ? 2_000 : 6_000)
    progress(b, `${online} members in the room`, t00)
    await sender.api.post('/api/groups/everyone/messages', { body: `warm-${registered} ${BODY}` }).catch((err: Error) => { b.note(`everyone room ${registered}: the warm-up post: ${err.message}`) })
    await deliveries(members, `warm-${registered} ${BODY}`, performance.now(), POST_MS)

    const idleFrom = cpuMs(sender.proc.pid as number)
    await settle(b.quick ? 300 : 3_000)
    const idlePerMs = (cpuMs(sender.proc.pid as number) - idleFrom) / (b.quick ? 300 : 3_000)
    const values: number[] = []
    const cpu0 = cpuMs(sender.proc.pid as number)
    const t = performance.now()
    for (let i = 0; i < b.n.groupPosts && performance.now() - t < b.budget(120_000); i++) {
      const body = `r${registered}-${i} ${BODY}`
      const t0 = performance.now()
      const sent = await sender.api.post('/api/groups/everyone/messages', { body }).then(() => true, (err: Error) => { b.note(`everyone room ${registered}: post ${i}: ${err.message}`); return false })
      values.push(...await deliveries(members, body, t0, POST_MS))
      progress(b, `post ${i}${sent ? '' : ' (API failed)'}`, t00)
    }
    const posts = values.length / members.length
    if (process.env.GBENCH_DEBUG === '1') process.stderr.write(`members: ${members.map(m => `${m.client.name} peers=${m.roomPeers()} conns=${m.client.node.getConnections().length} got=${m.arrivals.size} ign=${m.ignored} sender=${m.connectedTo(sender.peerId)}`).join('\n')}\n`)
    const wall = performance.now() - t
    const gross = (cpuMs(sender.proc.pid as number) - cpu0) / posts
    const net = gross - idlePerMs * wall / posts
    const conns = tcpConnections(sender.proc.pid as number)
    const maxMemberConns = Math.max(...members.map(m => m.client.node.getConnections().length))
    const missed = values.filter(v => !Number.isFinite(v)).length
    const l = latency(values)
    const big = registered > online
    const what = big ? `${registered} registered / ${online} online` : `${online} online`
    b.add({
      scenario: `everyone room, ${what}: post -> all p50 / p99`,
      lanchat: fmtLatency(l),
      floor: '',
      target: big ? 'p99 < 1 s' : 'p99 < 500 ms',
      met: missed === 0 && l.p99 < (big ? 1000 : 500),
      note: `${posts} posts one after another x ${members.length} members (light clients in one process: gossipsub, the room's validator, each dials 3 others, again every 5 s while it has fewer than 3 room peers), from the sender's API call to each member's validator${big ? `; each post also relays a copy to each of the ${registered - online} offline` : ''}${missed > 0 ? `; ${missed} deliveries missed` : ''}`,
      values: { p50: l.p50, p99: l.p99, n: l.n, missed, posts, online, registered }
    })
    b.add({
      scenario: `everyone room, ${what}: sender CPU per post`,
      lanchat: `${fmtMs(net)}`,
      floor: '',
      target: '',
      note: `lanchat daemon process, /proc utime+stime (10 ms ticks) over ${posts} posts (API request, signing, store, publish${big ? ', relayed copies' : ''}) minus its idle rate (${(idlePerMs * 1000).toFixed(0)} ms/s); gross ${fmtMs(gross)}`,
      values: { netMs: net, grossMs: gross, idleMsPerS: idlePerMs * 1000 }
    })
    b.add({
      scenario: `everyone room, ${what}: connections held by the sender`,
      lanchat: String(conns.inbound + conns.outbound),
      floor: '',
      target: big ? `<= ${MAX_CONNECTIONS} (its limit)` : '',
      met: big ? conns.inbound + conns.outbound <= MAX_CONNECTIONS : undefined,
      note: `ESTABLISHED TCP sockets of the daemon process after the posts, ${conns.inbound} inbound (peers that dialled it, the bench's API connection) / ${conns.outbound} outbound (its dials, the index session); most held by any member: ${maxMemberConns}`,
      values: { connections: conns.inbound + conns.outbound, inbound: conns.inbound, outbound: conns.outbound, maxMemberConnections: maxMemberConns, limit: MAX_CONNECTIONS }
    })
  } finally {
    for (const m of members) m.stop()
    await stopClients(clients.slice(0, online))
    await sender.stop()
    await index.stop()
  }
}

async function named (b: Bench): Promise<void> {
  const index = await startIndex({ args: INDEX_ARGS })
  const sender = new DaemonProcess({ name: 'gsender', indexPort: index.udpPort })
  const members: Daemon[] = []
  try {
    await sender.start()
    for (let i = 0; i < b.n.groupMembers - 1; i += 5) {
      members.push(...await Promise.all(Array.from({ length: Math.min(5, b.n.groupMembers - 1 - i) }, async (_, j) => await inProcessDaemon(`gm${i + j}`, index.udpPort))))
    }
    const arrivals = members.map(() => new Map<string, number>())
    members.forEach((d, k) => d.subscribe((e) => {
      if (e.type === 'group-message' && e.message.direction === 'in') arrivals[k].set(e.message.body, performance.now())
    }))
    const names = members.map((_, i) => `gm${i}`)
    const created = await poll(async () => await sender.api.post('/api/groups', { name: 'bench', members: names }).then(() => true, () => false), 30_000)
    if (!created) throw new Error('the sender could not create the group within 30 s')
    const wait = async (body: string, t0: number): Promise<number[]> => {
      await poll(() => arrivals.every(a => a.has(body)), POST_MS)
      return arrivals.map(a => (a.get(body) ?? Infinity) - t0)
    }
    await sender.api.post('/api/groups/bench/messages', { body: `warm ${BODY}` })
    await wait(`warm ${BODY}`, 0)
    const values: number[] = []
    const t = performance.now()
    for (let i = 0; i < b.n.groupPosts && performance.now() - t < b.budget(60_000); i++) {
      const body = `g${i} ${BODY}`
      const t0 = performance.now()
      await sender.api.post('/api/groups/bench/messages', { body })
      values.push(...await wait(body, t0))
    }
    const missed = values.filter(v => !Number.isFinite(v)).length
    const l = latency(values)
    b.add({
      scenario: `named group of ${b.n.groupMembers}: send -> all delivered p50 / p99`,
      lanchat: fmtLatency(l),
      floor: '',
      target: '',
      note: `${values.length / members.length} posts one after another; sender a daemon process (API call), ${members.length} members in-process daemons (fan-out over the 1:1 chain), until each emitted the post${missed > 0 ? `; ${missed} deliveries missed` : ''}`,
      values: { p50: l.p50, p99: l.p99, n: l.n, missed }
    })
  } finally {
    for (const d of members) await d.stop().catch(() => {})
    await sender.stop()
    await index.stop()
  }
}

interface Usage { count: number, bytes: number }

/**
 * Envelopes waiting at the relay and their payload bytes, as `lanchat-index status` sums them
 * (read-only, beside the running server): group copies (ids `g-...`, node/groups/fanout.ts) or 1:1.
 */
function relayUsage (index: IndexProcess, group: boolean): Usage {
  const db = new DatabaseSync(join(index.dataDir, INDEX_DB_FILE), { readOnly: true })
  try {
    const row = db.prepare(`SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM envelopes WHERE id ${group ? '' : 'NOT '}LIKE 'g-%'`).get() as unknown as Usage
    return { count: Number(row.count), bytes: Number(row.bytes) }
  } finally {
    db.close()
  }
}

async function relayBytes (b: Bench, hostBase: number): Promise<void> {
  const n = b.n.groupOffline
  const index = await startIndex({ args: INDEX_ARGS })
  const sender = new DaemonProcess({ name: 'rsender', indexPort: index.udpPort })
  const clients = await createClients('off', n, hostBase)
  try {
    await sender.start()
    const failures = await loginAll(clients, index)
    for (const c of clients) await c.logout().catch(() => {})
    await stopClients(clients)
    if (!await knowsMembers(sender, n - failures, 30_000)) b.note('relay bytes: the sender did not list every offline user within 30 s')
    // 1:1 first: each send answers once the index committed its envelope
    const sendsFrom = performance.now()
    for (const c of clients) {
      if (performance.now() - sendsFrom > b.budget(60_000)) break
      await sender.send(c.name, BODY).catch(() => {})
    }
    const direct = relayUsage(index, false)
    const t0 = performance.now()
    await sender.api.post('/api/groups/everyone/messages', { body: BODY })
    let group = relayUsage(index, true)
    await poll(() => { group = relayUsage(index, true); return group.count >= n - failures }, b.budget(90_000))
    const allMs = performance.now() - t0
    const wanted = n - failures
    // per copy, so that copies still queued at the sender do not make the post look cheaper
    const perCopy = group.count > 0 ? group.bytes / group.count : NaN
    const perDirect = direct.count > 0 ? direct.bytes / direct.count : NaN
    b.add({
      scenario: `relay bytes: one everyone post to ${n} offline vs ${n} x 1:1`,
      lanchat: `${(perCopy * wanted / 1024).toFixed(1)} KiB`,
      floor: `${(perDirect * wanted / 1024).toFixed(1)} KiB 1:1`,
      ratio: perCopy / perDirect,
      target: '',
      note: `envelope payload bytes the index stores (its envelopes table, summed as lanchat-index status does), ${BODY.length}-character body; ${wanted} x bytes per envelope: a copy of the post ${perCopy.toFixed(0)} B, a 1:1 envelope ${perDirect.toFixed(0)} B. The post's copies at the relay: ${group.count} of ${wanted} ${group.count >= wanted ? `in ${(allMs / 1000).toFixed(1)} s` : `after ${(allMs / 1000).toFixed(0)} s (the rest still queued at the sender)`}. This branch has no store-once relay yet: each offline member gets its own sealed copy${failures > 0 ? `; ${failures} of ${n} logins failed` : ''}`,
      values: { groupBytes: group.bytes, directBytes: direct.bytes, groupEnvelopes: group.count, directEnvelopes: direct.count, perCopy, perDirect, allMs }
    })
  } finally {
    await sender.stop()
    await index.stop()
  }
}

export async function groups (b: Bench): Promise<void> {
  let hostBase = 6000
  for (const [registered, online] of b.n.room) {
    await room(b, registered, online, hostBase)
    hostBase += registered + 100
  }
  await named(b)
  await relayBytes(b, hostBase)
}
