/** The chat service's options, components, handlers and public face (index.ts builds it). */
import type { Ack, AckStatus, Message } from '../../../protocols/chat/pb/chat.js'
import type { AbortOptions, ComponentLogger, PeerId, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'

export interface ChatInit {
  /**
   * How long `send()` waits for the ack (opening the channel included) when
   * the caller passes no signal of its own.
   *
   * @default 3000
   */
  ackTimeoutMs?: number
  /**
   * Largest message body in UTF-8 bytes; larger incoming bodies are acked TOO_LARGE.
   *
   * @default MAX_CHAT_BODY_BYTES (64 KiB)
   */
  maxBodyBytes?: number
  /**
   * Largest frame read or written; a larger incoming frame aborts the stream.
   *
   * @default MAX_CHAT_FRAME_BYTES (68 KiB)
   */
  maxFrameBytes?: number
  /**
   * Bytes that may wait to be written to one peer, so a slow peer cannot grow
   * our heap; a write beyond this is refused with WriteBufferFullError.
   *
   * @default 4 MiB
   */
  maxWriteBufferBytes?: number
  /**
   * A channel whose peer reads nothing for this long while frames wait for it
   * is aborted (PeerNotReadingError); a healthy peer drains within a round trip.
   *
   * @default 5000
   */
  drainTimeoutMs?: number
  /**
   * Deadline for opening a channel (dial included).
   *
   * @default 5000
   */
  openTimeoutMs?: number
  /**
   * How long `stop()` lets a channel flush before aborting it.
   *
   * @default 2000
   */
  closeTimeoutMs?: number
  /**
   * Inbound chat streams per connection (each side may open one at the same moment).
   *
   * @default CHAT_MAX_STREAMS
   */
  maxInboundStreams?: number
  /**
   * Outbound chat streams per connection.
   *
   * @default CHAT_MAX_STREAMS
   */
  maxOutboundStreams?: number
}

/** What the chat service uses of libp2p's registrar. */
export interface ChatRegistrar {
  handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
  unhandle(protocol: string, options?: AbortOptions): Promise<void>
}

/** What the chat service uses of libp2p's connection manager. */
export interface ChatConnectionManager {
  openStream(peer: PeerId, protocol: string, options?: AbortOptions): Promise<Stream>
}

export interface ChatComponents {
  registrar: ChatRegistrar
  connectionManager: ChatConnectionManager
  /** libp2p's logger; without it, `@libp2p/logger` */
  logger?: ComponentLogger
}

/** What the daemon does with what arrives. Handlers must not throw; if they do, it is logged. */
export interface ChatHandlers {
  /**
   * A message arrived (its id and body size already checked). Store it and
   * return STORED (also for a duplicate already stored), STORAGE_FAILED or
   * INVALID; the service sends that status back as the Ack. A promise (e.g.
   * a group commit) delays the Ack until it settles; a rejection is
   * STORAGE_FAILED.
   */
  onMessage(peer: PeerId, message: Message): AckStatus | Promise<AckStatus>
  /** An ack arrived, also one for a `send()` that already timed out. */
  onAck(peer: PeerId, ack: Ack): void
  /** The peer read these messages of ours. */
  onReceipt(peer: PeerId, ids: string[]): void
  /** The peer started or stopped typing to us (`group` '': to me; else in that group). */
  onTyping(peer: PeerId, on: boolean, group: string): void
  /** A first channel to the peer just opened (either direction; none was open): a good moment to send what waits for it. */
  onChannel(peer: PeerId): void
  /** The last channel to the peer closed. */
  onChannelClose?(peer: PeerId): void
}

export interface ChatSendOptions {
  signal?: AbortSignal
}

export interface ChatService {
  /** Sets (or replaces) the handlers; until then incoming messages are acked STORAGE_FAILED. */
  setHandlers(handlers: ChatHandlers): void
  /**
   * Writes the message on the peer's channel (opening it if needed) and
   * resolves with the status of its Ack. Rejects with BodyTooLargeError or
   * InvalidMessageError before writing; with the signal's reason when it
   * aborts, or without a signal AckTimeoutError after `ackTimeoutMs`;
   * ChannelClosedError if the channel breaks
   * first, or the error of opening the channel. Sends of the same id share
   * one write and one ack.
   */
  send(peer: PeerId, message: Message, options?: ChatSendOptions): Promise<AckStatus>
  /** Sends an Ack outside a `send()` exchange (e.g. for a message that came through the relay). */
  sendAck(peer: PeerId, ack: Ack, options?: ChatSendOptions): Promise<void>
  /** Tells the peer these messages were read (split into frames of at most 256 ids). */
  sendReceipt(peer: PeerId, ids: string[], options?: ChatSendOptions): Promise<void>
  /** Tells the peer I am (not) typing. */
  sendTyping(peer: PeerId, on: boolean, options?: ChatSendOptions, group?: string): Promise<void>
  /** Whether a channel to the peer is open now. */
  hasChannel(peer: PeerId): boolean
}
