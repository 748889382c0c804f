/**
 * Nothing is lost when people are offline: bob is stopped, alice's message is
 * relayed by the index server and delivered when bob comes back, exactly
 * once; a SIGKILLed peer shows offline to the others within 10 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'

let index: IndexProcess

beforeAll(async () => {
  index = await startIndex()
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('offline delivery through the relay', () => {
  it('relays a message to a stopped recipient and delivers it once at his next start', async () => {
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.event(e => e.type === 'presence' && e.contact.name === 'bob' && e.contact.online)
    expect(await bob.stop()).toBe(0)
    await alice.event(e => e.type === 'presence' && e.contact.name === 'bob' && !e.contact.online)

    const first = await alice.send('bob', 'are you there?')
    const second = await alice.send('bob', 'call me when you are back')
    expect([first.state, second.state]).toEqual(['relayed', 'relayed'])

    await bob.start()
    // fetched at login: both arrive, and show in sent order
    const got = await bob.received('alice', [first.id, second.id])
    expect(got.map(m => m.body)).toEqual(['are you there?', 'call me when you are back'])
    // alice learns they were delivered
    await alice.event(e => e.type === 'state' && e.id === second.id && e.state === 'delivered')
    await alice.event(e => e.type === 'state' && e.id === first.id && e.state === 'delivered')

    // a restart does not show them twice, and the relay is empty
    await bob.stop()
    await bob.start()
    expect((await bob.history('alice')).map(m => m.id)).toEqual([first.id, second.id])
    await alice.stop()
    await bob.stop()
  })

  it('shows a SIGKILLed peer offline to the others within 10 s', async () => {
    const carol = await new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start()
    const dave = await new DaemonProcess({ name: 'dave', indexPort: index.udpPort }).start()
    await carol.event(e => e.type === 'presence' && e.contact.name === 'dave' && e.contact.online)
    const since = carol.events.length
    const killed = Date.now()
    await dave.kill()
    await carol.event(e => e.type === 'presence' && e.contact.name === 'dave' && !e.contact.online, 10_000, since)
    console.log(`dave offline for carol ${Date.now() - killed} ms after SIGKILL`)
    expect(Date.now() - killed).toBeLessThan(10_000)
    await carol.stop()
  })
})
