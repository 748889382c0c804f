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
 * until each emitted the post. Relay bytes: ./groups-relay.ts.
 */
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex } from '../../test/helpers/index-process.js'
import { MAX_CONNECTIONS } from '../../node/daemon/options.js'
import { inProcessDaemon } from '../lib/daemon.js'
import { BODY, INDEX_ARGS, knowsMembers, loginAll, poll } from '../lib/group-setup.js'
import { createClients, stopClients } from '../lib/light-client.js'
import { cpuMs, tcpConnections } from '../lib/procs.js'
import { RoomMember, deliveries } from '../lib/room-member.js'
import { fmtLatency, fmtMs, latency, settle } from '../lib/stats.js'
import { relayBytes } from './groups-relay.js'
import type { Bench } from '../lib/context.js'
import type { Daemon } from '../../node/daemon/daemon.js'

/** How long one post may take to reach everyone before it counts as missed. */
const POST_MS = 10_000

/** A progress line on stderr (full runs only): where a long phase got to. */
function progress (b: Bench, what: string, since: number): void {
  if (!b.quick) process.stderr.write(`    ${what} (${((performance.now() - since) / 1000).toFixed(1)} s)\n`)
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
    // the members' own process (this one): how busy its one thread was while the posts went round
    const membersCpu0 = process.cpuUsage()
    const load0 = loadavg()[0]
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
    const membersCpu = process.cpuUsage(membersCpu0)
    const membersBusy = (membersCpu.user + membersCpu.system) / 1000 / wall
    const load1 = loadavg()[0]
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
      note: `${posts} posts one after another x ${members.length} members (light clients in one process: gossipsub, the room's validator, each dials 3 others, again every 5 s while it has fewer than 3 room peers), from the sender's API call to each member's validator; the members' process used ${(membersBusy * 100).toFixed(0)} % of a core meanwhile, load average ${load0.toFixed(1)} -> ${load1.toFixed(1)}${big ? `; each post also deposits one shared body with a key wrap for each of the ${registered - online} offline` : ''}${missed > 0 ? `; ${missed} deliveries missed` : ''}`,
      values: { p50: l.p50, p99: l.p99, n: l.n, missed, posts, online, registered, membersBusy, load0, load1 }
    })
    b.add({
      scenario: `everyone room, ${what}: sender CPU per post`,
      lanchat: `${fmtMs(net)}`,
      floor: '',
      target: '',
      note: `lanchat daemon process, /proc utime+stime (10 ms ticks) over ${posts} posts (API request, signing, store, publish${big ? ', the shared deposit for the offline' : ''}) minus its idle rate (${(idlePerMs * 1000).toFixed(0)} ms/s); gross ${fmtMs(gross)}`,
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
    // diagnosis: the sender's stderr (with DEBUG=lanchat:groups:* its fan-out and room lines) beside its PID
    const dir = process.env.GBENCH_DEBUG_DIR
    if (dir != null) writeFileSync(join(dir, `sender-${registered}-${online}-pid${sender.proc?.pid ?? 0}.log`), sender.stderr())
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

export async function groups (b: Bench): Promise<void> {
  let hostBase = 6000
  for (const [registered, online] of b.n.room) {
    await room(b, registered, online, hostBase)
    hostBase += registered + 100
  }
  await named(b)
  await relayBytes(b, hostBase)
}
