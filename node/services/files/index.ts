/**
 * The file service (/lanchat/files/1.0.0): files between two peers over
 * their existing libp2p connection, never through the index server. One
 * stream per exchange: an offer (the sender's Offer and its file list,
 * answered by a Reply), a notice (reject, cancel, done, failed; answered by
 * a Reply), or a transfer (the receiver's Fetch, then, per Want, the file's
 * chunk hash list and its bytes from the wanted offset, with backpressure
 * both ways). This service is the wire only: what an offer means, where
 * bytes go and what a file is are the daemon's (node/files/), through the
 * handlers below.
 *
 * @example
 * ```ts
 * const node = await createLibp2p({ ..., services: { files: files() } })
 * node.services.files.setHandlers({ onOffer, onNotice, onFetch })
 * const reply = await node.services.files.offer(bob, offer, entries)
 * await node.services.files.fetch(alice, id, sink)
 * ```
 */
import { Files } from './files.js'
import type { Uint8ArrayList } from 'uint8arraylist'
import type { FileEntry, Notice, Offer, Status } from '../../../protocols/files/pb/files.js'
import type { AbortOptions, ComponentLogger, PeerId, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'

export * from './errors.js'

export interface FilesInit {
  /**
   * Most files one incoming offer may hold (more: TOO_MANY, unread).
   *
   * @default MAX_OFFER_FILES (10 000)
   */
  maxOfferFiles?: number
  /**
   * Most bytes one incoming offer may hold (more: TOO_LARGE).
   *
   * @default MAX_OFFER_BYTES (64 GiB)
   */
  maxOfferBytes?: number
  /**
   * Deadline of one offer or notice exchange.
   *
   * @default FILES_EXCHANGE_TIMEOUT_MS (10 s)
   */
  exchangeTimeoutMs?: number
  /**
   * A transfer stream with no bytes either way for this long is aborted.
   *
   * @default FILES_IDLE_TIMEOUT_MS (15 s)
   */
  idleTimeoutMs?: number
  /**
   * Bytes of file data a receiver lets wait for its disk before it stops
   * reading (the sender then stops at once: yamux's window).
   *
   * @default RECEIVE_HIGH_WATER_BYTES (8 MiB)
   */
  receiveHighWaterBytes?: number
  /**
   * Inbound / outbound file streams per connection.
   *
   * @default FILES_MAX_STREAMS
   */
  maxInboundStreams?: number
  maxOutboundStreams?: number
}

/** What the file service uses of libp2p's registrar. */
export interface FilesRegistrar {
  handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
  unhandle(protocol: string, options?: AbortOptions): Promise<void>
}

/** What the file service uses of libp2p's connection manager. */
export interface FilesConnectionManager {
  openStream(peer: PeerId, protocol: string, options?: AbortOptions): Promise<Stream>
}

export interface FilesComponents {
  /** my identity: offers must be addressed to it */
  peerId: PeerId
  registrar: FilesRegistrar
  connectionManager: FilesConnectionManager
  logger?: ComponentLogger
}

/** An answer: a status and, when it is not OK, why in words. */
export interface Answer {
  status: Status
  text: string
}

/**
 * One file the sender serves from an offset: its chunk hash list and its
 * bytes. `read` resolves with at most `length` bytes at `position` (fewer
 * only at the end); rejects (e.g. ChangedFileError) when the file cannot be
 * served as offered.
 */
export interface FileSlice {
  hashList: Uint8Array<ArrayBuffer>
  size: number
  read(position: number, length: number): Promise<Uint8Array<ArrayBuffer>>
  close(): Promise<void>
}

/** What the sender's daemon gives to serve one transfer stream. */
export interface FileSource {
  /** the file `index` from `offset` on; rejects (status in the error) when it cannot */
  open(index: number, offset: number): Promise<FileSlice>
  /** bytes of file `index` were handed to the stream, up to `position` */
  sent(index: number, position: number): void
  /** the stream ended (the receiver closed it: `err` undefined; or it broke) */
  end(err?: Error): void
}

/**
 * Where a receiver puts what arrives, in order: the hash list of a file
 * (all of it before its first byte), then its bytes. `data` may return a
 * promise (a disk write): the service stops reading while too many bytes
 * wait. Throwing or rejecting stops the transfer with that error.
 */
export interface FileSink {
  /** the files and offsets to ask for, in order */
  wants: Array<{ index: number, offset: number }>
  hashes(index: number, first: number, hashes: Uint8Array): void | Promise<void>
  /** `bytes` may come as the pieces they arrived in */
  data(index: number, offset: number, bytes: Uint8Array | Uint8ArrayList): void | Promise<void>
  /** true once every wanted byte arrived and was handled */
  complete(): boolean
}

/** What the daemon does with what arrives. Handlers must not throw; if they do, the answer is STORAGE_FAILED. */
export interface FilesHandlers {
  /** An offer arrived, checked (ids, counts, sizes, hash lengths; `from_peer` is the Noise PeerId): answer it. */
  onOffer(peer: PeerId, offer: Offer, files: FileEntry[]): Answer | Promise<Answer>
  /** A notice (reject, cancel, done, failed) about a transfer with this peer. */
  onNotice(peer: PeerId, notice: Notice): Answer | Promise<Answer>
  /** The peer wants to fetch transfer `id` from me: a source, or an answer saying why not. */
  onFetch(peer: PeerId, id: string): Promise<FileSource | Answer>
}

export interface FilesService {
  /** Sets (or replaces) the handlers; until then every exchange is answered STORAGE_FAILED. */
  setHandlers(handlers: FilesHandlers): void
  /** Makes an offer; resolves with the receiver's answer. Rejects when the peer cannot be reached or the exchange times out. */
  offer(peer: PeerId, offer: Offer, files: FileEntry[], options?: AbortOptions): Promise<Answer>
  /** Tells the peer about a transfer; resolves with its answer. */
  notice(peer: PeerId, notice: Notice, options?: AbortOptions): Promise<Answer>
  /**
   * Fetches transfer `id` from the peer into `sink`; resolves once the sink
   * is complete (the stream is then closed). Rejects with FetchRefusedError
   * (the sender's answer), with the sink's own error, or with a stream error
   * (a lost link: try again later).
   */
  fetch(peer: PeerId, id: string, sink: FileSink, options?: AbortOptions): Promise<void>
}

/** The file service factory, for `createLibp2p({ services: { files: files() } })`. */
export function files (init: FilesInit = {}): (components: FilesComponents) => FilesService {
  return (components) => new Files(components, init)
}
