/**
 * What the groups scenarios (bench/scenarios/groups.ts, groups-relay.ts)
 * share: the index's arguments, the body posted, logging light clients in,
 * and waiting until the sender's daemon lists the registered users.
 */
import { settle } from './stats.js'
import type { BenchClient } from './light-client.js'
import type { DaemonProcess } from '../../test/helpers/daemon-process.js'
import type { GroupInfo } from '../../node/types.js'
import type { IndexProcess } from '../../test/helpers/index-process.js'

/** The index answers LOGIN at 20/s per source IP by default; the daemons here all send from 127.0.0.1. */
export const INDEX_ARGS = ['--login-rate', '100000', '--new-name-rate', '100000']
export const BODY = 'x'.repeat(100)

/** Logs the clients in, 50 at a time; how many logins failed. */
export async function loginAll (clients: BenchClient[], index: IndexProcess): Promise<number> {
  let failures = 0
  for (let i = 0; i < clients.length; i += 50) {
    await Promise.all(clients.slice(i, i + 50).map(async c => { await c.login(index).catch(() => { failures++ }) }))
  }
  return failures
}

/** Polls `check` every 100 ms; false after `ms`. */
export async function poll (check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline) {
    if (await check()) return true
    await settle(100)
  }
  return false
}

/** The sender's view of the everyone room has at least `count` other members. */
export async function knowsMembers (sender: DaemonProcess, count: number, ms: number): Promise<boolean> {
  return await poll(async () => (await sender.api.get<GroupInfo>('/api/groups/everyone')).memberPeerIds.filter(p => p !== sender.peerId).length >= count, ms)
}
