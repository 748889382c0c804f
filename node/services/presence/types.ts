/** The presence service's options, components, handlers and public face (index.ts builds it). */
import type { Presence as PresenceFrame, Status } from '../../../protocols/presence/pb/presence.js'
import type { AbortOptions, ComponentLogger, Connection, Libp2pEvents, PeerId, Stream, StreamHandler, StreamHandlerOptions, TypedEventTarget } from '@libp2p/interface'

export interface PresenceInit {
  /**
   * Largest presence frame read; a larger one aborts the stream.
   *
   * @default MAX_PRESENCE_FRAME_BYTES (2 KiB)
   */
  maxFrameBytes?: number
  /**
   * Bytes that may wait to be written on one presence stream; a peer that does
   * not read beyond this has the stream aborted.
   *
   * @default 64 KiB
   */
  maxWriteBufferBytes?: number
  /**
   * Deadline for opening a presence stream.
   *
   * @default 5000
   */
  openTimeoutMs?: number
  /**
   * How long `stop()` lets a stream close gracefully before aborting it.
   *
   * @default 1000
   */
  closeTimeoutMs?: number
  /**
   * Inbound presence streams per connection.
   *
   * @default PRESENCE_MAX_STREAMS
   */
  maxInboundStreams?: number
  /**
   * Outbound presence streams per connection.
   *
   * @default PRESENCE_MAX_STREAMS
   */
  maxOutboundStreams?: number
}

/** What the presence service uses of libp2p's registrar. */
export interface PresenceRegistrar {
  handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
  unhandle(protocol: string, options?: AbortOptions): Promise<void>
}

/** What the presence service uses of libp2p's connection manager. */
export interface PresenceConnectionManager {
  openStream(peer: PeerId, protocol: string, options?: AbortOptions): Promise<Stream>
  getConnections(peer?: PeerId): Connection[]
}

export interface PresenceComponents {
  /** my PeerId: breaks the tie when both sides open a stream at once */
  peerId: PeerId
  registrar: PresenceRegistrar
  connectionManager: PresenceConnectionManager
  /** libp2p's events: `peer:connect` starts the exchange */
  events: TypedEventTarget<Libp2pEvents>
  /** libp2p's logger; without it, `@libp2p/logger` */
  logger?: ComponentLogger
}

/** My presence as the daemon sets it. */
export interface SelfPresence {
  name: string
  status: Status
  statusText: string
}

/** What the daemon does with what arrives. Handlers must not throw; if they do, it is logged. */
export interface PresenceHandlers {
  /** A peer told its presence (name checked, status text cleaned); repeats of the same frame are not passed on. */
  onPresence(peer: PeerId, presence: PresenceFrame): void
  /** The last presence stream to a peer that had told its presence closed (it left, or the connection dropped). */
  onGone(peer: PeerId): void
}

export interface PresenceService {
  setHandlers(handlers: PresenceHandlers): void
  /** Sets my presence (`updatedAt` = now) and writes it at once on every open presence stream. */
  setSelf(self: SelfPresence): void
  /** My presence as last set, or undefined before `setSelf`. */
  self(): PresenceFrame | undefined
  /** Writes my presence to the peer, opening a presence stream first if none is open. */
  announce(peer: PeerId, options?: AbortOptions): Promise<void>
  /** Whether a presence stream to the peer is open. */
  hasStream(peer: PeerId): boolean
}
