/**
 * Partitions and bad links on the LAN, under two-way traffic: bob's link is
 * down for a while (10 s; 30 s in `npm run soak`) while both keep writing;
 * a lossy link carries a long one-way stream (200; 2 000 in `npm run soak`).
 * Nothing is lost, duplicated or reordered.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DeliveryChecker } from '../helpers/checker.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { SOAK, Traffic } from '../faults/traffic.js'
import { lanSkipReason } from './skip.js'
import { Lan } from './testbed.js'
import type { DaemonProcess as Daemon } from '../helpers/daemon-process.js'

let lan: Lan | undefined

afterEach(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
  await lan?.destroy()
})

async function pair (): Promise<[Daemon, Daemon]> {
  lan = await Lan.create(['office', 'alice', 'bob'])
  await startIndex({ netns: lan.ns('office'), host: '0.0.0.0', udpPort: 47470 })
  const at = `${lan.ip('office')}:47470`
  const alice = await new DaemonProcess({ name: 'alice', netns: lan.ns('alice'), index: at, listen: '0.0.0.0' }).start()
  const bob = await new DaemonProcess({ name: 'bob', netns: lan.ns('bob'), index: at, listen: '0.0.0.0' }).start()
  await alice.sees('bob', c => c.online)
  return [alice, bob]
}

async function expectAllOnce (checker: DeliveryChecker, receiver: Daemon, sender: Daemon): Promise<void> {
  const history = await until(async () => {
    const h = await receiver.history(sender.name)
    return checker.check(sender.name, h).lost.length === 0 ? h : undefined
  }, 90_000, `${receiver.name} to have every message from ${sender.name}`)
  // the traffic sends without waiting: the order to keep is the one the sender's daemon took them in
  const verdict = checker.check(sender.name, history, await sender.history(receiver.name))
  expect(verdict.duplicated).toEqual([])
  expect(verdict.unexpected).toEqual([])
  expect(verdict.reordered).toEqual([])
  expect(verdict.delivered).toBe(verdict.attempted)
}

describe.skipIf(lanSkipReason != null)('partitions and bad links', () => {
  it(`partition: link down ${SOAK ? 30 : 10} s at ${SOAK ? 10 : 5} msg/s both ways`, async () => {
    const [alice, bob] = await pair()
    const checker = new DeliveryChecker()
    const traffic = new Traffic(checker, [[alice, bob], [bob, alice]], SOAK ? 10 : 5)
    traffic.start()
    const cut = Date.now()
    await lan!.linkDown('bob')
    await alice.sees('bob', c => !c.online, 12_000)
    const offlineAfter = Date.now() - cut
    await until(async () => Date.now() - cut > (SOAK ? 30_000 : 10_000) ? true : undefined, 60_000, 'the partition to last')
    await lan!.linkUp('bob')
    const healed = Date.now()
    await alice.sees('bob', c => c.online, 30_000)
    const backAfter = Date.now() - healed
    const rounds = await traffic.stop()
    console.log(`partition: offline after ${offlineAfter} ms, online again ${backAfter} ms after the link came back; ${rounds} rounds both ways`)
    expect(offlineAfter).toBeLessThan(10_000)
    await expectAllOnce(checker, bob, alice)
    await expectAllOnce(checker, alice, bob)
  }, SOAK ? 120_000 : undefined)

  it(`bad link: ${SOAK ? 2_000 : 200} messages exactly once, in order`, async () => {
    const [alice, bob] = await pair()
    const applied = await lan!.degrade('bob', { delayMs: 50, lossPct: 5, rateKbit: 1024 })
    const checker = new DeliveryChecker()
    const N = SOAK ? 2_000 : 200
    const started = Date.now()
    for (let i = 0; i < N; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, N - i) }, async (_, j) => {
        const body = `alice ${i + j}`
        checker.attempt('alice', body)
        await alice.send('bob', body)
        checker.acknowledge(body)
      }))
    }
    await expectAllOnce(checker, bob, alice)
    console.log(`bad link (${applied}): ${N} messages in ${Date.now() - started} ms`)
  }, SOAK ? 240_000 : undefined)
})
