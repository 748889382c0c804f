/**
 * Token buckets for the UDP login service: one per source IP plus one global,
 * so a flood (spoofed or not) costs the server little and earns no replies.
 */

/** Source IPs remembered at once; the oldest are forgotten first. */
export const MAX_TRACKED_SOURCES = 10_000

class Bucket {
  tokens: number
  updated: number
  constructor (capacity: number, now: number) {
    this.tokens = capacity
    this.updated = now
  }

  take (rate: number, capacity: number, now: number): boolean {
    this.tokens = Math.min(capacity, this.tokens + (now - this.updated) * rate / 1000)
    this.updated = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

export class LoginRateLimiter {
  private readonly perIp: number
  private readonly global: number
  private readonly sources = new Map<string, Bucket>()
  private readonly all: Bucket

  /** rates in datagrams per second; each bucket holds two seconds' worth */
  constructor (perIp: number, global: number, now = Date.now()) {
    this.perIp = perIp
    this.global = global
    this.all = new Bucket(global * 2, now)
  }

  allow (ip: string, now = Date.now()): boolean {
    let bucket = this.sources.get(ip)
    if (bucket == null) {
      if (this.sources.size >= MAX_TRACKED_SOURCES) {
        this.sources.delete(this.sources.keys().next().value as string)
      }
      bucket = new Bucket(this.perIp * 2, now)
      this.sources.set(ip, bucket)
    }
    return bucket.take(this.perIp, this.perIp * 2, now) && this.all.take(this.global, this.global * 2, now)
  }
}
