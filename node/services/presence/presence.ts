/**
 * The presence service class. See index.ts for the API.
 *
 * Both sides open a stream when a connection opens, so there are usually two
 * at first; both sides keep the same one (opened by the lower PeerId; between
 * two opened by the same side, the newest) and close the other, reading it
 * until it is closed so no frame is lost.
 */
import { setMaxListeners } from 'node:events'
import { NotStartedError, serviceCapabilities } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import { MAX_PRESENCE_FRAME_BYTES, PRESENCE_MAX_STREAMS, PRESENCE_PROTOCOL } from '../../../protocols/constants.js'
import { encodeFrame, onFrames } from '../../../protocols/frames.js'
import { cleanStatusText, nameProblem } from '../../../protocols/names.js'
import { Presence } from '../../../protocols/presence/pb/presence.js'
import { closeGracefully, raceSignal } from '../streams.js'
import { InvalidPresenceError, PresenceBacklogError } from './errors.js'
import type { PresenceComponents, PresenceHandlers, PresenceInit, PresenceService, SelfPresence } from './types.js'
import type { AbortOptions, Connection, Logger, PeerId, Startable, Stream } from '@libp2p/interface'

export const defaultValues = {
  maxFrameBytes: MAX_PRESENCE_FRAME_BYTES,
  maxWriteBufferBytes: 64 * 1024,
  openTimeoutMs: 5_000,
  closeTimeoutMs: 1_000,
  maxInboundStreams: PRESENCE_MAX_STREAMS,
  maxOutboundStreams: PRESENCE_MAX_STREAMS
}

/** One presence stream to a peer. */
interface Tracked {
  stream: Stream
  /** PeerId (string) of the side that opened it */
  initiator: string
  /** adoption order: higher is newer */
  seq: number
  /** lost the tie or the peer closed its end: read until closed, never written again */
  retired: boolean
  /** aborted by us for a bad frame: not reopened */
  misbehaved: boolean
}

interface PeerState {
  peer: PeerId
  streams: Tracked[]
  /** the last presence passed to onPresence, and the stream it came on */
  last?: Presence
  lastFrom?: Tracked
}

export class DirectPresence implements PresenceService, Startable {
  readonly [Symbol.toStringTag] = 'lanchat/presence'
  readonly [serviceCapabilities]: string[] = ['@lanchat/presence']
  private readonly components: PresenceComponents
  private readonly log: Logger
  private readonly opts: typeof defaultValues
  private handlers?: PresenceHandlers
  private me?: Presence
  private readonly peers = new Map<string, PeerState>()
  private readonly opening = new Map<string, Promise<void>>()
  private shutdown = new AbortController()
  private started = false
  private seq = 0

  constructor (components: PresenceComponents, init: PresenceInit = {}) {
    this.components = components
    this.log = components.logger?.forComponent('lanchat:presence') ?? logger('lanchat:presence')
    this.opts = {
      maxFrameBytes: init.maxFrameBytes ?? defaultValues.maxFrameBytes,
      maxWriteBufferBytes: init.maxWriteBufferBytes ?? defaultValues.maxWriteBufferBytes,
      openTimeoutMs: init.openTimeoutMs ?? defaultValues.openTimeoutMs,
      closeTimeoutMs: init.closeTimeoutMs ?? defaultValues.closeTimeoutMs,
      maxInboundStreams: init.maxInboundStreams ?? defaultValues.maxInboundStreams,
      maxOutboundStreams: init.maxOutboundStreams ?? defaultValues.maxOutboundStreams
    }
    this.handleStream = this.handleStream.bind(this)
    this.onConnect = this.onConnect.bind(this)
  }

  async start (): Promise<void> {
    this.shutdown = new AbortController()
    setMaxListeners(Infinity, this.shutdown.signal)
    await this.components.registrar.handle(PRESENCE_PROTOCOL, this.handleStream, {
      maxInboundStreams: this.opts.maxInboundStreams,
      maxOutboundStreams: this.opts.maxOutboundStreams
    })
    this.components.events.addEventListener('peer:connect', this.onConnect)
    this.started = true
    // peers connected before we started (normally none: services start before transports)
    for (const connection of this.components.connectionManager.getConnections()) this.connected(connection.remotePeer)
  }

  async stop (): Promise<void> {
    this.started = false
    this.components.events.removeEventListener('peer:connect', this.onConnect)
    this.shutdown.abort(new Error('the presence service stopped'))
    await this.components.registrar.unhandle(PRESENCE_PROTOCOL)
    const streams = [...this.peers.values()].flatMap(state => state.streams.map(t => t.stream))
    this.peers.clear()
    await Promise.all(streams.map(async stream => { await closeGracefully(stream, AbortSignal.timeout(this.opts.closeTimeoutMs)) }))
  }

  isStarted (): boolean {
    return this.started
  }

  setHandlers (handlers: PresenceHandlers): void {
    this.handlers = handlers
  }

  setSelf (self: SelfPresence): void {
    this.me = { name: self.name, status: self.status, statusText: cleanStatusText(self.statusText), updatedAt: Date.now() }
    for (const state of this.peers.values()) {
      for (const tracked of state.streams) {
        if (!tracked.retired) this.write(tracked)
      }
    }
  }

  self (): Presence | undefined {
    return this.me
  }

  hasStream (peer: PeerId): boolean {
    return this.kept(peer) != null
  }

  async announce (peer: PeerId, options: AbortOptions = {}): Promise<void> {
    if (!this.started) throw new NotStartedError('the presence service is not started')
    const kept = this.kept(peer)
    if (kept != null) {
      this.write(kept)
      return
    }
    const key = peer.toString()
    let opening = this.opening.get(key)
    if (opening == null) {
      opening = this.open(peer).finally(() => { this.opening.delete(key) })
      this.opening.set(key, opening)
    }
    await raceSignal(opening, options.signal)
  }

  private async open (peer: PeerId): Promise<void> {
    const signal = AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.opts.openTimeoutMs)])
    const stream = await this.components.connectionManager.openStream(peer, PRESENCE_PROTOCOL, { signal })
    if (!this.started) {
      stream.abort(new Error('the presence service stopped'))
      throw new NotStartedError('the presence service stopped')
    }
    this.adopt(stream, peer, this.components.peerId.toString())
  }

  private onConnect (evt: CustomEvent<PeerId>): void {
    this.connected(evt.detail)
  }

  private connected (peer: PeerId): void {
    if (this.kept(peer) != null) return
    // peers without presence (the index server) refuse the protocol: not an error worth more than a log line
    this.announce(peer).catch(err => { this.log('no presence stream to %p: %e', peer, err) })
  }

  private handleStream (stream: Stream, connection: Connection): void {
    if (!this.started) {
      stream.abort(new Error('the presence service stopped'))
      return
    }
    this.adopt(stream, connection.remotePeer, connection.remotePeer.toString())
  }

  /** Reads the stream at once, answers with my presence, then keeps one stream per peer. */
  private adopt (stream: Stream, peer: PeerId, initiator: string): void {
    const key = peer.toString()
    let state = this.peers.get(key)
    if (state == null) {
      state = { peer, streams: [] }
      this.peers.set(key, state)
    }
    const peerState = state
    const tracked: Tracked = { stream, initiator, seq: ++this.seq, retired: false, misbehaved: false }
    onFrames<Presence>(stream, Presence, {
      maxDataLength: this.opts.maxFrameBytes,
      onFrame: (frame) => { this.receive(peerState, tracked, frame) },
      onError: (err) => {
        this.log('bad presence frame from %p, aborting the stream: %e', peer, err)
        tracked.misbehaved = true
        stream.abort(err)
      }
    })
    stream.addEventListener('close', () => { this.dropped(peerState, tracked) })
    stream.addEventListener('remoteCloseWrite', () => { this.retire(tracked) })
    state.streams.push(tracked)
    this.log('presence stream %s with %p open (%s)', stream.id, peer, stream.direction)
    this.write(tracked)
    this.choose(state)
  }

  /** Keeps the stream opened by the lower PeerId (between two of the same side, the newest); retires the others. */
  private choose (state: PeerState): void {
    const live = state.streams.filter(t => !t.retired && t.stream.status === 'open')
    if (live.length < 2) return
    live.sort((a, b) => a.initiator === b.initiator ? b.seq - a.seq : (a.initiator < b.initiator ? -1 : 1))
    for (const loser of live.slice(1)) this.retire(loser)
  }

  /** Stops writing on a stream and closes our end; aborts it if the peer does not close its end soon. */
  private retire (tracked: Tracked): void {
    if (tracked.retired) return
    tracked.retired = true
    void closeGracefully(tracked.stream, AbortSignal.timeout(this.opts.closeTimeoutMs))
  }

  private receive (state: PeerState, tracked: Tracked, frame: Presence): void {
    const problem = nameProblem(frame.name)
    if (problem != null) {
      this.log('presence from %p with a bad name: %s', state.peer, problem)
      tracked.misbehaved = true
      tracked.stream.abort(new InvalidPresenceError(`bad name: ${problem}`))
      return
    }
    const presence: Presence = { name: frame.name, status: frame.status, statusText: cleanStatusText(frame.statusText), updatedAt: frame.updatedAt }
    const last = state.last
    if (last != null) {
      if (same(last, presence)) return
      // frames on one stream are in order; across two (while one closes) an older one may come second
      if (state.lastFrom !== tracked && presence.updatedAt < last.updatedAt) return
    }
    state.last = presence
    state.lastFrom = tracked
    if (this.handlers == null) return
    try {
      this.handlers.onPresence(state.peer, presence)
    } catch (err) {
      this.log.error('onPresence threw: %e', err)
    }
  }

  /** A stream closed; when it was the last one, the peer is gone, unless another connection to it is still open. */
  private dropped (state: PeerState, tracked: Tracked): void {
    state.streams = state.streams.filter(t => t !== tracked)
    if (state.streams.length > 0 || this.peers.get(state.peer.toString()) !== state || !this.started) return
    const connected = this.components.connectionManager.getConnections(state.peer).some(c => c.status === 'open')
    if (connected && !tracked.misbehaved) {
      // e.g. the duplicate of a simultaneous dial was pruned: reopen on the connection that stays
      this.log('presence stream with %p closed while still connected; reopening', state.peer)
      this.announce(state.peer).catch(() => { if (state.streams.length === 0) this.gone(state) })
      return
    }
    this.gone(state)
  }

  private gone (state: PeerState): void {
    if (this.peers.get(state.peer.toString()) === state) this.peers.delete(state.peer.toString())
    this.log('presence with %p ended', state.peer)
    if (!this.started || state.last == null || this.handlers == null) return
    try {
      this.handlers.onGone(state.peer)
    } catch (err) {
      this.log.error('onGone threw: %e', err)
    }
  }

  private kept (peer: PeerId): Tracked | undefined {
    return this.peers.get(peer.toString())?.streams.find(t => !t.retired && t.stream.writeStatus === 'writable')
  }

  /** Writes my presence; presence is small and only the latest counts, so no waiting for drain, but a bound. */
  private write (tracked: Tracked): void {
    const { stream } = tracked
    if (this.me == null || stream.writeStatus !== 'writable') return
    try {
      stream.send(encodeFrame(Presence, this.me))
      if (stream.writeBufferLength > this.opts.maxWriteBufferBytes) {
        stream.abort(new PresenceBacklogError(`more than ${this.opts.maxWriteBufferBytes} bytes wait on the presence stream`))
      }
    } catch (err) {
      this.log('presence to %s not written: %e', stream.id, err)
    }
  }
}

function same (a: Presence, b: Presence): boolean {
  return a.name === b.name && a.status === b.status && a.statusText === b.statusText && a.updatedAt === b.updatedAt
}
