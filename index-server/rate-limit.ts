/**
 * Token buckets, one per source IP plus one over all sources:
 * - LoginRateLimiter: LOGIN/LOGOUT datagrams, so a flood (spoofed or not)
 *   costs the server little and earns no replies;
 * - NewNameLimiter: names bound for the first time, so fresh keys cannot
 *   fill the directory (the Hello path takes a token, UDP LOGIN only looks).
 */
import {
  NEW_NAME_RATE_PER_SOURCE_PER_HOUR, NEW_NAMES_SOURCE_BURST, NEW_NAME_RATE_TOTAL_PER_HOUR, NEW_NAMES_TOTAL_BURST
} from '../protocols/constants.js'

/** Source IPs remembered at once; the oldest are forgotten first. */
export const MAX_TRACKED_SOURCES = 10_000

/** A token bucket's refill rate and size. */
export interface BucketRate {
  /** tokens added per second */
  perSecond: number
  /** most tokens held (the largest burst) */
  burst: number
}

class Bucket {
  tokens: number
  updated: number
  constructor (capacity: number, now: number) {
    this.tokens = capacity
    this.updated = now
  }

  refill (rate: BucketRate, now: number): void {
    this.tokens = Math.min(rate.burst, this.tokens + Math.max(0, now - this.updated) * rate.perSecond / 1000)
    this.updated = now
  }
}

/** One bucket per source plus one for all: a token is taken from both, or from neither. */
export class SourceRateLimiter {
  private readonly perSource: BucketRate
  private readonly total: BucketRate
  private readonly sources = new Map<string, Bucket>()
  private readonly all: Bucket

  constructor (perSource: BucketRate, total: BucketRate, now = Date.now()) {
    this.perSource = perSource
    this.total = total
    this.all = new Bucket(total.burst, now)
  }

  private source (ip: string, now: number): Bucket {
    let bucket = this.sources.get(ip)
    if (bucket == null) {
      if (this.sources.size >= MAX_TRACKED_SOURCES) {
        this.sources.delete(this.sources.keys().next().value as string)
      }
      bucket = new Bucket(this.perSource.burst, now)
      this.sources.set(ip, bucket)
    }
    bucket.refill(this.perSource, now)
    this.all.refill(this.total, now)
    return bucket
  }

  /** Takes a token for `ip` if both its bucket and the overall one have one. */
  allow (ip: string, now = Date.now()): boolean {
    const bucket = this.source(ip, now)
    if (bucket.tokens < 1 || this.all.tokens < 1) return false
    bucket.tokens -= 1
    this.all.tokens -= 1
    return true
  }

  /** Milliseconds until `allow(ip)` would succeed (0: now), taking nothing. */
  waitMs (ip: string, now = Date.now()): number {
    const bucket = this.source(ip, now)
    const wait = (tokens: number, rate: BucketRate): number => tokens >= 1 ? 0 : Math.ceil((1 - tokens) * 1000 / rate.perSecond)
    return Math.max(wait(bucket.tokens, this.perSource), wait(this.all.tokens, this.total))
  }
}

/** LOGIN datagrams: rates in datagrams per second; each bucket holds two seconds' worth. */
export class LoginRateLimiter extends SourceRateLimiter {
  constructor (perIp: number, global: number, now = Date.now()) {
    super({ perSecond: perIp, burst: perIp * 2 }, { perSecond: global, burst: global * 2 }, now)
  }
}

/**
 * New name bindings. `perSourcePerHour` is the refill of one source's
 * bucket; the bursts and the overall rate scale with it from their
 * defaults, so one flag (--new-name-rate) lifts or tightens them all.
 */
export class NewNameLimiter extends SourceRateLimiter {
  constructor (perSourcePerHour = NEW_NAME_RATE_PER_SOURCE_PER_HOUR, now = Date.now()) {
    const scale = perSourcePerHour / NEW_NAME_RATE_PER_SOURCE_PER_HOUR
    super(
      { perSecond: perSourcePerHour / 3600, burst: Math.max(1, NEW_NAMES_SOURCE_BURST * scale) },
      { perSecond: NEW_NAME_RATE_TOTAL_PER_HOUR * scale / 3600, burst: Math.max(1, NEW_NAMES_TOTAL_BURST * scale) },
      now
    )
  }
}
