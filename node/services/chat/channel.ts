/**
 * One chat stream to a peer, as the chat service sees it: a frame reader
 * attached at once, and a writer that batches and respects backpressure.
 *
 * The first frame of a burst (one callback and the promise jobs it starts)
 * goes out at once, so a lone message or ack never waits for the rest of the
 * loop's work; the frames written after it in the same burst go out together
 * in one `stream.send()` (each send costs a Noise and a yamux frame). When `send()` returns false the writer
 * waits for the stream's `'drain'` event (never `onDrain()`, which only waits
 * the first time) before the next send. At most `maxWriteBufferBytes` may
 * wait (a write beyond is refused), and a peer that reads nothing for
 * `drainTimeoutMs` while frames wait has its stream aborted.
 */
import { Uint8ArrayList } from 'uint8arraylist'
import { ChatFrame } from '../../../protocols/chat/pb/chat.js'
import { onFrames } from '../../../protocols/frames.js'
import { closeGracefully, raceSignal } from '../streams.js'
import { ChannelClosedError, PeerNotReadingError, WriteBufferFullError } from './errors.js'
import type { Logger, PeerId, Stream, StreamCloseEvent } from '@libp2p/interface'

/** Bytes handed to one `stream.send()`: enough to coalesce many small frames, small enough not to flood the muxer. */
const MAX_BATCH_BYTES = 64 * 1024

export interface ChatStreamInit {
  stream: Stream
  peer: PeerId
  maxFrameBytes: number
  maxWriteBufferBytes: number
  drainTimeoutMs: number
  /** how long a close may take before the stream is aborted */
  closeTimeoutMs: number
  log: Logger
  /** a frame arrived */
  onFrame(channel: ChatChannel, frame: ChatFrame): void
  /** the stream can no longer carry our frames or the peer's acks (closed, or the peer closed its end); called once */
  onEnd(channel: ChatChannel, err?: Error): void
}

interface Queued {
  bytes: Uint8Array
  resolve(): void
  reject(err: Error): void
  signal?: AbortSignal
  onAbort?(): void
}

export class ChatChannel {
  readonly stream: Stream
  readonly peer: PeerId
  /** keys of the sends whose message went out here and still wait for an ack */
  readonly waiting = new Set<string>()
  /** false once the stream ended for us: not chosen for new frames any more */
  live = true
  private readonly init: ChatStreamInit
  private readonly queue: Queued[] = []
  private queuedBytes = 0
  private pump?: Promise<void>
  private closing = false
  /** a frame went out at once in this burst: the next ones wait for its end and go together */
  private bursting = false

  constructor (init: ChatStreamInit) {
    this.init = init
    this.stream = init.stream
    this.peer = init.peer
    // libp2p's own cap on the bytes it holds for us, in case a send slips past ours
    this.stream.maxWriteBufferLength = init.maxWriteBufferBytes
    onFrames(this.stream, ChatFrame, {
      maxDataLength: init.maxFrameBytes,
      onFrame: (frame) => { this.init.onFrame(this, frame) },
      onError: (err) => {
        init.log('bad frame from %p, aborting the stream: %e', this.peer, err)
        this.stream.abort(err)
      }
    })
    this.stream.addEventListener('close', (evt: StreamCloseEvent) => {
      this.fail(new ChannelClosedError('the chat stream closed', { cause: evt.error }))
      this.end(evt.error)
    })
    this.stream.addEventListener('remoteCloseWrite', () => {
      // the peer sends nothing more here, not even acks: stop using it, flush what we owe, close our end
      this.end()
      void this.close()
    })
  }

  /** Whether frames can still be written here. */
  get writable (): boolean {
    return !this.closing && this.stream.writeStatus === 'writable'
  }

  /** Queues one encoded frame; resolves once it was handed to the stream. */
  async write (bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (!this.writable) throw new ChannelClosedError('the chat stream is not writable')
    signal?.throwIfAborted()
    if (this.queuedBytes + this.stream.writeBufferLength + bytes.byteLength > this.init.maxWriteBufferBytes) {
      // a burst can do this to a healthy peer too, so refuse the write but keep the channel
      throw new WriteBufferFullError(`more than ${this.init.maxWriteBufferBytes} bytes would wait for ${this.peer.toString()}`)
    }
    if (this.pump == null && !this.bursting && !this.stream.writableNeedsDrain) {
      this.bursting = true
      process.nextTick(() => { this.bursting = false })
      this.stream.send(bytes)
      return
    }
    await new Promise<void>((resolve, reject) => {
      const item: Queued = { bytes, resolve, reject, signal }
      if (signal != null) {
        item.onAbort = () => {
          this.remove(item)
          reject(signal.reason)
        }
        signal.addEventListener('abort', item.onAbort, { once: true })
      }
      this.queue.push(item)
      this.queuedBytes += bytes.byteLength
      this.pump ??= this.run()
    })
  }

  /** Flushes what is queued, then closes the stream; aborts it if that takes longer than `timeoutMs`. */
  async close (timeoutMs = this.init.closeTimeoutMs): Promise<void> {
    if (this.closing) return
    this.closing = true
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      if (this.pump != null) await raceSignal(this.pump, signal)
    } catch (err) {
      this.stream.abort(err as Error)
      return
    }
    await closeGracefully(this.stream, signal)
  }

  private end (err?: Error): void {
    if (!this.live) return
    this.live = false
    this.init.onEnd(this, err)
  }

  /** Sends the queue in batches, waiting for 'drain' whenever the stream asks for it. */
  private async run (): Promise<void> {
    try {
      // let every frame written in this burst join the first batch; a tick, not
      // setImmediate: that waited for the rest of the loop turn (~0.3 ms per hop measured)
      await afterBurst()
      while (this.queue.length > 0) {
        if (this.stream.writableNeedsDrain) {
          await this.drained()
          continue
        }
        if (this.stream.writeStatus !== 'writable') throw new ChannelClosedError('the chat stream closed while frames waited')
        const batch = this.take()
        const data = batch.length === 1 ? batch[0].bytes : new Uint8ArrayList(...batch.map(item => item.bytes))
        this.stream.send(data)
        for (const item of batch) item.resolve()
      }
    } catch (err) {
      this.fail(err as Error)
    } finally {
      this.pump = undefined
    }
  }

  private take (): Queued[] {
    const batch: Queued[] = []
    let bytes = 0
    while (this.queue.length > 0 && (batch.length === 0 || bytes + this.queue[0].bytes.byteLength <= MAX_BATCH_BYTES)) {
      const item = this.queue.shift() as Queued
      this.queuedBytes -= item.bytes.byteLength
      if (item.onAbort != null) item.signal?.removeEventListener('abort', item.onAbort)
      bytes += item.bytes.byteLength
      batch.push(item)
    }
    return batch
  }

  private remove (item: Queued): void {
    const at = this.queue.indexOf(item)
    if (at === -1) return
    this.queue.splice(at, 1)
    this.queuedBytes -= item.bytes.byteLength
  }

  /** Rejects everything still queued. */
  private fail (err: Error): void {
    for (const item of this.queue.splice(0)) {
      if (item.onAbort != null) item.signal?.removeEventListener('abort', item.onAbort)
      item.reject(err)
    }
    this.queuedBytes = 0
  }

  /**
   * Resolves on the next 'drain'; rejects if the stream closes first. If no
   * drain comes within `drainTimeoutMs` while frames wait, the peer is not
   * reading: the stream is aborted.
   */
  private async drained (): Promise<void> {
    if (this.stream.status !== 'open') throw new ChannelClosedError('the chat stream closed while waiting to drain')
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => { done(); resolve() }
      const onClose = (evt: StreamCloseEvent): void => { done(); reject(new ChannelClosedError('the chat stream closed while waiting to drain', { cause: evt.error })) }
      const onStall = (): void => {
        if (this.queue.length === 0) {
          timer = setTimeout(onStall, this.init.drainTimeoutMs).unref()
          return
        }
        done()
        const err = new PeerNotReadingError(`${this.peer.toString()} read nothing for ${this.init.drainTimeoutMs} ms`)
        this.stream.abort(err)
        reject(err)
      }
      let timer = setTimeout(onStall, this.init.drainTimeoutMs).unref()
      const done = (): void => {
        clearTimeout(timer)
        this.stream.removeEventListener('drain', onDrain)
        this.stream.removeEventListener('close', onClose)
      }
      this.stream.addEventListener('drain', onDrain)
      this.stream.addEventListener('close', onClose)
    })
  }
}

/** Resolves once the current callback and every promise job queued so far have run. */
async function afterBurst (): Promise<void> {
  await new Promise<void>(resolve => { process.nextTick(resolve) })
}
