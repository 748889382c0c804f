/**
 * The index server goes down: alice and bob, who know each other, keep
 * chatting directly; a message for carol (offline) waits in alice's outbox,
 * across a restart of alice, and goes out when the index server returns.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('index server down', () => {
  it('keeps direct chat going and queues for offline peers until the index returns', async () => {
    const dataDir = tempDir()
    let index = await startIndex({ dataDir })
    const udpPort = index.udpPort
    const alice = await new DaemonProcess({ name: 'alice', indexPort: udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: udpPort }).start()
    const carol = await new DaemonProcess({ name: 'carol', indexPort: udpPort }).start()
    await alice.event(e => e.type === 'presence' && e.contact.name === 'carol' && e.contact.online)
    expect((await alice.send('bob', 'before the outage')).state).toBe('delivered')
    expect(await carol.stop()).toBe(0)

    await index.stop()
    await alice.event(e => e.type === 'index' && !e.connected)
    expect((await alice.status()).index.connected).toBe(false)

    const direct = await alice.send('bob', 'the index is down but we are not')
    expect(direct.state).toBe('delivered')
    expect((await bob.received('alice', [direct.id])).map(m => m.body)).toContain('the index is down but we are not')

    const waiting = await alice.send('carol', 'for later')
    expect(waiting.state).toBe('queued')
    expect((await alice.status()).queued).toBe(1)

    // the outbox survives a restart of alice
    expect(await alice.stop()).toBe(0)
    await alice.start({ waitForIndex: false })
    expect((await alice.history('carol')).map(m => [m.body, m.state])).toEqual([['for later', 'queued']])

    index = await startIndex({ dataDir, udpPort })
    await alice.line(/logged in to the index server/, 30_000)
    await alice.event(e => e.type === 'state' && e.id === waiting.id && e.state === 'relayed', 15_000)
    expect((await alice.status()).queued).toBe(0)

    await carol.start()
    expect((await carol.received('alice', [waiting.id])).map(m => m.body)).toEqual(['for later'])
    await alice.event(e => e.type === 'state' && e.id === waiting.id && e.state === 'delivered')
  })
})
