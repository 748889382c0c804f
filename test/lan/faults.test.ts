/**
 * A LAN misbehaving: a cable pulled and put back, the index server's host
 * dropping off the segment, two subnets behind a router, a slow lossy link.
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

async function office (hosts: string[], opts: { secondSubnet?: string[] } = {}): Promise<{ lan: Lan, index: string }> {
  lan = await Lan.create(['office', ...hosts], opts)
  await startIndex({ netns: lan.ns('office'), host: '0.0.0.0', udpPort: 47470 })
  return { lan, index: `${lan.ip('office')}:47470` }
}

function daemon (l: Lan, name: string, index: string): DaemonProcess {
  return new DaemonProcess({ name, netns: l.ns(name), index, listen: '0.0.0.0' })
}

describe.skipIf(lanSkipReason != null)('faults on a LAN', () => {
  it('cable pulled: offline within the heartbeat deadline, back by itself, messages delivered once', async () => {
    const { lan, index } = await office(['alice', 'bob'])
    const alice = await daemon(lan, 'alice', index).start()
    const bob = await daemon(lan, 'bob', index).start()
    await alice.sees('bob', c => c.online)

    const pulled = Date.now()
    await lan.linkDown('bob')
    const early = await alice.send('bob', 'sent just after the cable was pulled')
    await alice.sees('bob', c => !c.online, 12_000)
    const offlineAfter = Date.now() - pulled
    const later = [await alice.send('bob', 'while you were away 1'), await alice.send('bob', 'while you were away 2')]
    expect([early, ...later].map(s => s.state)).toEqual(['relayed', 'relayed', 'relayed'])

    const plugged = Date.now()
    await lan.linkUp('bob')
    await alice.sees('bob', c => c.online, 30_000)
    const backAfter = Date.now() - plugged
    const history = await bob.received('alice', [early.id, ...later.map(s => s.id)], 30_000)
    console.log(`cable pulled: offline for alice after ${offlineAfter} ms; after link up, online again in ${backAfter} ms`)
    expect(offlineAfter).toBeLessThan(10_000)
    expect(history.map(m => m.body)).toEqual(['sent just after the cable was pulled', 'while you were away 1', 'while you were away 2'])
    expect(new Set(history.map(m => m.id)).size).toBe(history.length)
  })

  it('index host lost: peers keep chatting; the outbox waits and is relayed when the index returns', async () => {
    const { lan, index } = await office(['alice', 'bob', 'carol'])
    const alice = await daemon(lan, 'alice', index).start()
    const bob = await daemon(lan, 'bob', index).start()
    const carol = await daemon(lan, 'carol', index).start()
    await alice.sees('carol', c => c.online)
    await alice.sees('bob', c => c.online)
    expect(await carol.stop()).toBe(0)
    await alice.sees('carol', c => !c.online)

    const lost = Date.now()
    await lan.linkDown('office')
    await alice.line(/index server .* is not reachable/, 20_000)
    console.log(`index host lost: alice noticed after ${Date.now() - lost} ms`)
    const direct = await alice.send('bob', 'still here without the index')
    expect(direct.state).toBe('delivered')
    const waiting = await alice.send('carol', 'for when the office is back')
    expect(waiting.state).toBe('queued')

    await lan.linkUp('office')
    await alice.event(e => e.type === 'state' && e.id === waiting.id && e.state === 'relayed', 30_000)
    await carol.start()
    expect((await carol.received('alice', [waiting.id])).map(m => m.body)).toEqual(['for when the office is back'])
    expect((await bob.received('alice', [direct.id])).length).toBe(1)
  })

  it('two subnets behind a router: broadcast does not reach, --index does, direct chat crosses the router', async () => {
    const { lan, index } = await office(['alice'], { secondSubnet: ['bob'] })
    const alice = await daemon(lan, 'alice', 'broadcast').start()
    const lonely = await new DaemonProcess({ name: 'bob', netns: lan.ns('bob'), index: 'broadcast', listen: '0.0.0.0' }).start({ waitForIndex: false })
    await lonely.line(/no index server answered on this network/, 20_000)
    expect(lonely.stderr()).not.toContain('logged in')
    await lonely.stop()

    const bob = await new DaemonProcess({ name: 'bob', netns: lan.ns('bob'), index, listen: '0.0.0.0', profileDir: lonely.profileDir }).start()
    await alice.sees('bob', c => c.online)
    const sent = await alice.send('bob', 'across the router')
    expect(sent.state).toBe('delivered')
    expect((await bob.received('alice', [sent.id])).map(m => m.body)).toEqual(['across the router'])
  })

  it('slow, lossy link (5 % loss, 50 ms or a slow rate): every message exactly once, in order per sender', async () => {
    const { lan, index } = await office(['alice', 'bob'])
    const alice = await daemon(lan, 'alice', index).start()
    const bob = await daemon(lan, 'bob', index).start()
    await alice.sees('bob', c => c.online)
    const applied = await lan.degrade('bob', { delayMs: 50, lossPct: 5, rateKbit: 512 })
    const N = 60
    const send = async (from: DaemonProcess, to: string): Promise<string[]> => {
      const ids: string[] = []
      for (let i = 0; i < N; i++) ids.push((await from.send(to, `${from.name} ${i}`)).id)
      return ids
    }
    const started = Date.now()
    const [fromAlice, fromBob] = await Promise.all([send(alice, 'bob'), send(bob, 'alice')])
    const atBob = await bob.received('alice', fromAlice, 60_000)
    const atAlice = await alice.received('bob', fromBob, 60_000)
    console.log(`lossy link (${applied}): ${2 * N} messages both ways in ${Date.now() - started} ms`)
    for (const [history, ids, sender] of [[atBob, fromAlice, 'alice'], [atAlice, fromBob, 'bob']] as const) {
      const theirs = history.filter(m => m.from === sender).map(m => m.id)
      expect(theirs).toEqual(ids)
    }
  })
})
