/**
 * Issue 19, finding 2: libp2p tells about a peer only the first time it is
 * discovered, so a failed first dial was never retried although the peer
 * kept answering mDNS. The redialer is told of every answer and keeps
 * dialing, with backoff, for as long as the peer answers. Time is passed in.
 */
import { setImmediate as turn } from 'node:timers/promises'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { Redial } from '../../node/daemon/redial.js'
import { MDNS_DIAL_GRACE_MS, MDNS_DIALS_PER_MINUTE, MDNS_REDIAL_MAX_MS, MDNS_REDIAL_MIN_MS, MDNS_RECORD_TTL_S } from '../../node/daemon/options.js'
import type { PeerId } from '@libp2p/interface'

const TTL_MS = MDNS_RECORD_TTL_S * 1000
/** PeerIds are base58 strings starting "12D3Koo": "0" sorts below every one of them, "z" above. */
const LOWER = '0'
const HIGHER = 'z'

async function peer (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

/** A redialer whose dials succeed or fail as the test says; every dial is recorded with its time. */
function harness (self: string, opts: { failing?: Set<string>, dialsPerMinute?: number } = {}): { redial: Redial, dials: Array<[number, string]>, connected: Set<string>, clock: { t: number } } {
  const clock = { t: 0 }
  const dials: Array<[number, string]> = []
  const connected = new Set<string>()
  const failing = opts.failing ?? new Set<string>()
  const redial = new Redial({
    self,
    now: () => clock.t,
    random: () => 0.5, // no jitter
    dialsPerMinute: opts.dialsPerMinute,
    connected: (p) => connected.has(p),
    dial: async (id) => {
      dials.push([clock.t, id.toString()])
      if (failing.has(id.toString())) throw new Error('All multiaddr dials failed')
      connected.add(id.toString())
    }
  })
  return { redial, dials, connected, clock }
}

/** Runs the clock from `from` to `to` in steps of `stepMs`, ticking (and letting dials settle) at each; `answers` says when the peer answers mDNS. */
async function run (h: ReturnType<typeof harness>, id: PeerId, from: number, to: number, answerEveryMs?: number, stepMs = 250): Promise<void> {
  for (let t = from; t <= to; t += stepMs) {
    h.clock.t = t
    if (answerEveryMs != null && t % answerEveryMs === 0) h.redial.seen({ id, multiaddrs: [multiaddr('/ip4/10.0.0.2/tcp/47472')], ttlMs: TTL_MS })
    h.redial.tick()
    await turn()
  }
}

describe('mDNS redial', () => {
  it('bob keeps answering but his dials fail: alice dials again and again, backing off, and stops once he is silent for his TTL', async () => {
    const bob = await peer()
    const h = harness(LOWER, { failing: new Set([bob.toString()]) })
    // bob answers every 10 s for 5 minutes, then says nothing more
    await run(h, bob, 0, 300_000, 10_000)
    await run(h, bob, 300_250, 300_000 + TTL_MS + 60_000)

    // 1 s, 2 s, 4 s ... then every MDNS_REDIAL_MAX_MS (60 s) while he answers;
    // his last answer (at 300 s) is good for his TTL (120 s): the dial due at 423 s never starts
    const times = h.dials.map(([t]) => t)
    expect(times).toEqual([0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000, 123_000, 183_000, 243_000, 303_000, 363_000])
    expect(h.redial.follows(bob.toString())).toBe(false)
  })

  it('once bob is connected nobody dials; when the connection drops while he still answers, alice dials at once', async () => {
    const bob = await peer()
    const h = harness(LOWER)
    await run(h, bob, 0, 30_000, 10_000)
    expect(h.dials).toEqual([[0, bob.toString()]])

    h.connected.delete(bob.toString()) // the connection closed
    await run(h, bob, 30_250, 40_000, 10_000)
    expect(h.dials).toEqual([[0, bob.toString()], [30_250, bob.toString()]])
  })

  it('of two peers, the higher PeerId waits MDNS_DIAL_GRACE_MS for the lower one to dial; if that connects, it never dials', async () => {
    const bob = await peer()
    const h = harness(HIGHER)
    await run(h, bob, 0, 10_000, 10_000)
    expect(h.dials).toEqual([[MDNS_DIAL_GRACE_MS, bob.toString()]])

    const h2 = harness(HIGHER)
    h2.redial.seen({ id: bob, multiaddrs: [multiaddr('/ip4/10.0.0.2/tcp/47472')], ttlMs: TTL_MS }, 0)
    h2.connected.add(bob.toString()) // bob dialed us within the grace period
    await run(h2, bob, 0, 20_000, 10_000)
    expect(h2.dials).toEqual([])
  })

  it('a goodbye (TTL 0) ends the dials at once', async () => {
    const bob = await peer()
    const h = harness(LOWER, { failing: new Set([bob.toString()]) })
    await run(h, bob, 0, 5_000, 10_000)
    const before = h.dials.length
    h.redial.seen({ id: bob, multiaddrs: [], ttlMs: 0 })
    await run(h, bob, 5_250, 60_000)
    expect(h.dials.length).toBe(before)
    expect(h.redial.follows(bob.toString())).toBe(false)
  })

  it(`an mDNS flood: at most ${MDNS_DIALS_PER_MINUTE} dials start in a minute; the others wait their turn`, async () => {
    const flood = await Promise.all(Array.from({ length: MDNS_DIALS_PER_MINUTE + 20 }, async () => await peer()))
    const h = harness(LOWER, { failing: new Set(flood.map(p => p.toString())) })
    for (const id of flood) h.redial.seen({ id, multiaddrs: [multiaddr('/ip4/10.0.0.9/tcp/1')], ttlMs: TTL_MS }, 0)
    for (let t = 0; t < 60_000; t += 250) {
      h.clock.t = t
      h.redial.tick()
      await turn()
    }
    expect(h.dials.length).toBe(MDNS_DIALS_PER_MINUTE)
  })

  it('backoff: MDNS_REDIAL_MIN_MS doubling to MDNS_REDIAL_MAX_MS', () => {
    const redial = new Redial({ self: LOWER, connected: () => false, dial: async () => {}, random: () => 0.5 })
    expect([1, 2, 3, 4, 10, 20].map(n => redial.backoff(n))).toEqual([1, 2, 4, 8, 512, 2 ** 19].map(k => Math.min(MDNS_REDIAL_MAX_MS, MDNS_REDIAL_MIN_MS * k)))
  })
})
