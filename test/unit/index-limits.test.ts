/**
 * The index server's limits on what one party may take, with time passed in:
 * new names per source IP and overall, and a sender's share of a
 * recipient's relay quota, on a real SQLite store.
 */
import { describe, expect, it } from 'vitest'
import {
  NEW_NAME_RATE_PER_SOURCE_PER_HOUR, NEW_NAME_RATE_TOTAL_PER_HOUR, NEW_NAMES_SOURCE_BURST, NEW_NAMES_TOTAL_BURST
} from '../../protocols/constants.js'
import { NewNameLimiter } from '../../index-server/rate-limit.js'
import { openIndexStore } from '../../index-server/store.js'
import { tempDir } from '../helpers/index-process.js'
import type { StoredEnvelope } from '../../index-server/store.js'

const HOUR = 3_600_000

describe('new names per source and overall', () => {
  it('lets one address bind its burst at once, then one more per refill interval', () => {
    const t0 = 1_000_000
    const limiter = new NewNameLimiter(undefined, t0)
    for (let i = 0; i < NEW_NAMES_SOURCE_BURST; i++) expect(limiter.allow('10.0.0.7', t0)).toBe(true)
    expect(limiter.allow('10.0.0.7', t0)).toBe(false)
    const interval = HOUR / NEW_NAME_RATE_PER_SOURCE_PER_HOUR
    expect(limiter.waitMs('10.0.0.7', t0)).toBe(interval)
    expect(limiter.allow('10.0.0.7', t0 + interval - 1)).toBe(false)
    expect(limiter.allow('10.0.0.7', t0 + interval)).toBe(true)
    // another address has its own bucket
    expect(limiter.allow('10.0.0.8', t0 + interval)).toBe(true)
  })

  it('caps every address together at the overall burst, then the overall rate', () => {
    const t0 = 0
    const limiter = new NewNameLimiter(undefined, t0)
    let bound = 0
    for (let ip = 0; ip < 100; ip++) {
      for (let i = 0; i < NEW_NAMES_SOURCE_BURST; i++) if (limiter.allow(`10.0.${ip}.1`, t0)) bound++
    }
    expect(bound).toBe(NEW_NAMES_TOTAL_BURST)
    expect(limiter.waitMs('10.1.0.1', t0)).toBe(HOUR / NEW_NAME_RATE_TOTAL_PER_HOUR)
    expect(limiter.allow('10.1.0.1', t0 + HOUR / NEW_NAME_RATE_TOTAL_PER_HOUR)).toBe(true)
  })

  it('scales every limit with --new-name-rate (100 000 an hour lifts them for tests and benchmarks)', () => {
    const limiter = new NewNameLimiter(100_000, 0)
    for (let i = 0; i < 1_000; i++) expect(limiter.allow('127.0.0.1', 0)).toBe(true)
  })
})

describe('a sender\'s share of a recipient\'s relay quota', () => {
  const quota = { count: 8, bytes: 800, senderCount: 2, senderBytes: 200 }
  let n = 0
  const env = (sender: string, size = 10): StoredEnvelope => ({ id: `m${n++}`, sender, recipient: 'bob', recipientPeerId: 'bob-peer', depositedAt: 1, payload: new Uint8Array(size) })

  it('refuses a sender over its share by count, while other senders still fit', () => {
    const store = openIndexStore(tempDir())
    try {
      const first = env('mallory')
      expect(store.relay.deposit(first, quota)).toEqual({ ok: true, duplicate: false })
      expect(store.relay.deposit(env('mallory'), quota)).toEqual({ ok: true, duplicate: false })
      expect(store.relay.deposit(env('mallory'), quota)).toEqual({ ok: false, reason: 'sender-share' })
      // a retry of a stored one is still a duplicate, not a refusal
      expect(store.relay.deposit(first, quota)).toEqual({ ok: true, duplicate: true })
      expect(store.relay.deposit(env('alice'), quota)).toEqual({ ok: true, duplicate: false })
      // once bob fetched and acked, mallory's share is free again
      store.relay.ack('bob-peer', [first.id])
      expect(store.relay.deposit(env('mallory'), quota)).toEqual({ ok: true, duplicate: false })
    } finally {
      store.close()
    }
  })

  it('refuses a sender over its share by bytes', () => {
    const store = openIndexStore(tempDir())
    try {
      expect(store.relay.deposit(env('mallory', 150), quota)).toEqual({ ok: true, duplicate: false })
      expect(store.relay.deposit(env('mallory', 51), quota)).toEqual({ ok: false, reason: 'sender-share' })
      expect(store.relay.deposit(env('mallory', 50), quota)).toEqual({ ok: true, duplicate: false })
    } finally {
      store.close()
    }
  })

  it('keeps the recipient\'s total: four full shares fill the quota for a fifth sender', () => {
    const store = openIndexStore(tempDir())
    try {
      for (const sender of ['a', 'b', 'c', 'd']) {
        for (let i = 0; i < 2; i++) expect(store.relay.deposit(env(sender), quota).ok).toBe(true)
      }
      expect(store.relay.deposit(env('e'), quota)).toEqual({ ok: false, reason: 'quota-count' })
    } finally {
      store.close()
    }
  })
})
