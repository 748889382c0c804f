/**
 * Keeps the daemon connected to every peer that mDNS shows on the LAN (with
 * no index server, those connections carry the whole directory): a peer that
 * answers mDNS and is not connected is dialed, and dialed again with backoff
 * (MDNS_REDIAL_MIN_MS doubling to MDNS_REDIAL_MAX_MS, ±20 % jitter) for as long
 * as it keeps answering; it is given up once its last answer's TTL has run
 * out, or at its goodbye. Of two peers, the lower PeerId dials at once and the
 * higher only after MDNS_DIAL_GRACE_MS, so they rarely dial each other at the
 * same moment. At most `dialsPerMinute` dials start in a minute (an mDNS flood
 * must not start a dial storm); a dial over the budget waits for the next tick.
 *
 * Time is passed in (`seen(s, now)`, `tick(now)`, and `now()` for when a dial
 * ended); `start()` runs `tick` on a timer for the daemon.
 *
 * @example
 * ```ts
 * const redial = new Redial({ self: myId, connected: id => ..., dial: async (peer, addrs) => { await libp2p.dial(addrs) } })
 * mdns.addEventListener('sighting', (evt) => { redial.seen(evt.detail) })
 * redial.start()
 * ```
 */
import { MDNS_DIAL_GRACE_MS, MDNS_DIALS_PER_MINUTE, MDNS_REDIAL_MAX_MS, MDNS_REDIAL_MIN_MS } from './options.js'
import type { Sighting } from './mdns.js'
import type { PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** How often the daemon's timer looks for due dials. */
const TICK_MS = 250
/** Peers followed at once (mDNS answers from more hosts than this: the ones heard longest ago are dropped). */
const MAX_FOLLOWED = 1024

export interface RedialInit {
  /** my PeerId (string): the lower of a pair dials first */
  self: string
  /** whether an open connection to the peer exists */
  connected(peer: string): boolean
  /** dials the peer at these addresses; rejects when that failed */
  dial(peer: PeerId, addrs: Multiaddr[]): Promise<void>
  /** @default MDNS_DIALS_PER_MINUTE */
  dialsPerMinute?: number
  /** @default MDNS_REDIAL_MIN_MS */
  minBackoffMs?: number
  /** @default MDNS_REDIAL_MAX_MS */
  maxBackoffMs?: number
  /** @default MDNS_DIAL_GRACE_MS */
  graceMs?: number
  /** 0..1, for the jitter @default Math.random */
  random?: () => number
  /** the clock a failed dial's backoff counts from (it may end long after it started) @default Date.now */
  now?: () => number
}

interface Followed {
  id: PeerId
  addrs: Multiaddr[]
  /** its last answer is good until then */
  until: number
  /** failed dials since it was last connected */
  failures: number
  /** not dialed before then */
  nextAt: number
  dialing: boolean
}

export class Redial {
  private readonly init: RedialInit
  private readonly followed = new Map<string, Followed>()
  private dialsStarted: number[] = []
  private timer?: ReturnType<typeof setInterval>

  constructor (init: RedialInit) {
    this.init = init
  }

  start (): void {
    this.timer ??= setInterval(() => { this.tick() }, TICK_MS)
    this.timer.unref?.()
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.followed.clear()
  }

  /** An mDNS answer from a peer (every one, not only its first); a TTL of 0 is its goodbye. */
  seen (s: Sighting, now = (this.init.now ?? Date.now)()): void {
    const key = s.id.toString()
    if (key === this.init.self) return
    if (s.ttlMs <= 0) {
      this.followed.delete(key)
      return
    }
    const known = this.followed.get(key)
    if (known != null) {
      known.until = now + s.ttlMs
      if (s.multiaddrs.length > 0) known.addrs = s.multiaddrs
      // re-heard: make it the newest (the oldest are dropped first)
      this.followed.delete(key)
      this.followed.set(key, known)
      return
    }
    const grace = key > this.init.self ? 0 : (this.init.graceMs ?? MDNS_DIAL_GRACE_MS)
    this.followed.set(key, { id: s.id, addrs: s.multiaddrs, until: now + s.ttlMs, failures: 0, nextAt: now + grace, dialing: false })
    for (const old of this.followed.keys()) {
      if (this.followed.size <= MAX_FOLLOWED) break
      this.followed.delete(old)
    }
  }

  /** Whether the peer is followed (it answered mDNS within its TTL). */
  follows (peer: string): boolean {
    return this.followed.has(peer)
  }

  /** Starts the dials that are due; resolves with how many it started. */
  tick (now = (this.init.now ?? Date.now)()): number {
    const budget = this.init.dialsPerMinute ?? MDNS_DIALS_PER_MINUTE
    this.dialsStarted = this.dialsStarted.filter(t => now - t < 60_000)
    let started = 0
    for (const [key, f] of this.followed) {
      if (f.until < now) {
        this.followed.delete(key)
        continue
      }
      if (f.dialing) continue
      if (this.init.connected(key)) {
        f.failures = 0
        f.nextAt = now
        continue
      }
      if (f.nextAt > now || this.dialsStarted.length >= budget || f.addrs.length === 0) continue
      this.dialsStarted.push(now)
      started++
      f.dialing = true
      this.init.dial(f.id, f.addrs).then(() => {
        f.failures = 0
        f.nextAt = now
      }, () => {
        f.failures++
        f.nextAt = (this.init.now ?? Date.now)() + this.backoff(f.failures)
      }).finally(() => { f.dialing = false })
    }
    return started
  }

  /** The wait after the n-th failure in a row: MIN doubling to MAX, ±20 %. */
  backoff (failures: number): number {
    const min = this.init.minBackoffMs ?? MDNS_REDIAL_MIN_MS
    const max = this.init.maxBackoffMs ?? MDNS_REDIAL_MAX_MS
    const base = Math.min(max, min * 2 ** (failures - 1))
    return base * (0.8 + (this.init.random ?? Math.random)() * 0.4)
  }
}
