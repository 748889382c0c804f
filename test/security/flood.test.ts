/**
 * Floods do not take a daemon down: 500 half-open TCP connections (never
 * speaking Noise) and 10 000 chat stream opens on one connection leave alice
 * and bob chatting, and bob's memory bounded.
 */
import { readFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { connect } from 'node:net'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, describe, expect, it } from 'vitest'
import { CHAT_PROTOCOL } from '../../protocols/constants.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { Daemon } from '../../node/daemon/daemon.js'
import { LightClient } from '../helpers/light-client.js'
import { until } from '../helpers/wait.js'
import type { Socket } from 'node:net'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

function rssMiB (pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024
}

describe('floods', () => {
  it('keeps chatting through 500 half-open connections and 10 000 stream opens', async () => {
    const index = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
    expect((await alice.send('bob', 'before')).state).toBe('delivered')
    const bobAddr = (await bob.status()).listen.find(a => a.startsWith('/ip4/127.0.0.1/'))!
    const port = Number(multiaddr(bobAddr).getComponents().find(c => c.name === 'tcp')!.value)
    const before = rssMiB(bob.proc.pid!)

    // 500 TCP connections that never say a word
    const sockets: Socket[] = []
    await Promise.all(Array.from({ length: 500 }, async () => {
      await new Promise<void>(resolve => {
        const s = connect({ host: '127.0.0.1', port })
        s.on('error', () => {})
        s.once('connect', () => { resolve() })
        s.once('close', () => { resolve() })
        sockets.push(s)
      })
    }))
    const duringHalfOpen = await alice.send('bob', 'during the half-open flood')
    expect(duringHalfOpen.state).toBe('delivered')
    // (new inbound connections wait while the pending-upgrade slots are full: that is the protection)
    for (const s of sockets) s.destroy()

    // one connection, 10 000 chat stream opens (most refused: 4 per connection)
    const mallory = await LightClient.create('mallory')
    let opened = 0
    let refused = 0
    let middle = 0
    try {
      // once the flood stops, new connections are let in again (rate limit and pending slots clear)
      const flooded = Date.now()
      const conn = await until(async () => await mallory.node.dial(multiaddr(bobAddr)).catch(() => undefined), 15_000, 'a new connection after the flood')
      console.log(`new connections accepted again ${Date.now() - flooded} ms after the half-open flood ended`)
      const started = Date.now()
      for (let i = 0; i < 10_000 && Date.now() - started < 60_000; i += 50) {
        if (i === 5_000) middle = rssMiB(bob.proc.pid!)
        // one deadline per batch, cleared after it: 10 000 AbortSignal.timeout(5000) would each keep a timer, and what it holds, alive in this process for 5 s, into the next test's heap measurement
        const batch = new AbortController()
        const deadline = setTimeout(() => { batch.abort(new Error('no stream within 5 s')) }, 5000)
        await Promise.all(Array.from({ length: 50 }, async () => {
          try {
            const stream = await conn.newStream(CHAT_PROTOCOL, { signal: batch.signal })
            opened++
            stream.abort(new Error('flood'))
          } catch {
            refused++
          }
        }))
        clearTimeout(deadline)
      }
      console.log(`stream flood: ${opened} opened, ${refused} refused in ${Date.now() - started} ms`)
      expect(opened + refused).toBe(10_000)
    } finally {
      await mallory.stop()
    }
    const duringStreams = await alice.send('bob', 'after the stream flood')
    expect(duringStreams.state).toBe('delivered')

    const after = rssMiB(bob.proc.pid!)
    console.log(`bob RSS ${before.toFixed(1)} MiB before, ${middle.toFixed(1)} MiB half-way through the stream flood, ${after.toFixed(1)} MiB after`)
    // bounded: RSS is V8's high-water mark (garbage not yet collected included), so it shows a budget,
    // not a leak; the test below checks that nothing stays alive after these floods
    expect(after - before).toBeLessThan(128)
    expect((await bob.received('alice', [duringHalfOpen.id, duringStreams.id])).length).toBe(3)
  })

  it('keeps nothing alive after 10 000 chat stream opens (live heap after a full collection)', async () => {
    const index = await startIndex()
    const bob = await Daemon.create({ profileDir: tempDir('lanchat-flood-bob-'), name: 'bob', index: { host: '127.0.0.1', port: index.udpPort }, listen: '127.0.0.1', port: 0, apiPort: 0, mdns: false })
    await bob.start()
    const mallory = await LightClient.create('mallory')
    try {
      const conn = await mallory.node.dial(bob.libp2p.getMultiaddrs()[0])
      const flood = async (count: number): Promise<void> => {
        for (let i = 0; i < count; i += 50) {
          await Promise.all(Array.from({ length: 50 }, async () => {
            // no AbortSignal.timeout here: each would keep a timer (and the test's heap) busy for its whole delay
            await conn.newStream(CHAT_PROTOCOL).then(s => { s.abort(new Error('flood')) }, () => {})
          }))
        }
      }
      // measured once every flooded stream is gone on both ends (under load their resets are still in flight for a while)
      const settled = async (): Promise<void> => {
        await until(() => conn.streams.length === 0 && bob.libp2p.getConnections(mallory.node.peerId).every(c => c.streams.length === 0), 15_000, 'every flooded stream closed on both ends')
      }
      await flood(1_000) // every code path warm
      await settled()
      const base = liveHeapMiB()
      await flood(10_000)
      await settled()
      const left = liveHeapMiB()
      console.log(`live heap (bob and mallory in this process): ${base.toFixed(1)} MiB before 10 000 stream opens, ${left.toFixed(1)} MiB after`)
      // a leak of even 0.5 KiB per stream would be 5 MiB
      expect(left - base).toBeLessThan(3)
    } finally {
      await mallory.stop()
      await bob.stop()
      await index.stop()
    }
  })
})

/** Heap in use after full collections (V8's gc, exposed for this test). */
function liveHeapMiB (): number {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}
