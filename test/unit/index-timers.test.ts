/**
 * The index server's clocks, without waiting for them: envelopes older than
 * the retention period are swept; a session silent for `misses` heartbeat
 * intervals is ended with reason TIMEOUT while the others are pinged.
 */
import { describe, expect, it } from 'vitest'
import { LeftReason } from '../../protocols/directory/pb/directory.js'
import { createEmitter } from '../../index-server/events.js'
import { Heartbeat } from '../../index-server/heartbeat.js'
import { RelayService } from '../../index-server/relay.js'
import { openIndexStore } from '../../index-server/store.js'
import { tempDir } from '../helpers/index-process.js'
import type { DirectoryFeed } from '../../index-server/directory.js'
import type { Session } from '../../index-server/session.js'

describe('relay retention', () => {
  it('sweeps envelopes older than the retention period, and only those', () => {
    const store = openIndexStore(tempDir())
    try {
      const day = 86_400_000
      const quota = { count: 100, bytes: 1 << 20, senderCount: 100, senderBytes: 1 << 20 }
      const env = (id: string, depositedAt: number): Parameters<typeof store.relay.deposit>[0] =>
        ({ id, sender: 's', recipient: 'bob', recipientPeerId: 'p', depositedAt, payload: new Uint8Array(10) })
      const now = 100 * day
      store.relay.deposit(env('old', now - 8 * day), quota)
      store.relay.deposit(env('young', now - 6 * day), quota)
      const relay = new RelayService({ libp2p: null as any, names: store.names, relay: store.relay, events: createEmitter() }, { quota, retentionMs: 7 * day })
      expect(relay.sweep(now)).toBe(1)
      expect(store.relay.fetch('p', 10, 1 << 20).envelopes.map(e => e.id)).toEqual(['young'])
      expect(relay.counters.expired).toBe(1)
    } finally {
      store.close()
    }
  })
})

describe('heartbeat', () => {
  it('ends a session silent for three intervals (checked between heartbeats too) and pings the rest once per interval', () => {
    const pinged: string[] = []
    const sessions = [
      { peerId: 'quiet', lastEcho: 0 },
      { peerId: 'lively', lastEcho: 5_000 }
    ] as unknown as Session[]
    const directory = {
      sessions: () => sessions.values(),
      heartbeat: (s: Session) => { pinged.push(s.peerId) }
    } as unknown as DirectoryFeed
    const events = createEmitter()
    const ended: Array<{ peerId: string, reason: LeftReason }> = []
    events.on('session:end', e => { ended.push(e) })
    const heartbeat = new Heartbeat(directory, events, { intervalMs: 2000, misses: 3 })

    heartbeat.tick(6_000) // quiet has been silent exactly 3 intervals: not yet
    expect(ended).toEqual([])
    expect(pinged).toEqual(['quiet', 'lively'])

    heartbeat.tick(6_001) // a check between two heartbeats: quiet is over the deadline, nobody is pinged
    expect(ended).toEqual([{ peerId: 'quiet', reason: LeftReason.TIMEOUT }])
    expect(pinged).toHaveLength(2)

    heartbeat.tick(8_000) // the next interval: lively is pinged again, the silent one is not
    expect(pinged.slice(2)).toEqual(['lively'])
  })
})
