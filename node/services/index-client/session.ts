/**
 * Client side of the index protocol: one long-lived stream to the index
 * server is the session. The owner attaches its listeners first, then calls
 * {@link IndexSession.open}, which dials, says Hello and resolves once the
 * whole snapshot has arrived (or rejects with the server's refusal). No frame
 * is read before `open()`, and every frame is reported in the order it came,
 * as it comes: the snapshot (`snapshot`), then the deltas. So a delta that
 * arrives in the same read as the end of the snapshot reaches the owner, after
 * the snapshot.
 *
 * Deltas are numbered by the server (the directory version). A delta whose
 * version is not the next one means one was missed: the session asks for a
 * fresh snapshot (Resync) and reports it as `snapshot` again when it comes.
 * Heartbeats are echoed at once; `silentMs()` tells how long the server has
 * been quiet, so the owner can decide the index is gone.
 *
 * @example
 * ```ts
 * const session = new IndexSession(indexPeerId)
 * session.on('snapshot', (users) => { directory.applySnapshot(users) })
 * session.on('joined', (user) => { directory.applyJoined(user) })
 * await session.open(libp2p, addrs, hello, { signal })
 * ```
 */
import { EventEmitter } from 'node:events'
import { INDEX_PROTOCOL, MAX_INDEX_FRAME_BYTES } from '../../../protocols/constants.js'
import { encodeFrame, onFrames } from '../../../protocols/frames.js'
import { IndexFrame } from '../../../protocols/directory/pb/directory.js'
import { LoginRejectedError, SessionClosedError } from './errors.js'
import type { Hello, Left, Status, StatusChanged, User } from '../../../protocols/directory/pb/directory.js'
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface IndexSessionEvents {
  /** the whole directory at `version`: once at login (before `open()` resolves), again after a missed delta */
  snapshot: [User[], number]
  joined: [User]
  left: [Left]
  status: [StatusChanged]
  /** envelopes wait at the relay for me */
  pending: [number]
  /** notes of my messages the relay dropped wait for me */
  expired: [number]
  /** a delta was missed (its version is not the next one): a fresh snapshot was asked for */
  gap: [{ expected: number, got: number }]
  /** the session ended after it was established (error set unless it was a clean close) */
  close: [Error | undefined]
}

/** What the session uses of libp2p: a dial that gives a connection to open the index stream on. */
export interface IndexDialer {
  dial(target: PeerId | Multiaddr[], options?: AbortOptions): Promise<{ newStream(protocol: string, options?: AbortOptions): Promise<Stream> }>
}

export class IndexSession extends EventEmitter<IndexSessionEvents> {
  readonly indexPeerId: PeerId
  /** the directory as the login snapshot gave it */
  readonly snapshot: User[] = []
  /** the directory version of the login snapshot */
  snapshotVersion = 0
  /** the directory version of the last snapshot or delta applied (0: the server does not number them) */
  version = 0
  heartbeatMs = 0
  /** when the server last sent anything */
  lastHeard = Date.now()
  /** echo heartbeats (turn off only to simulate a hung client in tests) */
  echoHeartbeats = true
  private stream?: Stream
  private closed = false
  private established = false
  /** snapshot chunks so far */
  private chunks: User[] = []
  /** a Resync was sent and its snapshot has not come yet */
  private resyncing = false

  constructor (indexPeerId: PeerId) {
    super()
    this.indexPeerId = indexPeerId
  }

  /** Dials the index (Noise checks its PeerId), says Hello, waits for the whole snapshot. */
  async open (libp2p: IndexDialer, dialAddrs: Multiaddr[], hello: Hello, options: AbortOptions = {}): Promise<void> {
    const targets = dialAddrs.map(a => a.encapsulate(`/p2p/${this.indexPeerId.toString()}`))
    const connection = await libp2p.dial(targets.length > 0 ? targets : this.indexPeerId, options)
    const stream = await connection.newStream(INDEX_PROTOCOL, options)
    try {
      await this.start(stream, hello, options)
    } catch (err) {
      stream.abort(err as Error)
      throw err
    }
  }

  /** Runs the session on an open index stream: Hello, then frames as they come; resolves with the first snapshot. */
  async start (stream: Stream, hello: Hello, options: AbortOptions = {}): Promise<void> {
    this.stream = stream
    const ready = Promise.withResolvers<void>()
    const onAbort = (): void => { ready.reject(options.signal?.reason) }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    stream.addEventListener('close', (evt) => {
      this.closed = true
      const error = (evt as { error?: Error }).error
      if (!this.established) ready.reject(error ?? new SessionClosedError('the index server closed the session before the directory arrived'))
      else this.emit('close', error)
    })
    onFrames(stream, IndexFrame, {
      maxDataLength: MAX_INDEX_FRAME_BYTES,
      onFrame: (frame) => {
        this.lastHeard = Date.now()
        if (frame.refused != null) {
          ready.reject(new LoginRejectedError(frame.refused.reason, frame.refused.message))
        } else if (frame.snapshot != null) {
          this.chunks.push(...frame.snapshot.users)
          this.heartbeatMs = frame.snapshot.heartbeatMs
          if (frame.snapshot.last) {
            this.snapshotDone(frame.snapshot.version)
            ready.resolve()
          }
        } else if (frame.heartbeat != null) {
          if (this.echoHeartbeats) this.send({ heartbeat: { seq: frame.heartbeat.seq } })
        } else if (frame.relayPending != null) {
          if (this.established) this.emit('pending', frame.relayPending.count)
        } else if (frame.expiredPending != null) {
          if (this.established) this.emit('expired', frame.expiredPending.count)
        } else if (frame.joined?.user != null) {
          if (this.fresh(frame.joined.version)) this.emit('joined', frame.joined.user)
        } else if (frame.left != null) {
          if (this.fresh(frame.left.version)) this.emit('left', frame.left)
        } else if (frame.statusChanged != null) {
          if (this.fresh(frame.statusChanged.version)) this.emit('status', frame.statusChanged)
        }
      },
      onError: (err) => {
        stream.abort(err)
      }
    })
    this.send({ hello })
    try {
      await ready.promise
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** The last chunk of a snapshot came: it is the directory now. */
  private snapshotDone (version: number): void {
    const users = this.chunks
    this.chunks = []
    this.version = version
    this.resyncing = false
    if (!this.established) {
      this.established = true
      this.snapshot.push(...users)
      this.snapshotVersion = version
    }
    this.emit('snapshot', users, version)
  }

  /**
   * Whether a delta is to be applied: not before the first snapshot (the
   * snapshot is newer), not when the snapshot applied already covers it. A
   * gap asks for a fresh snapshot; the delta itself is applied meanwhile.
   */
  private fresh (version: number): boolean {
    if (!this.established) return false
    if (version === 0) return true
    if (version <= this.version) return false
    if (version !== this.version + 1 && !this.resyncing) {
      this.emit('gap', { expected: this.version + 1, got: version })
      this.resync()
    }
    this.version = version
    return true
  }

  get isOpen (): boolean {
    return !this.closed && this.stream?.status === 'open'
  }

  /** How long the server has been silent (it sends a heartbeat every heartbeatMs). */
  silentMs (now = Date.now()): number {
    return now - this.lastHeard
  }

  private send (frame: IndexFrame): boolean {
    if (this.closed || this.stream == null || this.stream.writeStatus !== 'writable') return false
    try {
      return this.stream.send(encodeFrame(IndexFrame, frame))
    } catch {
      return false
    }
  }

  /** Asks the server for a fresh snapshot (done by itself when a delta was missed); it comes as `snapshot`. */
  resync (): void {
    this.resyncing = true
    this.send({ resync: {} })
  }

  setStatus (status: Status, statusText: string): void {
    this.send({ setStatus: { status, statusText } })
  }

  /** Clean logout: Goodbye, then close; everyone hears it at once. */
  async logout (options: AbortOptions = {}): Promise<void> {
    const stream = this.stream
    if (stream == null) return
    this.send({ goodbye: {} })
    try {
      await stream.close(options)
    } catch (err) {
      stream.abort(err as Error)
    }
  }

  /** Drops the session without a goodbye. */
  abort (err: Error = new Error('session aborted')): void {
    this.stream?.abort(err)
  }
}
