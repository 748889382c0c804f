/**
 * Is a peer connection still alive? With no index server, presence on a
 * connection is all that shows a colleague online, so a peer whose cable was
 * pulled (nothing closes the connection) must be noticed: every
 * PEER_PING_INTERVAL_MS each side pings each of its peer connections and
 * aborts one that does not answer within PEER_PING_TIMEOUT_MS.
 *
 * This replaces libp2p's connection monitor (a new stream with protocol
 * negotiation, 32 bytes each way and a close, from both sides every 10 s:
 * ~75 packets per connection per 10 s measured, 7.5/s) and yamux's own
 * keepalive (which never aborts anything): the ping is yamux's, one 12-byte
 * frame each way on the connection (a stream ping through the ping service
 * where the muxer has none). The index server's connection is left to the
 * index heartbeat (every 2 s already).
 *
 * @example
 * ```ts
 * const liveness = new Liveness({ connections: () => libp2p.getConnections(), skip: p => p.equals(indexId), ping: ... })
 * liveness.start()
 * ```
 */
import { logger } from '@libp2p/logger'
import { PEER_PING_INTERVAL_MS, PEER_PING_TIMEOUT_MS } from './options.js'
import type { AbortOptions, Connection, PeerId } from '@libp2p/interface'

const log = logger('lanchat:liveness')

/** Thrown (as the abort reason) when a peer does not answer its ping in time. */
export class PeerSilentError extends Error {
  static name = 'PeerSilentError'
  name = 'PeerSilentError'
}

export interface LivenessInit {
  /** every open connection */
  connections(): Connection[]
  /** connections to this peer are not pinged (the index server: its heartbeat covers it) */
  skip(peer: PeerId): boolean
  /** a ping through a stream, for a connection whose muxer cannot ping */
  ping(connection: Connection, options: AbortOptions): Promise<unknown>
  /** @default PEER_PING_INTERVAL_MS */
  intervalMs?: number
  /** @default PEER_PING_TIMEOUT_MS */
  timeoutMs?: number
}

/** yamux's muxer pings with one frame; libp2p's Connection keeps the muxer as `muxer` (not in its types). */
interface MuxerPing { ping(options?: AbortOptions): Promise<number> }

function muxerOf (connection: Connection): MuxerPing | undefined {
  const muxer = (connection as unknown as { muxer?: Partial<MuxerPing> }).muxer
  return typeof muxer?.ping === 'function' ? muxer as MuxerPing : undefined
}

export class Liveness {
  private readonly init: LivenessInit
  private readonly inFlight = new Set<string>()
  private timer?: ReturnType<typeof setInterval>
  /** connections aborted because their peer did not answer */
  aborted = 0

  constructor (init: LivenessInit) {
    this.init = init
  }

  start (): void {
    this.timer ??= setInterval(() => { void this.round() }, this.init.intervalMs ?? PEER_PING_INTERVAL_MS)
    this.timer.unref?.()
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** Pings every open peer connection once; resolves when all answered or were aborted. */
  async round (): Promise<void> {
    const due = this.init.connections().filter(c => c.status === 'open' && !this.inFlight.has(c.id) && !this.init.skip(c.remotePeer))
    await Promise.all(due.map(async (c) => { await this.check(c) }))
  }

  private async check (connection: Connection): Promise<void> {
    this.inFlight.add(connection.id)
    const signal = AbortSignal.timeout(this.init.timeoutMs ?? PEER_PING_TIMEOUT_MS)
    try {
      const muxer = muxerOf(connection)
      if (muxer != null) await muxer.ping({ signal })
      else await this.init.ping(connection, { signal })
    } catch (err) {
      if (connection.status !== 'open') return
      this.aborted++
      log('%p did not answer a ping: %e', connection.remotePeer, err)
      connection.abort(new PeerSilentError(`${connection.remotePeer.toString()} did not answer a ping within ${this.init.timeoutMs ?? PEER_PING_TIMEOUT_MS} ms`, { cause: err }))
    } finally {
      this.inFlight.delete(connection.id)
    }
  }
}
