/**
 * lanchat daemons for the scenarios: one in this process (to time the
 * service API without HTTP in between), or the real `lanchat daemon`
 * processes of the test helpers.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { tempDir } from '../../test/helpers/index-process.js'
import { Daemon } from '../../node/daemon/daemon.js'

/** A daemon in this process on 127.0.0.1 (no mDNS), logged in to the index at udpPort. */
export async function inProcessDaemon (name: string, udpPort: number, profileDir = tempDir(`lanchat-bench-${name}-`)): Promise<Daemon> {
  const daemon = await Daemon.create({ profileDir, name, index: { host: '127.0.0.1', port: udpPort }, listen: '127.0.0.1', port: 0, apiPort: 0, mdns: false })
  await daemon.start()
  return daemon
}

/** Resolves once `check()` holds, polling every few ms; rejects after `ms`. */
export async function until (check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 5))
  }
}

/** Resolves once the daemon sees `peerId` online. */
export async function seesOnline (daemon: Daemon, peerId: string, ms = 20_000): Promise<void> {
  await until(() => daemon.index.connected && daemon.directory.isOnline(peerId), ms, `${peerId} to be online`)
}

export interface PipelineResult {
  /** messages that reached the wanted state within the budget */
  done: number
  seconds: number
  rate: number
}

/**
 * Sends `count` messages without waiting for each (bursts of `burst` per
 * event-loop turn) and resolves when all reached `state` (seen as events), or
 * when `budgetMs` is over.
 */
export async function pipelined (daemon: Daemon, to: string, body: string, count: number, budgetMs: number, state: 'delivered' | 'relayed' = 'delivered', burst = 100): Promise<PipelineResult> {
  const ids = new Set<string>()
  let done = 0
  const all = Promise.withResolvers<void>()
  const early = new Set<string>()
  const off = daemon.subscribe((e) => {
    if (e.type !== 'state' || e.state !== state) return
    if (!ids.has(e.id)) {
      early.add(e.id)
      return
    }
    ids.delete(e.id)
    if (++done === count) all.resolve()
  })
  const t = performance.now()
  const timer = setTimeout(() => { all.resolve() }, budgetMs)
  const sends: Array<Promise<unknown>> = []
  for (let i = 0; i < count; i += burst) {
    if (performance.now() - t > budgetMs) break
    for (let j = i; j < Math.min(count, i + burst); j++) {
      sends.push(daemon.send(to, body).then((r) => {
        if (early.delete(r.id) || r.state === state) {
          if (++done === count) all.resolve()
        } else {
          ids.add(r.id)
        }
      }))
    }
    await nextTurn()
  }
  await all.promise
  const seconds = (performance.now() - t) / 1000
  clearTimeout(timer)
  off()
  await Promise.allSettled(sends)
  return { done, seconds, rate: done / seconds }
}
