/**
 * A half-dead peer: bob's daemon is frozen (SIGSTOP: its sockets stay open,
 * it answers nothing) while alice and bob both keep writing; alice sees him
 * offline within the heartbeat deadline, he comes back by himself after
 * SIGCONT, and nothing is lost, duplicated or reordered either way.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { DeliveryChecker } from '../helpers/checker.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { SOAK, Traffic } from './traffic.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('half-dead peer', () => {
  it('SIGSTOP / SIGCONT under two-way traffic', async () => {
    const checker = new DeliveryChecker()
    const index = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
    const traffic = new Traffic(checker, [[alice, bob], [bob, alice]], SOAK ? 10 : 5)
    traffic.start()
    const frozen = Date.now()
    bob.proc.kill('SIGSTOP')
    await alice.sees('bob', c => !c.online, 12_000)
    const offlineAfter = Date.now() - frozen
    await until(async () => Date.now() - frozen > (SOAK ? 20_000 : 9_000) ? true : undefined, 30_000, 'the freeze to last')
    bob.proc.kill('SIGCONT')
    const thawed = Date.now()
    await alice.sees('bob', c => c.online, 30_000)
    const backAfter = Date.now() - thawed
    const rounds = await traffic.stop()
    console.log(`half-dead: offline for alice after ${offlineAfter} ms; online again ${backAfter} ms after SIGCONT; ${rounds} rounds both ways`)
    expect(offlineAfter).toBeLessThan(10_000)
    for (const [d, other] of [[bob, alice], [alice, bob]] as const) {
      const history = await until(async () => {
        const h = await d.history(other.name)
        return checker.check(other.name, h).lost.length === 0 ? h : undefined
      }, 60_000, `${d.name} to have every message from ${other.name}`)
      // the traffic sends without waiting: the order to keep is the one the sender's daemon took them in
      const verdict = checker.check(other.name, history, await other.history(d.name))
      expect(verdict.duplicated).toEqual([])
      expect(verdict.unexpected).toEqual([])
      expect(verdict.reordered).toEqual([])
      expect(verdict.delivered).toBe(verdict.attempted)
    }
  })
})
