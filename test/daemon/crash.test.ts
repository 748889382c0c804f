/**
 * A daemon killed mid-conversation loses nothing it acknowledged: alice sends
 * a stream of messages, bob is SIGKILLed part-way; every message alice saw
 * delivered is in bob's history after his restart, and in the end every
 * message is there exactly once, in order.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('crash of the recipient', () => {
  it('keeps every acknowledged message and delivers the rest exactly once', async () => {
    const index = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.event(e => e.type === 'presence' && e.contact.name === 'bob' && e.contact.online)

    const sent: Array<{ id: string, state: string, body: string }> = []
    for (let i = 0; i < 30; i++) {
      if (i === 12) await bob.kill()
      const body = `message ${i}`
      sent.push({ ...(await alice.send('bob', body)), body })
    }
    const acked = sent.filter(s => s.state === 'delivered').map(s => s.id)
    expect(acked.length).toBeGreaterThanOrEqual(12)
    expect(sent.every(s => s.state === 'delivered' || s.state === 'relayed')).toBe(true)

    await bob.start()
    // what alice still had to deliver arrives after the restart (relayed or direct)
    const history = await bob.received('alice', sent.map(s => s.id))
    const ids = history.map(m => m.id)
    for (const id of acked) expect(ids).toContain(id)
    // everything arrives, once, in sent order
    expect(history.map(m => m.body)).toEqual(sent.map(s => s.body))
    expect(new Set(ids).size).toBe(ids.length)
  })
})
