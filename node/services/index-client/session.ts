/**
 * Client side of the index protocol: one long-lived stream to the index
 * server is the session. {@link IndexSession.open} dials, says Hello and
 * resolves once the whole snapshot has arrived (or rejects with the server's
 * refusal); afterwards the deltas arrive as events. Heartbeats are echoed at
 * once; `silentMs()` tells how long the server has been quiet, so the owner
 * can decide the index is gone.
 */
import { EventEmitter } from 'node:events'
import { INDEX_PROTOCOL, MAX_INDEX_FRAME_BYTES } from '../../../protocols/constants.js'
import { encodeFrame, onFrames } from '../../../protocols/frames.js'
import { IndexFrame } from '../../../protocols/directory/pb/directory.js'
import { LoginRejectedError, SessionClosedError } from './errors.js'
import type { Hello, Left, Status, StatusChanged, User } from '../../../protocols/directory/pb/directory.js'
import type { AbortOptions, Libp2p, PeerId, Stream } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface IndexSessionEvents {
  joined: [User]
  left: [Left]
  status: [StatusChanged]
  /** envelopes wait at the relay for me */
  pending: [number]
  /** notes of my messages the relay dropped wait for me */
  expired: [number]
  /** the session ended (error set unless it was a clean close) */
  close: [Error | undefined]
}

export class IndexSession extends EventEmitter<IndexSessionEvents> {
  readonly indexPeerId: PeerId
  /** the directory as the snapshot gave it */
  readonly snapshot: User[] = []
  heartbeatMs = 0
  /** when the server last sent anything */
  lastHeard = Date.now()
  /** echo heartbeats (turn off only to simulate a hung client in tests) */
  echoHeartbeats = true
  private readonly stream: Stream
  private closed = false

  private constructor (indexPeerId: PeerId, stream: Stream) {
    super()
    this.indexPeerId = indexPeerId
    this.stream = stream
  }

  /** Dials the index (Noise checks its PeerId), says Hello, waits for the whole snapshot. */
  static async open (libp2p: Libp2p, indexPeerId: PeerId, dialAddrs: Multiaddr[], hello: Hello, options: AbortOptions = {}): Promise<IndexSession> {
    const targets = dialAddrs.map(a => a.encapsulate(`/p2p/${indexPeerId.toString()}`))
    const connection = await libp2p.dial(targets.length > 0 ? targets : indexPeerId, options)
    const stream = await connection.newStream(INDEX_PROTOCOL, options)
    const session = new IndexSession(indexPeerId, stream)
    try {
      await session.start(hello, options)
    } catch (err) {
      stream.abort(err as Error)
      throw err
    }
    return session
  }

  private async start (hello: Hello, options: AbortOptions): Promise<void> {
    const ready = Promise.withResolvers<void>()
    let established = false
    const onAbort = (): void => { ready.reject(options.signal?.reason) }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    this.stream.addEventListener('close', (evt) => {
      this.closed = true
      const error = (evt as { error?: Error }).error
      if (!established) ready.reject(error ?? new SessionClosedError('the index server closed the session before the directory arrived'))
      else this.emit('close', error)
    })
    onFrames(this.stream, IndexFrame, {
      maxDataLength: MAX_INDEX_FRAME_BYTES,
      onFrame: (frame) => {
        this.lastHeard = Date.now()
        if (frame.refused != null) {
          ready.reject(new LoginRejectedError(frame.refused.reason, frame.refused.message))
        } else if (frame.snapshot != null) {
          this.snapshot.push(...frame.snapshot.users)
          this.heartbeatMs = frame.snapshot.heartbeatMs
          if (frame.snapshot.last && !established) {
            established = true
            ready.resolve()
          }
        } else if (frame.heartbeat != null) {
          if (this.echoHeartbeats) this.send({ heartbeat: { seq: frame.heartbeat.seq } })
        } else if (frame.joined?.user != null) {
          this.emit('joined', frame.joined.user)
        } else if (frame.left != null) {
          this.emit('left', frame.left)
        } else if (frame.statusChanged != null) {
          this.emit('status', frame.statusChanged)
        } else if (frame.relayPending != null) {
          this.emit('pending', frame.relayPending.count)
        } else if (frame.expiredPending != null) {
          this.emit('expired', frame.expiredPending.count)
        }
      },
      onError: (err) => {
        this.stream.abort(err)
      }
    })
    this.send({ hello })
    try {
      await ready.promise
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  get isOpen (): boolean {
    return !this.closed && this.stream.status === 'open'
  }

  /** How long the server has been silent (it sends a heartbeat every heartbeatMs). */
  silentMs (now = Date.now()): number {
    return now - this.lastHeard
  }

  private send (frame: IndexFrame): boolean {
    if (this.closed || this.stream.writeStatus !== 'writable') return false
    try {
      return this.stream.send(encodeFrame(IndexFrame, frame))
    } catch {
      return false
    }
  }

  setStatus (status: Status, statusText: string): void {
    this.send({ setStatus: { status, statusText } })
  }

  /** Clean logout: Goodbye, then close; everyone hears it at once. */
  async logout (options: AbortOptions = {}): Promise<void> {
    this.send({ goodbye: {} })
    try {
      await this.stream.close(options)
    } catch (err) {
      this.stream.abort(err as Error)
    }
  }

  /** Drops the session without a goodbye. */
  abort (err: Error = new Error('session aborted')): void {
    this.stream.abort(err)
  }
}
