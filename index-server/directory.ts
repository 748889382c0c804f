/**
 * The directory and presence feed (/lanchat/index/1.0.0). A client opens the
 * stream and says Hello; the server binds the name on first use, answers with
 * a snapshot of everyone it knows (online users with addresses and status),
 * then sends only deltas: Joined, Left, StatusChanged. The stream is the
 * session; when it ends, everyone else hears Left at once.
 *
 * A name is bound here, on its first Hello: not if it breaks the name
 * profile, looks like a registered name, or if its source IP (or everyone)
 * bound too many new names lately (NewNameLimiter).
 * Every delta carries the directory version it makes (one counter, every
 * session hears every delta, its own included) and a snapshot the version it
 * reflects, so a client that misses one sees the gap and asks (Resync) for a
 * fresh snapshot.
 */
import { logger } from '@libp2p/logger'
import { HELLO_TIMEOUT_MS, INDEX_MAX_STREAMS, INDEX_PROTOCOL, MAX_INDEX_FRAME_BYTES, RESYNC_MIN_INTERVAL_MS, SNAPSHOT_CHUNK_USERS } from '../protocols/constants.js'
import { encodeFrame, onFrames } from '../protocols/frames.js'
import { IndexFrame, LeftReason, RefusedReason, Status } from '../protocols/directory/pb/directory.js'
import { cleanStatusText, nameProblem } from '../protocols/names.js'
import { peerIdFromString } from '@libp2p/peer-id'
import { addrsFromBytes, addrsToBytes, peerIdToBytes } from '../protocols/shared/peer-ids.js'
import { lookAlikeMessage, quoted, tooManyNewNamesMessage } from './refusals.js'
import { Session } from './session.js'
import type { IndexEmitter } from './events.js'
import type { NewNameLimiter } from './rate-limit.js'
import type { NameStore, RelayStore } from './store.js'
import type { Hello, User } from '../protocols/directory/pb/directory.js'
import type { Connection, Libp2p, Stream } from '@libp2p/interface'

const log = logger('lanchat:index:directory')

export interface DirectoryComponents {
  libp2p: Libp2p
  names: NameStore
  relay: RelayStore
  events: IndexEmitter
  /** new names per source IP: a Hello that binds a new name takes a token */
  newNames: NewNameLimiter
}

export interface DirectoryInit {
  heartbeatIntervalMs: number
}

export class DirectoryFeed {
  private readonly components: DirectoryComponents
  private readonly init: DirectoryInit
  private readonly live = new Map<string, Session>()
  /** the directory version: how many deltas were announced since the server started */
  private version = 0

  constructor (components: DirectoryComponents, init: DirectoryInit) {
    this.components = components
    this.init = init
    this.handle = this.handle.bind(this)
    this.onEndRequest = this.onEndRequest.bind(this)
    this.onRelayStored = this.onRelayStored.bind(this)
    this.onRelayExpired = this.onRelayExpired.bind(this)
  }

  async start (): Promise<void> {
    this.components.names.resetOnline()
    this.components.events.on('session:end', this.onEndRequest)
    this.components.events.on('relay:stored', this.onRelayStored)
    this.components.events.on('relay:expired', this.onRelayExpired)
    await this.components.libp2p.handle(INDEX_PROTOCOL, this.handle, { maxInboundStreams: INDEX_MAX_STREAMS, maxOutboundStreams: 0 })
  }

  async stop (): Promise<void> {
    await this.components.libp2p.unhandle(INDEX_PROTOCOL)
    this.components.events.off('session:end', this.onEndRequest)
    this.components.events.off('relay:stored', this.onRelayStored)
    this.components.events.off('relay:expired', this.onRelayExpired)
    for (const session of [...this.live.values()]) this.end(session, LeftReason.DISCONNECTED)
  }

  sessions (): IterableIterator<Session> {
    return this.live.values()
  }

  get onlineCount (): number {
    return this.live.size
  }

  /** Sends a heartbeat; a session that cannot take it is ended. */
  heartbeat (session: Session, seq: number): void {
    if (!session.send({ heartbeat: { seq } })) this.end(session, LeftReason.DISCONNECTED)
  }

  private handle (stream: Stream, connection: Connection): void {
    let session: Session | undefined
    const helloTimer = setTimeout(() => {
      stream.abort(new Error('no Hello within the deadline'))
    }, HELLO_TIMEOUT_MS)
    stream.addEventListener('close', () => {
      clearTimeout(helloTimer)
      if (session != null) this.end(session, session.saidGoodbye ? LeftReason.LOGOUT : LeftReason.DISCONNECTED)
    })
    onFrames(stream, IndexFrame, {
      maxDataLength: MAX_INDEX_FRAME_BYTES,
      onFrame: (frame) => {
        if (session == null) {
          clearTimeout(helloTimer)
          session = this.hello(frame.hello, stream, connection)
          return
        }
        if (frame.heartbeat != null) {
          session.lastEcho = Date.now()
        } else if (frame.setStatus != null) {
          this.setStatus(session, frame.setStatus.status, frame.setStatus.statusText)
        } else if (frame.goodbye != null) {
          session.saidGoodbye = true
          this.end(session, LeftReason.LOGOUT)
        } else if (frame.resync != null) {
          this.resync(session)
        }
      },
      onError: (err) => {
        log('bad frame from %p: %e', connection.remotePeer, err)
        stream.abort(err)
      }
    })
  }

  private refuse (stream: Stream, reason: RefusedReason, message: string): undefined {
    try {
      stream.send(encodeFrame(IndexFrame, { refused: { reason, message } }))
    } catch {}
    void stream.close().catch(() => { stream.abort(new Error('refused')) })
    return undefined
  }

  private hello (hello: Hello | undefined, stream: Stream, connection: Connection): Session | undefined {
    if (hello == null) return this.refuse(stream, RefusedReason.BAD_HELLO, 'the first frame of a session must be Hello')
    const peerId = connection.remotePeer.toString()
    const { names } = this.components
    const owner = names.byName(hello.name)
    // a name bound before today's rules keeps working for its owner
    const problem = nameProblem(hello.name)
    if (problem != null && owner?.peerId !== peerId) return this.refuse(stream, RefusedReason.INVALID_NAME, `the name ${quoted(hello.name)} cannot be used: ${problem}`)
    const now = Date.now()
    if (owner == null && names.byPeer(peerId) == null) {
      const alike = names.lookAlike(hello.name)
      if (alike != null) return this.refuse(stream, RefusedReason.NAME_LOOKS_ALIKE, lookAlikeMessage(hello.name, alike.name))
      const source = sourceIp(connection)
      if (!this.components.newNames.allow(source, now)) {
        log('refused a new name from %s: too many new names', source)
        return this.refuse(stream, RefusedReason.TOO_MANY_NEW_NAMES, tooManyNewNamesMessage(this.components.newNames.waitMs(source, now)))
      }
    }
    const bound = names.bind(hello.name, peerId, now)
    if (bound === 'taken') {
      return this.refuse(stream, RefusedReason.NAME_TAKEN, `the name "${owner?.name ?? hello.name}" belongs to another identity; choose another name, or ask the index administrator to run: lanchat-index release ${owner?.name ?? hello.name}`)
    }
    if (bound === 'look-alike') {
      return this.refuse(stream, RefusedReason.NAME_LOOKS_ALIKE, lookAlikeMessage(hello.name, names.lookAlike(hello.name)?.name ?? '?'))
    }
    if (bound === 'identity-has-name') {
      const mine = names.byPeer(peerId)
      return this.refuse(stream, RefusedReason.IDENTITY_HAS_NAME, `this identity is registered as "${mine?.name ?? '?'}"; log in with --name ${mine?.name ?? '?'}, or ask the index administrator to release that name`)
    }
    const record = names.byPeer(peerId)
    const session = new Session({
      peerId,
      peerIdBytes: peerIdToBytes(connection.remotePeer),
      name: record?.name ?? hello.name,
      addrs: addrsToBytes(addrsFromBytes(hello.addrs)),
      status: hello.status === Status.OFFLINE ? Status.ONLINE : hello.status,
      statusText: cleanStatusText(hello.statusText),
      stream,
      connection,
      now
    })
    const previous = this.live.get(peerId)
    if (previous != null) {
      // the same person reconnected before the old session was seen to die
      previous.ended = true
      clearTimeout(previous.resyncTimer)
      previous.stream.abort(new Error('replaced by a newer session'))
    }
    this.live.set(peerId, session)
    this.sendSnapshot(session, now)
    this.components.names.setOnline(peerId, true, now)
    this.broadcast({ joined: { user: session.toUser(now), version: this.version + 1 } })
    const pending = this.components.relay.pending(peerId)
    if (pending > 0) session.send({ relayPending: { count: pending } })
    this.tellExpired(peerId)
    this.components.events.emit('user:online', { peerId, name: session.name })
    log('%s (%p) online', session.name, connection.remotePeer)
    return session
  }

  private sendSnapshot (session: Session, now: number): void {
    session.snapshotAt = now
    const users: User[] = []
    for (const record of this.components.names.list()) {
      const live = this.live.get(record.peerId)
      if (live != null) {
        users.push(live.toUser(now))
      } else {
        users.push({ name: record.name, peerId: peerIdToBytes(peerIdFromString(record.peerId)), addrs: [], status: Status.OFFLINE, statusText: '', lastSeen: record.lastSeen })
      }
    }
    for (let i = 0; i === 0 || i < users.length; i += SNAPSHOT_CHUNK_USERS) {
      const last = i + SNAPSHOT_CHUNK_USERS >= users.length
      session.send({ snapshot: { users: users.slice(i, i + SNAPSHOT_CHUNK_USERS), last, heartbeatMs: this.init.heartbeatIntervalMs, version: this.version } })
    }
  }

  /** The client missed a delta: a fresh snapshot, at most one per RESYNC_MIN_INTERVAL_MS. */
  private resync (session: Session): void {
    if (session.resyncTimer != null) return
    const wait = session.snapshotAt + RESYNC_MIN_INTERVAL_MS - Date.now()
    if (wait <= 0) {
      this.sendSnapshot(session, Date.now())
      return
    }
    session.resyncTimer = setTimeout(() => {
      session.resyncTimer = undefined
      if (!session.ended) this.sendSnapshot(session, Date.now())
    }, wait)
  }

  private setStatus (session: Session, status: Status, text: string): void {
    session.status = status === Status.OFFLINE ? Status.ONLINE : status
    session.statusText = cleanStatusText(text)
    this.broadcast({ statusChanged: { peerId: session.peerIdBytes, name: session.name, status: session.status, statusText: session.statusText, version: this.version + 1 } })
  }

  /** Ends a session once: everyone else hears Left; the stream (or, on timeout, the connection) is closed. */
  end (session: Session, reason: LeftReason): void {
    if (session.ended) return
    const now = Date.now()
    // numbered as the broadcast below will number it (the released person is not in that broadcast)
    const left = { left: { peerId: session.peerIdBytes, name: session.name, reason, lastSeen: now, version: this.version + 1 } }
    // the released person hears it too (their own Left), so their daemon says why and does not log in again
    if (reason === LeftReason.RELEASED) session.send(left)
    session.ended = true
    clearTimeout(session.resyncTimer)
    if (this.live.get(session.peerId) === session) this.live.delete(session.peerId)
    this.components.names.setOnline(session.peerId, false, now)
    this.broadcast(left)
    this.components.events.emit('user:offline', { peerId: session.peerId, name: session.name, reason })
    log('%s offline (%s)', session.name, reason)
    if (reason === LeftReason.TIMEOUT) {
      session.connection.abort(new Error('heartbeat missed'))
    } else if (session.stream.status === 'open') {
      void session.stream.close().catch(() => { session.stream.abort(new Error('session ended')) })
    }
  }

  /**
   * Sends one delta (stamped with the next directory version) to every live
   * session, the one it is about included; sessions that cannot keep up are
   * dropped.
   */
  private broadcast (frame: IndexFrame): void {
    this.version++
    const bytes = encodeFrame(IndexFrame, frame)
    const behind: Session[] = []
    for (const session of this.live.values()) {
      if (!session.sendBytes(bytes)) behind.push(session)
    }
    for (const session of behind) {
      log('dropping %s: cannot keep up with the feed', session.name)
      this.end(session, LeftReason.DISCONNECTED)
      session.stream.abort(new Error('too slow to follow the directory feed'))
    }
  }

  private onEndRequest ({ peerId, reason }: { peerId: string, reason: LeftReason }): void {
    const session = this.live.get(peerId)
    if (session != null) this.end(session, reason)
  }

  /** Tells a live session that notes of dropped envelopes wait for it, if any. */
  tellExpired (peerId: string): void {
    const session = this.live.get(peerId)
    if (session == null) return
    const count = this.components.relay.expiredPending(peerId)
    if (count > 0) session.send({ expiredPending: { count } })
  }

  private onRelayExpired ({ senders }: { senders: string[] }): void {
    for (const sender of senders) this.tellExpired(sender)
  }

  private onRelayStored ({ recipientPeerId }: { recipientPeerId: string }): void {
    const session = this.live.get(recipientPeerId)
    if (session != null) session.send({ relayPending: { count: this.components.relay.pending(recipientPeerId) } })
  }
}

/** The IP address a connection comes from (its remote multiaddr's ip4/ip6 part). */
function sourceIp (connection: Connection): string {
  const ip = connection.remoteAddr.getComponents().find(c => c.name === 'ip4' || c.name === 'ip6')
  return ip?.value ?? connection.remoteAddr.toString()
}
