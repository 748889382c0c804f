/**
 * The file service's wire side (see index.ts for the contract): one stream
 * per exchange, offers and notices answered by a Reply, transfers served
 * with backpressure both ways.
 */
import { setMaxListeners } from 'node:events'
import { NotStartedError, serviceCapabilities } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import {
  FILE_CHUNK_BYTES, FILE_DATA_FRAME_BYTES, FILE_ENTRIES_PER_FRAME, FILE_HASHES_PER_FRAME, FILES_EXCHANGE_TIMEOUT_MS, FILES_IDLE_TIMEOUT_MS, FILES_MAX_STREAMS,
  FILES_PROTOCOL, MAX_FILES_FRAME_BYTES, MAX_OFFER_BYTES, MAX_OFFER_FILES
} from '../../../protocols/constants.js'
import { Status } from '../../../protocols/files/pb/files.js'
import { holdHeapGrowth } from '../../../runtime/heap-growth.js'
import { closeGracefully } from '../streams.js'
import { offerFilesProblem, offerHeadProblem } from './checks.js'
import { RECEIVE_HIGH_WATER_BYTES, RECEIVE_LOW_WATER_BYTES, RECEIVE_READ_BUFFER_BYTES } from './constants.js'
import { FetchRefusedError, FilesProtocolError, FilesStreamClosedError, TransferStoppedError } from './errors.js'
import { FrameReader, IdleDeadline, dataFrame, writeFrame, writeFramed } from './reader.js'
import type { Answer, FileSink, FilesComponents, FilesHandlers, FilesInit, FilesService } from './index.js'
import type { FileEntry, Notice, Offer } from '../../../protocols/files/pb/files.js'
import type { AbortOptions, Connection, Logger, PeerId, Startable, Stream } from '@libp2p/interface'

const HASH_BYTES = 32

export const defaultValues = {
  maxOfferFiles: MAX_OFFER_FILES,
  maxOfferBytes: MAX_OFFER_BYTES,
  exchangeTimeoutMs: FILES_EXCHANGE_TIMEOUT_MS,
  idleTimeoutMs: FILES_IDLE_TIMEOUT_MS,
  receiveHighWaterBytes: RECEIVE_HIGH_WATER_BYTES,
  maxInboundStreams: FILES_MAX_STREAMS,
  maxOutboundStreams: FILES_MAX_STREAMS
}

const UNAVAILABLE: Answer = { status: Status.STORAGE_FAILED, text: 'file transfer is not ready yet' }

export class Files implements FilesService, Startable {
  readonly [Symbol.toStringTag] = 'lanchat/files'
  readonly [serviceCapabilities]: string[] = ['@lanchat/files']
  private readonly components: FilesComponents
  private readonly log: Logger
  private readonly opts: typeof defaultValues
  private handlers?: FilesHandlers
  private shutdown = new AbortController()
  private started = false

  constructor (components: FilesComponents, init: FilesInit = {}) {
    this.components = components
    this.log = components.logger?.forComponent('lanchat:files') ?? logger('lanchat:files')
    this.opts = {
      maxOfferFiles: init.maxOfferFiles ?? defaultValues.maxOfferFiles,
      maxOfferBytes: init.maxOfferBytes ?? defaultValues.maxOfferBytes,
      exchangeTimeoutMs: init.exchangeTimeoutMs ?? defaultValues.exchangeTimeoutMs,
      idleTimeoutMs: init.idleTimeoutMs ?? defaultValues.idleTimeoutMs,
      receiveHighWaterBytes: init.receiveHighWaterBytes ?? defaultValues.receiveHighWaterBytes,
      maxInboundStreams: init.maxInboundStreams ?? defaultValues.maxInboundStreams,
      maxOutboundStreams: init.maxOutboundStreams ?? defaultValues.maxOutboundStreams
    }
    this.handleStream = this.handleStream.bind(this)
  }

  async start (): Promise<void> {
    this.shutdown = new AbortController()
    setMaxListeners(Infinity, this.shutdown.signal)
    await this.components.registrar.handle(FILES_PROTOCOL, this.handleStream, {
      maxInboundStreams: this.opts.maxInboundStreams,
      maxOutboundStreams: this.opts.maxOutboundStreams
    })
    this.started = true
  }

  async stop (): Promise<void> {
    this.started = false
    this.shutdown.abort(new FilesStreamClosedError('the file service stopped'))
    await this.components.registrar.unhandle(FILES_PROTOCOL)
  }

  isStarted (): boolean {
    return this.started
  }

  setHandlers (handlers: FilesHandlers): void {
    this.handlers = handlers
  }

  async offer (peer: PeerId, offer: Offer, files: FileEntry[], options: AbortOptions = {}): Promise<Answer> {
    return await this.exchange(peer, options, async (stream, signal) => {
      await writeFrame(stream, { offer }, signal)
      for (let at = 0; at < files.length; at += FILE_ENTRIES_PER_FRAME) {
        await writeFrame(stream, { offerFiles: { files: files.slice(at, at + FILE_ENTRIES_PER_FRAME) } }, signal)
      }
    })
  }

  async notice (peer: PeerId, notice: Notice, options: AbortOptions = {}): Promise<Answer> {
    return await this.exchange(peer, options, async (stream, signal) => { await writeFrame(stream, { notice }, signal) })
  }

  async fetch (peer: PeerId, id: string, sink: FileSink, options: AbortOptions = {}): Promise<void> {
    if (!this.started) throw new NotStartedError('the file service is not started')
    const stopped = AbortSignal.any([this.shutdown.signal, ...(options.signal != null ? [options.signal] : [])])
    const stream = await this.components.connectionManager.openStream(peer, FILES_PROTOCOL, { signal: AbortSignal.any([stopped, AbortSignal.timeout(this.opts.exchangeTimeoutMs)]) })
    // a paused stream may still receive yamux's whole window
    stream.maxReadBufferLength = RECEIVE_READ_BUFFER_BYTES
    const reader = new FrameReader(stream, { maxFrameBytes: MAX_FILES_FRAME_BYTES, highWaterBytes: this.opts.receiveHighWaterBytes, lowWaterBytes: RECEIVE_LOW_WATER_BYTES })
    const deadline = new IdleDeadline(this.opts.idleTimeoutMs, stopped)
    const idle = (): AbortSignal => deadline.refresh()
    const releaseHeap = holdHeapGrowth()
    try {
      await writeFrame(stream, { fetch: { id } }, idle())
      for (const want of sink.wants) await writeFrame(stream, { want }, idle())
      await stream.close({ signal: idle() })
      const reply = await reader.next(idle())
      if (reply?.reply == null) throw new FilesProtocolError('the sender did not answer the fetch')
      if (reply.reply.status !== Status.OK) throw new FetchRefusedError(reply.reply.status, reply.reply.text)
      for (;;) {
        const frame = await reader.next(idle())
        if (frame == null) break
        // frames already queued come without a wait: a stop is seen here, not only when the queue runs dry
        stopped.throwIfAborted()
        if (frame.hashes != null) await sink.hashes(frame.hashes.index, frame.hashes.first, frame.hashes.hashes)
        else if (frame.data != null) await sink.data(frame.data.index, frame.data.offset, frame.data.bytes)
        else if (frame.reply != null) throw new TransferStoppedError(frame.reply.status, frame.reply.text)
        else throw new FilesProtocolError('an unexpected frame in a transfer')
      }
      if (!sink.complete()) throw new FilesStreamClosedError('the sender closed the transfer before everything arrived')
    } catch (err) {
      stream.abort(err as Error)
      throw err
    } finally {
      releaseHeap()
      deadline.clear()
    }
  }

  /** One request/response exchange on a new stream: `write` sends the request, the answer is the first frame back. */
  private async exchange (peer: PeerId, options: AbortOptions, write: (stream: Stream, signal: AbortSignal) => Promise<void>): Promise<Answer> {
    if (!this.started) throw new NotStartedError('the file service is not started')
    const signal = AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.opts.exchangeTimeoutMs), ...(options.signal != null ? [options.signal] : [])])
    const stream = await this.components.connectionManager.openStream(peer, FILES_PROTOCOL, { signal })
    try {
      const reader = new FrameReader(stream, { maxFrameBytes: MAX_FILES_FRAME_BYTES, highWaterBytes: MAX_FILES_FRAME_BYTES, lowWaterBytes: 0 })
      await write(stream, signal)
      const frame = await reader.next(signal)
      if (frame?.reply == null) throw new FilesProtocolError('the peer did not answer')
      await closeGracefully(stream, signal)
      return { status: frame.reply.status, text: frame.reply.text }
    } catch (err) {
      stream.abort(err as Error)
      throw err
    }
  }

  private handleStream (stream: Stream, connection: Connection): void {
    if (!this.started) {
      stream.abort(new FilesStreamClosedError('the file service stopped'))
      return
    }
    const peer = connection.remotePeer
    this.serve(stream, peer).catch((err: Error) => {
      this.log('file stream from %p ended: %e', peer, err)
      stream.abort(err)
    })
  }

  private async serve (stream: Stream, peer: PeerId): Promise<void> {
    const reader = new FrameReader(stream, { maxFrameBytes: MAX_FILES_FRAME_BYTES, highWaterBytes: MAX_FILES_FRAME_BYTES, lowWaterBytes: 0 })
    const signal = AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.opts.exchangeTimeoutMs)])
    const first = await reader.next(signal)
    if (first?.offer != null) {
      await this.reply(stream, first.offer.id, await this.takeOffer(reader, peer, first.offer, signal), signal)
    } else if (first?.notice != null) {
      const answer = this.handlers == null ? UNAVAILABLE : await this.safely(async () => await (this.handlers as FilesHandlers).onNotice(peer, first.notice as Notice))
      await this.reply(stream, first.notice.id, answer, signal)
    } else if (first?.fetch != null) {
      await this.serveFetch(stream, reader, peer, first.fetch.id)
    } else {
      throw new FilesProtocolError('a file stream must start with an offer, a notice or a fetch')
    }
  }

  private async takeOffer (reader: FrameReader, peer: PeerId, offer: Offer, signal: AbortSignal): Promise<Answer> {
    const head = offerHeadProblem(peer, this.components.peerId, offer, this.opts)
    if (head != null) return head
    const files: FileEntry[] = []
    while (files.length < offer.fileCount) {
      const frame = await reader.next(signal)
      if (frame?.offerFiles == null) throw new FilesProtocolError('the offer\'s file list ended early')
      files.push(...frame.offerFiles.files)
      if (files.length > offer.fileCount) break
    }
    const problem = offerFilesProblem(offer, files)
    if (problem != null) return problem
    const handlers = this.handlers
    if (handlers == null) return UNAVAILABLE
    return await this.safely(async () => await handlers.onOffer(peer, offer, files))
  }

  private async safely (fn: () => Promise<Answer>): Promise<Answer> {
    try {
      return await fn()
    } catch (err) {
      this.log.error('a file handler threw: %e', err)
      return { status: Status.STORAGE_FAILED, text: 'the receiver could not take it now; try again later' }
    }
  }

  private async reply (stream: Stream, id: string, answer: Answer, signal: AbortSignal): Promise<void> {
    await writeFrame(stream, { reply: { id, status: answer.status, text: answer.text } }, signal)
    await closeGracefully(stream, signal)
  }

  /** Serves one transfer: the Reply, then for each Want its hash list and its bytes from the offset. */
  private async serveFetch (stream: Stream, reader: FrameReader, peer: PeerId, id: string): Promise<void> {
    const deadline = new IdleDeadline(this.opts.idleTimeoutMs, this.shutdown.signal)
    const idle = (): AbortSignal => deadline.refresh()
    const source = this.handlers == null ? UNAVAILABLE : await this.handlers.onFetch(peer, id)
    if ('status' in source) {
      try {
        await this.reply(stream, id, source, idle())
      } finally {
        deadline.clear()
      }
      return
    }
    const releaseHeap = holdHeapGrowth()
    try {
      await writeFrame(stream, { reply: { id, status: Status.OK, text: '' } }, idle())
      for (;;) {
        const frame = await reader.next(idle())
        if (frame == null) break
        if (frame.want == null) throw new FilesProtocolError('only Want frames may follow a Fetch')
        const { index, offset } = frame.want
        let slice
        try {
          slice = await source.open(index, offset)
        } catch (err) {
          if ((err as Error).name !== TransferStoppedError.name) throw err
          await this.reply(stream, id, { status: (err as TransferStoppedError).status, text: (err as Error).message }, idle())
          source.end(err as Error)
          return
        }
        try {
          for (let first = 0; first * HASH_BYTES < slice.hashList.byteLength; first += FILE_HASHES_PER_FRAME) {
            const hashes = slice.hashList.subarray(first * HASH_BYTES, (first + FILE_HASHES_PER_FRAME) * HASH_BYTES)
            await writeFrame(stream, { hashes: { index, first, hashes } }, idle())
          }
          // the disk is read a chunk at a time (a quarter of the trips to the thread pool), the next chunk while this one goes out in data frames
          const read = async (position: number): Promise<Uint8Array> => await slice.read(position, Math.min(FILE_CHUNK_BYTES, slice.size - position))
          let next = offset < slice.size ? read(offset) : undefined
          for (let position = offset; position < slice.size;) {
            const block = await (next as Promise<Uint8Array>)
            if (block.byteLength === 0) throw new TransferStoppedError(Status.CHANGED, 'a file got shorter since it was offered')
            const after = position + block.byteLength
            next = after < slice.size ? read(after) : undefined
            // a read that fails while this chunk is written is reported when it is awaited
            next?.catch(() => {})
            for (let at = 0; at < block.byteLength; at += FILE_DATA_FRAME_BYTES) {
              const bytes = block.subarray(at, at + FILE_DATA_FRAME_BYTES)
              await writeFramed(stream, dataFrame(index, position + at, bytes), idle())
              source.sent(index, position + at + bytes.byteLength)
            }
            position = after
          }
        } finally {
          await slice.close()
        }
      }
      await closeGracefully(stream, idle())
      source.end()
    } catch (err) {
      source.end(err as Error)
      throw err
    } finally {
      releaseHeap()
      deadline.clear()
    }
  }
}
