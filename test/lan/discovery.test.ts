/**
 * Finding each other on a real Ethernet segment (namespaces on a bridge):
 * daemons started without --index find the index server by UDP broadcast;
 * with no index server at all, three daemons find each other by mDNS,
 * exchange presence and chat.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { lanSkipReason } from './skip.js'
import { Lan } from './testbed.js'

let lan: Lan | undefined

afterEach(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
  await lan?.destroy()
})

describe.skipIf(lanSkipReason != null)('discovery on a LAN', () => {
  it('logs in with no --index: the index server is found by broadcast', async () => {
    lan = await Lan.create(['office', 'alice', 'bob'])
    const started = Date.now()
    await startIndex({ netns: lan.ns('office'), host: '0.0.0.0', udpPort: 47470 })
    const daemon = (name: string): DaemonProcess => new DaemonProcess({ name, netns: lan!.ns(name), index: 'broadcast', listen: '0.0.0.0', args: ['--no-mdns'] })
    const [alice, bob] = await Promise.all([daemon('alice').start(), daemon('bob').start()])
    console.log(`index found by broadcast and both logged in ${Date.now() - started} ms after the index started`)
    expect(alice.stderr()).toContain(`logged in to the index server at ${lan.ip('office')}:47470`)
    await alice.sees('bob', c => c.online)
    await bob.sees('alice', c => c.online)
    expect((await alice.send('bob', 'found you')).state).toBe('delivered')
  })

  it('works with no index server at all: mDNS + presence are the directory', async () => {
    lan = await Lan.create(['ann', 'ben', 'cat'])
    const started = Date.now()
    const daemons = await Promise.all(['ann', 'ben', 'cat'].map(async name =>
      await new DaemonProcess({ name, netns: lan!.ns(name), index: 'broadcast', listen: '0.0.0.0', mdns: true }).start({ waitForIndex: false })))
    const [ann, ben, cat] = daemons
    for (const d of daemons) {
      for (const other of daemons.filter(o => o !== d)) {
        await d.sees(other.name, c => c.online, 30_000)
      }
    }
    console.log(`all three found each other by mDNS ${Date.now() - started} ms after start`)
    const contacts = await ann.contacts()
    expect(contacts.filter(c => c.online).map(c => [c.name, c.verified]).sort()).toEqual([['ben', false], ['cat', false]])
    await ben.api.put('/api/status', { status: 'away', text: 'coffee' })
    await ann.sees('ben', c => c.status === 'away' && c.statusText === 'coffee')
    const sent = await ann.send('cat', 'no server needed')
    expect(sent.state).toBe('delivered')
    expect((await cat.received('ann', [sent.id])).map(m => m.body)).toEqual(['no server needed'])
  })
})
