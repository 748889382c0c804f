/**
 * Frames of one file stream, pulled one at a time: a reader attached at once
 * (a stream with no listener buffers and is then reset) that queues decoded
 * frames and pauses the stream while too many bytes wait for the caller (a
 * paused yamux stream sends no window update, so the sender stops within one
 * window); and a writer that waits for 'drain' (never `onDrain()`, which
 * only waits the first time) when the stream asks for it.
 */
import { FilesFrame } from '../../../protocols/files/pb/files.js'
import { encodeFrame, onFrames } from '../../../protocols/frames.js'
import { raceSignal } from '../streams.js'
import { FilesStreamClosedError } from './errors.js'
import type { Stream, StreamCloseEvent } from '@libp2p/interface'

export interface FrameReaderInit {
  maxFrameBytes: number
  /** bytes of queued frames at which the stream is paused */
  highWaterBytes: number
  /** ...and resumed */
  lowWaterBytes: number
}

export class FrameReader {
  private readonly stream: Stream
  private readonly init: FrameReaderInit
  private readonly queue: Array<{ frame: FilesFrame, bytes: number }> = []
  private queuedBytes = 0
  private ended = false
  private error?: Error
  private wake?: PromiseWithResolvers<void>

  constructor (stream: Stream, init: FrameReaderInit) {
    this.stream = stream
    this.init = init
    onFrames(stream, FilesFrame, {
      maxDataLength: init.maxFrameBytes,
      onFrame: (frame) => {
        const bytes = frame.data?.bytes.byteLength ?? 0
        this.queue.push({ frame, bytes })
        this.queuedBytes += bytes
        if (this.queuedBytes > init.highWaterBytes && stream.readStatus === 'readable') stream.pause()
        this.notify()
      },
      onError: (err) => {
        stream.abort(err)
        this.finish(err)
      }
    })
    stream.addEventListener('remoteCloseWrite', () => { this.finish() })
    stream.addEventListener('close', (evt: StreamCloseEvent) => {
      this.finish(evt.error == null ? undefined : new FilesStreamClosedError('the file stream broke', { cause: evt.error }))
    })
  }

  /** The next frame; undefined once the peer closed its end and every frame was read. Rejects when the stream broke or `signal` fires first. */
  async next (signal: AbortSignal): Promise<FilesFrame | undefined> {
    for (;;) {
      const item = this.queue.shift()
      if (item != null) {
        this.queuedBytes -= item.bytes
        if (this.queuedBytes <= this.init.lowWaterBytes && this.stream.readStatus === 'paused') this.stream.resume()
        return item.frame
      }
      if (this.error != null) throw this.error
      if (this.ended) return undefined
      this.wake = Promise.withResolvers<void>()
      await raceSignal(this.wake.promise, signal)
    }
  }

  private finish (err?: Error): void {
    if (this.ended) return
    this.ended = true
    this.error = err
    this.notify()
  }

  private notify (): void {
    const wake = this.wake
    this.wake = undefined
    wake?.resolve()
  }
}

/** Writes one frame; resolves once the stream can take more (at once, or at its next 'drain'). */
export async function writeFrame (stream: Stream, frame: FilesFrame, signal: AbortSignal): Promise<void> {
  if (stream.writeStatus !== 'writable') throw new FilesStreamClosedError('the file stream is not writable')
  if (stream.send(encodeFrame(FilesFrame, frame))) return
  await raceSignal(new Promise<void>((resolve, reject) => {
    const onDrain = (): void => { done(); resolve() }
    const onClose = (evt: StreamCloseEvent): void => { done(); reject(new FilesStreamClosedError('the file stream closed while writing', { cause: evt.error })) }
    const done = (): void => {
      stream.removeEventListener('drain', onDrain)
      stream.removeEventListener('close', onClose)
    }
    stream.addEventListener('drain', onDrain)
    stream.addEventListener('close', onClose)
  }), signal)
}
