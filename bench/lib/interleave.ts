/**
 * Interleaved timing: lanchat and its floor measured in alternating blocks,
 * so both see the same machine (fsync latency on these shared disks drifts
 * by 2-3x within a minute; a floor measured a minute earlier is no floor).
 */
import { spawnChild } from './procs.js'
import { latency, timed } from './stats.js'
import { DurableFloor } from '../floors/libp2p.js'
import { tempDir } from '../../test/helpers/index-process.js'
import type { Latency } from './stats.js'

/** Blocks per side. */
const BLOCKS = 10

export interface Paired { lanchat: Latency, floor: Latency }

/** Times `count` runs of `a` and of `b`, in BLOCKS alternating blocks, within `budgetMs` in all. */
export async function interleaved (count: number, budgetMs: number, a: () => Promise<void>, b: () => Promise<void>): Promise<Paired> {
  const per = Math.max(1, Math.ceil(count / BLOCKS))
  const left: number[] = []
  const right: number[] = []
  const deadline = performance.now() + budgetMs
  for (let i = 0; i < BLOCKS; i++) {
    const remaining = Math.max(1, (deadline - performance.now()) / (2 * (BLOCKS - i)))
    left.push(...await timed(per, remaining, a, 1))
    right.push(...await timed(per, remaining, b, 1))
  }
  return { lanchat: latency(left), floor: latency(right) }
}

/** Starts a durable floor (server process + local outbox) for interleaving; stop it with close(). */
export async function durableFloor (): Promise<{ floor: DurableFloor, close: () => Promise<void> }> {
  const dir = tempDir('lanchat-bench-floor-')
  const server = await spawnChild('floors/server.js', ['libp2p-echo', '127.0.0.1', dir])
  const floor = await DurableFloor.connect(server.ready, dir)
  await timed(100, 2_000, async () => { await floor.once() })
  return { floor, close: async () => { await floor.close(); await server.stop() } }
}
