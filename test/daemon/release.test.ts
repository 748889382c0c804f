/**
 * The office administrator releases bob's name while bob is online
 * (`lanchat-index release bob`, e.g. his laptop was lost): bob's daemon says
 * plainly that the administrator released the name, does not claim the
 * index server is unreachable, and does not log in again (which would bind
 * the name to the same key at once and undo the release).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { runIndexCommand, startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { RECONNECT_MIN_MS } from '../../node/services/index-client/client.js'
import type { DaemonEvent } from '../../node/types.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('a name released while its owner is online', () => {
  it('tells bob why, and bob does not re-bind the name', async () => {
    const index = await startIndex()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    const warned = bob.event((e: DaemonEvent) => e.type === 'warning' && e.text.includes('released the name bob'), 10_000)
    const released = await runIndexCommand(['release', 'bob', '--data', index.dataDir])
    expect(released.code, released.stderr).toBe(0)
    await warned
    await bob.line(/warning: the index administrator released the name bob \(lanchat-index release\), so this daemon is logged out of the index server and will not log in again by itself/)
    expect(bob.stderr()).not.toMatch(/not reachable/)
    expect((await bob.status()).index.connected).toBe(false)

    // a re-login would come within the first reconnect delay (RECONNECT_MIN_MS ± 20 %); look for one over several times that
    const deadline = Date.now() + 6 * RECONNECT_MIN_MS
    do {
      const users = JSON.parse((await runIndexCommand(['users', '--data', index.dataDir, '--json'])).stdout) as Array<{ name: string }>
      expect(users.map(u => u.name)).not.toContain('bob')
    } while (Date.now() < deadline)
    expect(bob.stderr()).not.toMatch(/logged in to the index server at .* as bob[\s\S]*logged in to the index server/)
    expect(await bob.stop()).toBe(0)
  })
})
