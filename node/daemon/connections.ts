/**
 * At most one connection per pair of peers. When two daemons dial each other
 * at the same moment (both found the other by mDNS, or both send a first
 * message), each ends up with two connections to the other, and nothing in
 * libp2p closes one. Both sides pick the same one to keep, without talking:
 * the connection dialed by the lower PeerId (of two dialed by the same side,
 * the older, as that side saw them). Only the side that dialed a losing
 * connection closes it, so the two sides never close different ones.
 *
 * The loser is closed gracefully, never aborted: every stream on it is closed
 * at our end and may finish (the peer reads what is in flight and closes its
 * end), and what lived there moves to the connection kept (presence reopens
 * its stream there; chat opens a new stream for the next message, and
 * delivery resends what was not acked, with the same id).
 *
 * @example
 * ```ts
 * const dedup = new ConnectionDedup({ self: libp2p.peerId.toString(), connections: p => libp2p.getConnections(p) })
 * libp2p.addEventListener('connection:open', (evt) => { dedup.opened(evt.detail) })
 * ```
 */
import { logger } from '@libp2p/logger'
import type { Connection, PeerId } from '@libp2p/interface'

const log = logger('lanchat:connections')

export interface ConnectionDedupInit {
  /** my PeerId, as a string */
  self: string
  /** the connections libp2p has to a peer */
  connections(peer: PeerId): Connection[]
}

/** Who dialed a connection (PeerId string). */
function dialer (c: Connection, self: string): string {
  return c.direction === 'outbound' ? self : c.remotePeer.toString()
}

/** The order of preference: dialed by the lower PeerId first; then the older first. */
export function keepOrder (self: string): (a: Connection, b: Connection) => number {
  return (a, b) => {
    const da = dialer(a, self)
    const db = dialer(b, self)
    if (da !== db) return da < db ? -1 : 1
    return a.timeline.open - b.timeline.open
  }
}

export class ConnectionDedup {
  private readonly init: ConnectionDedupInit
  /** connections closed by us so far, for tests and the logs */
  closed = 0

  constructor (init: ConnectionDedupInit) {
    this.init = init
  }

  /** A connection opened: if the peer now has more than one, the losers we dialed are closed. */
  opened (connection: Connection): void {
    this.settle(connection.remotePeer)
  }

  /** Keeps one connection to the peer; closes (gracefully) each other one that we dialed. */
  settle (peer: PeerId): Connection | undefined {
    const open = this.init.connections(peer).filter(c => c.status === 'open')
    if (open.length < 2) return open[0]
    const [keep, ...losers] = open.sort(keepOrder(this.init.self))
    for (const loser of losers) {
      if (dialer(loser, this.init.self) !== this.init.self) continue
      this.closed++
      log('two connections to %p: closing %s (kept %s)', peer, loser.id, keep.id)
      loser.close().catch((err: Error) => { loser.abort(err) })
    }
    return keep
  }
}
