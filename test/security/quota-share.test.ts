/**
 * One registered user cannot fill another's inbox at the relay: each sender
 * may leave only a share of a recipient's quota. bob is offline; mallory
 * floods him and fills her share; alice's message to bob is still relayed;
 * mallory's extra messages wait in her own outbox (queued, not lost) and
 * reach bob once he is back, each exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { runIndexCommand, startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('relay quota share', () => {
  it('mallory fills her share of offline bob\'s quota; alice still gets through; the rest waits in mallory\'s outbox', async () => {
    // a quota of 8 per recipient: any one sender may leave a quarter, 2
    const index = await startIndex({ args: ['--relay-quota', '8'] })
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const mallory = await new DaemonProcess({ name: 'mallory', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
    await mallory.sees('bob', c => c.online)
    await bob.stop()
    await alice.sees('bob', c => !c.online)
    await mallory.sees('bob', c => !c.online)

    const flood = []
    for (let i = 0; i < 6; i++) flood.push(await mallory.send('bob', `flood ${i}`))
    expect(flood.map(r => r.state)).toEqual(['relayed', 'relayed', 'queued', 'queued', 'queued', 'queued'])

    const fromAlice = await alice.send('bob', 'it is alice: call me')
    expect(fromAlice.state).toBe('relayed')
    const waiting = JSON.parse((await runIndexCommand(['status', '--data', index.dataDir, '--json'])).stdout)
    expect(waiting.relay.map((q: { recipient: string, count: number }) => [q.recipient, q.count])).toEqual([['bob', 3]])

    // mallory's extra messages are in her outbox, not lost
    const outbox = (await mallory.history('bob')).filter(m => m.direction === 'out')
    expect(outbox.map(m => m.state)).toEqual(['relayed', 'relayed', 'queued', 'queued', 'queued', 'queued'])

    await bob.start()
    expect((await bob.received('alice', [fromAlice.id])).map(m => m.body)).toEqual(['it is alice: call me'])
    const got = await bob.received('mallory', flood.map(r => r.id), 60_000)
    expect(got.map(m => m.id).sort()).toEqual(flood.map(r => r.id).sort())
    await until(async () => {
      const states = (await mallory.history('bob')).filter(m => m.direction === 'out').map(m => m.state)
      return states.every(s => s === 'delivered' || s === 'read') ? states : undefined
    }, 30_000, 'every one of mallory\'s messages to be delivered')
    const after = JSON.parse((await runIndexCommand(['status', '--data', index.dataDir, '--json'])).stdout)
    expect(after.relay).toEqual([])
  })
})
