/**
 * Issue 19, finding 6: every host asked every 10 s and every host answered
 * every query, so mDNS grew with the square of the hosts. Now a host that
 * hears a query puts its own off a whole interval, so a segment of any size
 * asks about once per interval. Here whole segments of hosts run their
 * schedules against one shared clock: a query reaches every host (itself
 * included) `latencyMs` after it was sent. Time is passed in.
 */
import { describe, expect, it } from 'vitest'
import { QuerySchedule } from '../../node/daemon/mdns-schedule.js'
import { MDNS_QUERY_INTERVAL_MS, MDNS_QUERY_INTERVAL_WITH_INDEX_MS } from '../../node/daemon/options.js'

const MINUTES_10 = 10 * 60_000

/** A seeded 0..1 generator (mulberry32), so every run draws the same jitter. */
function seeded (seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** When each query was sent, over the whole segment. */
type Queries = number[]

/**
 * n hosts start within `spreadMs` of 0 (each asks once as it starts: that
 * is @libp2p/mdns's start-up query), then follow their schedules until
 * `until`; `index` flips the index server's reachability at given times.
 */
function runSegment (n: number, until: number, opts: { latencyMs?: number, spreadMs?: number, seed?: number, index?: Array<[number, boolean]> } = {}): Queries {
  const random = seeded(opts.seed ?? 1)
  const latency = opts.latencyMs ?? 0
  const hosts = Array.from({ length: n }, () => new QuerySchedule({ random }))
  const startAt = hosts.map(() => random() * (opts.spreadMs ?? 2_000))
  const running = new Set<QuerySchedule>()
  const queries: Queries = []
  /** when each query on the wire reaches the hosts */
  const arriving: number[] = []
  const flips = [...(opts.index ?? [])]
  const send = (t: number): void => {
    queries.push(t)
    arriving.push(t + latency)
  }
  for (;;) {
    const nextStart = Math.min(...startAt)
    const nextHost = Math.min(...[...running].map(h => h.nextAt))
    const nextArrival = Math.min(...arriving)
    const nextFlip = flips[0]?.[0] ?? Infinity
    const t = Math.min(nextStart, nextHost, nextArrival, nextFlip)
    if (t > until) break
    if (t === nextArrival) {
      arriving.splice(arriving.indexOf(t), 1)
      for (const h of running) h.queried(t)
    } else if (t === nextStart) {
      const i = startAt.indexOf(t)
      startAt[i] = Infinity
      running.add(hosts[i])
      hosts[i].queried(t)
      send(t)
    } else if (t === nextFlip) {
      const [, reachable] = flips.shift() as [number, boolean]
      for (const h of running) h.indexReachable(reachable, t)
    } else {
      const h = [...running].find(x => x.nextAt === t) as QuerySchedule
      h.queried(t) // its own query: asked, so the next is an interval away
      send(t)
    }
  }
  return queries
}

describe('mDNS query schedule', () => {
  it.each([1, 12, 20, 100, 500])('%i hosts with no index server: about one query per MDNS_QUERY_INTERVAL_MS on the whole segment', (n) => {
    const queries = runSegment(n, MINUTES_10)
    // after the start-up (one query per host as it starts, all heard by the others)
    const steady = queries.filter(t => t > 2_000)
    expect(steady.length).toBeLessThanOrEqual(MINUTES_10 / MDNS_QUERY_INTERVAL_MS)
    expect(steady.length).toBeGreaterThanOrEqual(MINUTES_10 / (MDNS_QUERY_INTERVAL_MS * 1.2) - 1)
  })

  it('a query takes 1 ms to reach everyone: two hosts now and then ask at once, still far from one query per host', () => {
    for (const n of [20, 500]) {
      const steady = runSegment(n, MINUTES_10, { latencyMs: 1 }).filter(t => t > 2_000)
      const perInterval = steady.length / (MINUTES_10 / MDNS_QUERY_INTERVAL_MS)
      console.log(`${n} hosts, 1 ms latency: ${perInterval.toFixed(2)} queries per interval`)
      // expected 1 + n·latency / (0.2·interval): the hosts whose jittered timers fire before the first query arrives
      expect(perInterval).toBeLessThan(1.5)
    }
  })

  it('the index server becomes reachable: the segment asks every MDNS_QUERY_INTERVAL_WITH_INDEX_MS; unplugged, within one MDNS_QUERY_INTERVAL_MS again', () => {
    const unplugAt = MINUTES_10 - 60_000
    const queries = runSegment(20, MINUTES_10, { index: [[5_000, true], [unplugAt, false]] })
    const withIndex = queries.filter(t => t > 20_000 && t < unplugAt)
    expect(withIndex.length).toBeLessThanOrEqual((unplugAt - 20_000) / MDNS_QUERY_INTERVAL_WITH_INDEX_MS)
    expect(withIndex.length).toBeGreaterThanOrEqual((unplugAt - 20_000) / (MDNS_QUERY_INTERVAL_WITH_INDEX_MS * 1.2) - 1)
    const firstAfter = queries.find(t => t >= unplugAt) as number
    expect(firstAfter - unplugAt).toBeLessThanOrEqual(MDNS_QUERY_INTERVAL_MS * 1.2)
  })

  it('a host that has not asked yet has nothing due, whatever the index does', () => {
    const h = new QuerySchedule()
    expect(h.indexReachable(true, 0)).toBe(Infinity)
    expect(h.indexReachable(false, 0)).toBe(Infinity)
    expect(h.queried(0)).toBeGreaterThanOrEqual(MDNS_QUERY_INTERVAL_MS)
  })
})
