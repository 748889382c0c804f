/**
 * Presence fan-out and the login storm, with light clients in this process
 * (real libp2p connections to a real `lanchat-index`, each client on its own
 * loopback address so the server's per-host limits see separate hosts).
 *
 * Fan-out: N peers online; one more joins (timed from its UDP LOGIN) or
 * leaves (timed from its Goodbye) until every other peer has the delta.
 * Storm: N peers log in at once (UDP LOGIN, dial, Noise, index stream,
 * snapshot). Index server RSS per connected peer comes from the largest
 * fan-out.
 */
import { startIndex } from '../../test/helpers/index-process.js'
import { BenchClient, createClients, stopClients } from '../lib/light-client.js'
import { rssMiB } from '../lib/procs.js'
import { fmtKiB, fmtLatency, fmtRate, latency, settle } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'
import type { IndexProcess } from '../../test/helpers/index-process.js'

/** The index server answers LOGIN at 20/s per source IP by default; every client here sends from 127.0.0.1. */
const INDEX_ARGS = ['--login-rate', '100000', '--new-name-rate', '100000']
/** Logins in flight while filling a fan-out (the storm is timed separately). */
const FILL_CONCURRENCY = 50

async function loginAll (clients: BenchClient[], index: IndexProcess, concurrency: number): Promise<number> {
  let failures = 0
  for (let i = 0; i < clients.length; i += concurrency) {
    await Promise.all(clients.slice(i, i + concurrency).map(async c => { await c.login(index).catch(() => { failures++ }) }))
  }
  return failures
}

/** Time from t0 until each of `others` recorded `name` in `seen`; missing ones count as Infinity. */
async function arrivals (others: BenchClient[], seen: (c: BenchClient) => Map<string, number>, name: string, t0: number, ms: number): Promise<number[]> {
  await Promise.all(others.map(async c => await c.until(() => seen(c).has(name), ms)))
  return others.map(c => (seen(c).get(name) ?? Infinity) - t0)
}

async function fanOut (b: Bench, size: number, hostBase: number): Promise<void> {
  const index = await startIndex({ args: INDEX_ARGS })
  const clients = await createClients(`p${size}-`, size, hostBase)
  try {
    await settle(b.settleMs(500))
    const idle = rssMiB(index.pid)
    // per peer = the slope between a fifth and all of them online (the first logins also pay
    // one-time costs: V8's young generation and code caches grow to their working size)
    const first = Math.max(1, Math.round(size / 5))
    let failures = await loginAll(clients.slice(0, first), index, FILL_CONCURRENCY)
    await settle(b.settleMs(2_000))
    const base = rssMiB(index.pid)
    failures += await loginAll(clients.slice(first), index, FILL_CONCURRENCY)
    if (failures > 0) b.note(`${failures} of ${size} fan-out logins failed`)
    await settle(b.settleMs(2_000))
    const full = rssMiB(index.pid)
    const perPeerKiB = (full - base) * 1024 / (size - first)
    const joins: number[] = []
    const leaves: number[] = []
    for (let e = 0; e < b.n.presenceEvents; e++) {
      const mover = await BenchClient.create(`mover${size}-${e}`, hostBase + size + e)
      let t0 = performance.now()
      await mover.login(index)
      joins.push(...await arrivals(clients, c => c.joinedAt, mover.name, t0, 10_000))
      t0 = performance.now()
      await mover.logout()
      leaves.push(...await arrivals(clients, c => c.leftAt, mover.name, t0, 10_000))
      await mover.stop()
    }
    const missed = [...joins, ...leaves].filter(v => !Number.isFinite(v)).length
    for (const [what, values] of [['join', joins], ['leave', leaves]] as const) {
      const l = latency(values)
      b.add({
        scenario: `presence ${what} -> all ${size} peers p50 / p99`,
        lanchat: fmtLatency(l),
        floor: '',
        target: size >= 500 ? 'p99 < 250 ms' : '',
        met: size >= 500 ? l.p99 < 250 : undefined,
        note: `${b.n.presenceEvents} ${what}s x ${size} receivers, all in one process${what === 'join' ? ' (from the UDP LOGIN)' : ' (from the Goodbye)'}${missed > 0 ? `; ${missed} deltas missed` : ''}`,
        values: { p50: l.p50, p99: l.p99, n: l.n, missed }
      })
    }
    if (size === Math.max(...b.n.presence)) {
      b.add({
        scenario: 'index server RSS per connected peer',
        lanchat: fmtKiB(perPeerKiB),
        floor: '',
        target: '< 250 KB',
        met: perPeerKiB * 1024 < 250_000,
        note: `${idle.toFixed(1)} MiB idle, ${base.toFixed(1)} MiB with ${first} sessions, ${full.toFixed(1)} MiB with ${size} (each: TCP, Noise, yamux, identify, index stream, heartbeat); per peer = the slope`,
        values: { perPeerKiB, idleMiB: idle, firstMiB: base, fullMiB: full, peers: size }
      })
    }
  } finally {
    await stopClients(clients)
    await index.stop()
  }
}

async function storm (b: Bench): Promise<void> {
  const index = await startIndex({ args: INDEX_ARGS })
  const clients = await createClients('storm', b.n.storm, 2000)
  try {
    let failures = 0
    const t = performance.now()
    await Promise.all(clients.map(async c => { await c.login(index, 30_000).catch(() => { failures++ }) }))
    const seconds = (performance.now() - t) / 1000
    const ok = clients.length - failures
    b.add({
      scenario: `login storm: ${clients.length} at once`,
      lanchat: fmtRate(ok / seconds, 'logins/s'),
      floor: '',
      target: '',
      note: `${failures} failed; all done in ${seconds.toFixed(1)} s; each UDP LOGIN + dial + Noise + identify + index stream + snapshot; clients share the 2 cores with the server`,
      values: { rate: ok / seconds, failures, seconds }
    })
  } finally {
    await stopClients(clients)
    await index.stop()
  }
}

export async function presence (b: Bench): Promise<void> {
  let hostBase = 3000
  for (const size of b.n.presence) {
    await fanOut(b, size, hostBase)
    hostBase += size + 100
  }
  await storm(b)
}
