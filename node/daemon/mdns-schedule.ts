/**
 * When this host sends its next mDNS query, so that the whole segment sends
 * about one query per interval however many hosts are on it: every host that
 * hears a query (another's, or its own) puts its own off by a whole interval
 * (RFC 6762 7.3, duplicate question suppression), since the answers to that
 * query reach it too. The interval is jittered by +0..20 % so hosts that
 * started together drift apart, and it is MDNS_QUERY_INTERVAL_MS while no
 * index server is reachable, MDNS_QUERY_INTERVAL_WITH_INDEX_MS while one is.
 *
 * Time is passed in; node/daemon/mdns.ts runs it on a timer.
 *
 * @example
 * ```ts
 * const schedule = new QuerySchedule()
 * let due = schedule.queried(Date.now())   // we asked (or someone did)
 * due = schedule.indexReachable(true, Date.now())
 * ```
 */
import { MDNS_QUERY_INTERVAL_MS, MDNS_QUERY_INTERVAL_WITH_INDEX_MS } from './options.js'

export interface QueryScheduleInit {
  /** @default MDNS_QUERY_INTERVAL_MS */
  intervalMs?: number
  /** @default MDNS_QUERY_INTERVAL_WITH_INDEX_MS */
  intervalWithIndexMs?: number
  /** 0..1, for the jitter @default Math.random */
  random?: () => number
}

export class QuerySchedule {
  /** when this host asks next (Infinity until it first asked) */
  nextAt = Infinity
  private readonly intervalMs: number
  private readonly intervalWithIndexMs: number
  private readonly random: () => number
  private withIndex = false

  constructor (init: QueryScheduleInit = {}) {
    this.intervalMs = init.intervalMs ?? MDNS_QUERY_INTERVAL_MS
    this.intervalWithIndexMs = init.intervalWithIndexMs ?? MDNS_QUERY_INTERVAL_WITH_INDEX_MS
    this.random = init.random ?? Math.random
  }

  /** A query went out on the segment (ours or another host's): ours waits a whole interval from now. Returns when it is due. */
  queried (now: number): number {
    this.nextAt = now + this.jittered()
    return this.nextAt
  }

  /** The index server became reachable (ask less often) or not (ask within one short interval). Returns when the next query is due. */
  indexReachable (reachable: boolean, now: number): number {
    if (this.withIndex === reachable) return this.nextAt
    this.withIndex = reachable
    if (this.nextAt !== Infinity) this.nextAt = Math.min(this.nextAt, now + this.jittered())
    return this.nextAt
  }

  /** The current interval with +0..20 % jitter. */
  private jittered (): number {
    return (this.withIndex ? this.intervalWithIndexMs : this.intervalMs) * (1 + this.random() * 0.2)
  }
}
