/**
 * What the daemon does with what its index server says: the snapshot and
 * deltas go to the directory, a session up or down tells delivery and the
 * LAN mesh, pending envelopes and expired notes are fetched, a rogue or
 * releasing index is a warning, a refused login ends the daemon. When the
 * index says a peer left while a direct connection to it still looks open
 * (a pulled cable closes nothing), that connection is pinged and dropped if
 * dead, so the peer shows offline now rather than when TCP gives up.
 */
import { LeftReason } from '../../protocols/directory/pb/directory.js'
import { peerIdFromBytes } from '../../protocols/shared/peer-ids.js'
import { DIRECT_CHECK_TIMEOUT_MS } from './options.js'
import type { DaemonNode } from './node.js'
import type { LanPeers } from './lan-peers.js'
import type { Delivery } from '../delivery/delivery.js'
import type { Directory } from '../directory/directory.js'
import type { IndexClient } from '../services/index-client/client.js'
import type { DaemonEvent } from '../types.js'

export interface FollowIndexDeps {
  index: IndexClient
  node: DaemonNode
  directory: Directory
  delivery: Delivery
  lan: LanPeers
  /** where the daemon logs in: for the lost-index line */
  target?: { host: string, port: number }
  myName: () => string
  pinnedIndex: () => string | undefined
  notice: (line: string) => void
  warn: (text: string) => void
  emit: (event: DaemonEvent) => void
  /** the daemon cannot go on */
  fatal: (message: string) => void
}

export function followIndex (d: FollowIndexDeps): void {
  const { index, directory, delivery, lan } = d
  index.on('connected', ({ snapshot, address }) => {
    directory.applySnapshot(snapshot)
    lan.indexReachable(true)
    d.notice(`logged in to the index server at ${address} as ${d.myName()}`)
    d.emit({ type: 'index', connected: true })
    delivery.indexUp()
  })
  index.on('disconnected', () => {
    directory.indexLost()
    lan.indexReachable(false)
    d.notice(d.target != null
      ? `the index server at ${d.target.host}:${d.target.port} is not reachable; chatting directly with peers, retrying`
      : 'no index server answered on this network; chatting directly with peers, retrying')
    d.emit({ type: 'index', connected: false })
  })
  index.on('snapshot', (users) => { directory.applySnapshot(users) })
  index.on('joined', (u) => { directory.applyJoined(u) })
  index.on('left', (l) => {
    directory.applyLeft(l)
    void verifyDirect(d, l.peerId, l.reason === LeftReason.TIMEOUT)
  })
  index.on('status', (s) => { directory.applyStatus(s) })
  index.on('pending', () => { void delivery.fetchRelayed() })
  index.on('expired', () => { void delivery.fetchExpiredNotes() })
  index.on('untrusted', ({ peerId, address }) => {
    d.warn(`the index server at ${address} is ${peerId.toString()}, but this profile trusts ${d.pinnedIndex() ?? '?'}; not logging in there. If your office really replaced its index server, restart with: lanchat daemon --repin-index`)
  })
  index.on('released', ({ name }) => {
    directory.indexLost()
    d.warn(`the index administrator released the name ${name} (lanchat-index release), so this daemon is logged out of the index server and will not log in again by itself; chatting directly with peers goes on. To use ${name} again, restart lanchat daemon (it claims the name anew) or ask the administrator`)
    d.emit({ type: 'index', connected: false })
  })
  index.on('rejected', (err) => { d.fatal(`the index server refused the login: ${err.message}`) })
}

/**
 * The index says a peer left: when a direct connection to it still looks
 * open, ping it and drop it if dead. When the index timed the peer out, it
 * shows offline at once, and comes back only if the ping proves the link alive.
 */
async function verifyDirect (d: FollowIndexDeps, peerIdBytes: Uint8Array, timedOut: boolean): Promise<void> {
  let peer
  try {
    peer = peerIdFromBytes(peerIdBytes)
  } catch {
    return
  }
  const connections = d.node.getConnections(peer)
  if (connections.length === 0) return
  if (timedOut) d.directory.presenceGone(peer.toString())
  try {
    await d.node.services.ping.ping(peer, { signal: AbortSignal.timeout(DIRECT_CHECK_TIMEOUT_MS) })
    if (timedOut) d.directory.presenceBack(peer.toString())
  } catch {
    for (const c of connections) c.abort(new Error('the peer stopped answering'))
  }
}
