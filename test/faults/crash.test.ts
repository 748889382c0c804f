/**
 * Nothing lost, nothing twice, under crashes (seeded: LANCHAT_SEED replays a
 * run; the seed is in every failure message). Each test sends a steady stream
 * of uniquely-bodied messages and classifies the outcome with the checker.
 */
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DeliveryChecker, seeded, testSeed } from '../helpers/checker.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { runIndexCommand, startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import type { Verdict } from '../helpers/checker.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

function expectClean (verdict: Verdict, seed: number): void {
  const context = `seed ${seed}: ${JSON.stringify(verdict)}`
  console.log(`seed ${seed}: attempted ${verdict.attempted}, acknowledged ${verdict.acknowledged}, delivered ${verdict.delivered}, recovered ${verdict.recovered.length}`)
  expect(verdict.lost, context).toEqual([])
  expect(verdict.duplicated, context).toEqual([])
  expect(verdict.unexpected, context).toEqual([])
  expect(verdict.reordered, context).toEqual([])
  expect(verdict.delivered, context).toBe(verdict.acknowledged + verdict.recovered.length)
}

/** Waits until the sender's outbox is empty (everything relayed or delivered). */
async function drained (d: DaemonProcess, ms = 60_000): Promise<void> {
  await until(async () => (await d.status()).queued === 0 ? true : undefined, ms, `${d.name}'s outbox to drain`)
}

describe('crashes', () => {
  it('sender SIGKILLed after the outbox commit, after the write, before the ack', async () => {
    const seed = testSeed()
    const random = seeded(seed)
    const checker = new DeliveryChecker()
    const index = await startIndex()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    const alice = new DaemonProcess({ name: 'alice', indexPort: index.udpPort })
    const phases = ['outbox-committed', 'message-written', 'ack-received', '']
    let phase = 0
    const failpoints = (): Record<string, string> => phases[phase] === '' ? {} : { LANCHAT_FAILPOINTS: `${phases[phase]}:${2 + Math.floor(random() * 5)}` }
    await alice.setEnv(failpoints()).start()
    await alice.sees('bob', c => c.online)
    for (let i = 0; i < 40; i++) {
      const body = `alice ${i}`
      checker.attempt('alice', body)
      try {
        await alice.send('bob', body)
        checker.acknowledge(body)
      } catch {
        await alice.exited()
        phase = Math.min(phase + 1, phases.length - 1)
        // once logged in (ready), alice flushes her outbox at once: she may reach her next failpoint
        // before start() has opened her event stream; the next send then finds her gone
        await alice.setEnv(failpoints()).start().catch(async (err: Error) => { await alice.exited(5_000).catch(() => { throw err }) })
      }
    }
    expect(phase, `seed ${seed}: every crash point was reached`).toBe(phases.length - 1)
    await drained(alice)
    const history = await until(async () => {
      const h = await bob.history('alice')
      return checker.check('alice', h).lost.length === 0 ? h : undefined
    }, 30_000, 'bob to have every acknowledged message')
    expectClean(checker.check('alice', history), seed)
  })

  it('recipient SIGKILLed repeatedly, also between its history commit and its ack', async () => {
    const seed = testSeed()
    const random = seeded(seed)
    const checker = new DeliveryChecker()
    const index = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const crash = (): Record<string, string> => ({ LANCHAT_FAILPOINTS: `history-committed:${2 + Math.floor(random() * 5)}` })
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort, env: crash() }).start()
    await alice.sees('bob', c => c.online)
    let crashes = 0
    const restarts = (async () => {
      for (; crashes < 3; crashes++) {
        await bob.exited(120_000)
        bob.setEnv(crashes < 2 ? crash() : {})
        // bob says ready once logged in, and alice's waiting messages reach him at once: with a
        // failpoint set he may die again before start() has opened his event stream (the next crash)
        await bob.start().catch(async (err: Error) => { await bob.exited(5_000).catch(() => { throw err }) })
      }
    })()
    for (let i = 0; i < 40; i++) {
      const body = `alice ${i}`
      checker.attempt('alice', body)
      await alice.send('bob', body)
      checker.acknowledge(body)
    }
    await restarts
    await drained(alice)
    const history = await until(async () => {
      const h = await bob.history('alice')
      return checker.check('alice', h).lost.length === 0 ? h : undefined
    }, 60_000, 'bob to have every message')
    expect(crashes, `seed ${seed}`).toBe(3)
    expectClean(checker.check('alice', history), seed)
  })

  it('recipient offline for a long burst: all relayed, then delivered in order exactly once, relay empty after', async () => {
    const checker = new DeliveryChecker()
    // one sender may fill a quarter of bob's quota: 1 200 leaves room for alice's whole burst of 300
    const index = await startIndex({ args: ['--relay-quota', '1200'] })
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
    await bob.stop()
    await alice.sees('bob', c => !c.online)
    const ids: string[] = []
    for (let i = 0; i < 300; i++) {
      const body = `burst ${i}`
      checker.attempt('alice', body)
      const r = await alice.send('bob', body)
      expect(r.state).toBe('relayed')
      checker.acknowledge(body)
      ids.push(r.id)
    }
    await bob.start()
    expectClean(checker.check('alice', await bob.received('alice', ids, 60_000)), 0)
    const status = JSON.parse((await runIndexCommand(['status', '--data', index.dataDir, '--json'])).stdout)
    expect(status.relay).toEqual([])
  })

  it('index server SIGKILLed repeatedly during deposits: acked deposits survive, the rest come from outboxes', async () => {
    const seed = testSeed()
    const random = seeded(seed)
    const checker = new DeliveryChecker()
    const dataDir = tempDir()
    const crash = (): Record<string, string> => ({ LANCHAT_FAILPOINTS: `deposit-committed:${3 + Math.floor(random() * 8)}` })
    let index = await startIndex({ dataDir, env: crash() })
    const udpPort = index.udpPort
    const alice = await new DaemonProcess({ name: 'alice', indexPort: udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: udpPort }).start()
    await alice.sees('bob', c => c.online)
    await bob.stop()
    await alice.sees('bob', c => !c.online)
    let kills = 0
    const restarts = (async () => {
      for (; kills < 3; kills++) {
        await new Promise(resolve => { index.proc.once('exit', resolve) })
        index = await startIndex({ dataDir, udpPort, env: kills < 2 ? crash() : {} })
      }
    })()
    for (let i = 0; i < 60; i++) {
      const body = `alice ${i}`
      checker.attempt('alice', body)
      await alice.send('bob', body)
      checker.acknowledge(body)
    }
    await restarts
    await alice.line(/logged in to the index server.*\n(.|\n)*logged in to the index server(.|\n)*logged in to the index server(.|\n)*logged in to the index server/, 30_000)
    await drained(alice)
    await bob.start()
    const history = await until(async () => {
      const h = await bob.history('alice')
      return checker.check('alice', h).lost.length === 0 ? h : undefined
    }, 60_000, 'bob to have every message')
    expect(kills, `seed ${seed}`).toBe(3)
    expectClean(checker.check('alice', history), seed)
    await index.stop()
    const db = new DatabaseSync(join(dataDir, 'index.db'), { readOnly: true })
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok')
    db.close()
  })
})
