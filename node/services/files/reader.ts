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
import * as varint from 'uint8-varint'
import { Uint8ArrayList } from 'uint8arraylist'
import type { Stream, StreamCloseEvent } from '@libp2p/interface'

export interface FrameReaderInit {
  maxFrameBytes: number
  /** bytes of queued frames at which the stream is paused */
  highWaterBytes: number
  /** ...and resumed */
  lowWaterBytes: number
}

/**
 * A frame as the reader hands it on: a Data frame's bytes may be the pieces
 * they arrived in (see {@link dataFrameIn}), every other frame as decoded.
 */
export type InFrame = Omit<FilesFrame, 'data'> & { data?: { index: number, offset: number, bytes: Uint8Array | Uint8ArrayList } }

export class FrameReader {
  private readonly stream: Stream
  private readonly init: FrameReaderInit
  private readonly queue: Array<{ frame: InFrame, bytes: number }> = []
  private queuedBytes = 0
  private ended = false
  private error?: Error
  private wake?: PromiseWithResolvers<void>
  /** inside `stream.resume()`, which hands us what the paused stream held */
  private resuming = false

  constructor (stream: Stream, init: FrameReaderInit) {
    this.stream = stream
    this.init = init
    onFrames<InFrame>(stream, FilesFrame, {
      maxDataLength: init.maxFrameBytes,
      fast: dataFrameIn,
      onFrame: (frame) => {
        const bytes = frame.data?.bytes.byteLength ?? 0
        this.queue.push({ frame, bytes })
        this.queuedBytes += bytes
        if (!this.resuming) this.pauseIfFull()
        this.notify()
      },
      onError: (err) => {
        stream.abort(err)
        this.finish(err)
      }
    })
    stream.addEventListener('remoteCloseWrite', () => { this.finish() })
    stream.addEventListener('close', (evt: StreamCloseEvent) => {
      this.finish(evt.error == null ? undefined : new FilesStreamClosedError(`the file stream broke (${evt.error.message})`, { cause: evt.error }))
    })
  }

  /** The next frame; undefined once the peer closed its end and every frame was read. Rejects when the stream broke or `signal` fires first. */
  async next (signal: AbortSignal): Promise<InFrame | undefined> {
    for (;;) {
      const item = this.queue.shift()
      if (item != null) {
        this.queuedBytes -= item.bytes
        if (this.queuedBytes <= this.init.lowWaterBytes && this.stream.readStatus === 'paused') this.resume()
        return item.frame
      }
      if (this.error != null) throw this.error
      if (this.ended) return undefined
      this.wake = Promise.withResolvers<void>()
      await raceSignal(this.wake.promise, signal)
    }
  }

  private pauseIfFull (): void {
    if (this.queuedBytes > this.init.highWaterBytes && this.stream.readStatus === 'readable') this.stream.pause()
  }

  /**
   * libp2p's `resume()` first hands over, synchronously, everything the
   * paused stream held, and only then tells yamux to send window updates
   * again. Pausing from inside that hand-over would be undone by the second
   * half: yamux would grant windows while the stream stays paused and its
   * read buffer grows until libp2p resets the stream (seen under load on
   * 1 GiB transfers). So the check waits until `resume()` has returned.
   */
  private resume (): void {
    this.resuming = true
    try {
      this.stream.resume()
    } finally {
      this.resuming = false
    }
    this.pauseIfFull()
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

/** Writes one frame; resolves once the stream can take more (at once, or after 'drain'). */
export async function writeFrame (stream: Stream, frame: FilesFrame, signal: AbortSignal): Promise<void> {
  if (stream.writeStatus !== 'writable') throw new FilesStreamClosedError('the file stream is not writable')
  if (stream.send(encodeFrame(FilesFrame, frame))) return
  await drained(stream, signal)
}

/**
 * Bytes a writer leaves queued in a stream after a 'drain' before it writes
 * again. A 'drain' comes with every yamux window update, however small, and
 * the stream sends only what the window allows: writing a whole frame at
 * each one would pile up in the queue until the stream's write buffer limit
 * (MAX_STREAM_WRITE_BUFFER_BYTES) resets it.
 */
const WRITE_QUEUE_RESUME_BYTES = 1024 * 1024

/** Resolves once the stream asked for no drain and holds at most WRITE_QUEUE_RESUME_BYTES; rejects if it closes first or `signal` fires. */
async function drained (stream: Stream, signal: AbortSignal): Promise<void> {
  do {
    await nextDrain(stream, signal)
  } while (stream.writeBufferLength > WRITE_QUEUE_RESUME_BYTES && stream.writeStatus === 'writable')
}

async function nextDrain (stream: Stream, signal: AbortSignal): Promise<void> {
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

/**
 * One idle deadline for a whole transfer stream: each `refresh()` gives a
 * signal that fires `ms` from now (or when `stopped` fires), as a new
 * AbortSignal.timeout would, but with one timer per stream pushed back at
 * each frame instead of a new timer and AbortSignal.any per frame
 * (thousands per GiB). A deadline that passed while nobody waited on it (a
 * slow disk write between two frames) starts over at the next refresh.
 */
export class IdleDeadline {
  private readonly ms: number
  private readonly stopped: AbortSignal
  private controller!: AbortController
  private signal!: AbortSignal
  private timer?: NodeJS.Timeout

  constructor (ms: number, stopped: AbortSignal) {
    this.ms = ms
    this.stopped = stopped
    this.arm()
  }

  refresh (): AbortSignal {
    if (this.stopped.aborted) return this.stopped
    if (this.controller.signal.aborted) this.arm()
    else this.timer?.refresh()
    return this.signal
  }

  clear (): void {
    clearTimeout(this.timer)
  }

  private arm (): void {
    const controller = new AbortController()
    this.controller = controller
    this.signal = AbortSignal.any([this.stopped, controller.signal])
    this.timer = setTimeout(() => { controller.abort(new DOMException(`the file stream was idle for ${this.ms} ms`, 'TimeoutError')) }, this.ms)
    this.timer.unref()
  }
}

/** FilesFrame field 8 (data), length-delimited; Data's fields 1 (index), 2 (offset) as varints, 3 (bytes) length-delimited. */
const DATA_TAG = (8 << 3) | 2
const INDEX_TAG = (1 << 3) | 0
const OFFSET_TAG = (2 << 3) | 0
const BYTES_TAG = (3 << 3) | 2

/**
 * A Data frame exactly as `encodeFrame(FilesFrame, { data })` writes it
 * (proto3: zero fields left out), but without copying `bytes`: the length
 * prefix and the protobuf header in one small buffer, then `bytes` itself.
 * `bytes` must not be empty (an empty Data frame is never sent).
 */
export function dataFrame (index: number, offset: number, bytes: Uint8Array): Uint8ArrayList {
  const body = bytes.byteLength
  const data = (index !== 0 ? 1 + varint.encodingLength(index) : 0) + (offset !== 0 ? 1 + varint.encodingLength(offset) : 0) + 1 + varint.encodingLength(body) + body
  const frame = 1 + varint.encodingLength(data) + data
  const head = new Uint8Array(varint.encodingLength(frame) + frame - body)
  let at = 0
  const put = (n: number): void => { varint.encodeUint8Array(n, head, at); at += varint.encodingLength(n) }
  put(frame)
  head[at++] = DATA_TAG
  put(data)
  if (index !== 0) { head[at++] = INDEX_TAG; put(index) }
  if (offset !== 0) { head[at++] = OFFSET_TAG; put(offset) }
  head[at++] = BYTES_TAG
  put(body)
  return new Uint8ArrayList(head, bytes)
}

/** Writes bytes already framed (dataFrame); resolves once the stream can take more. */
export async function writeFramed (stream: Stream, framed: Uint8ArrayList, signal: AbortSignal): Promise<void> {
  if (stream.writeStatus !== 'writable') throw new FilesStreamClosedError('the file stream is not writable')
  if (stream.send(framed)) return
  await drained(stream, signal)
}

/** Longest head of a Data frame: its tag and length, index, offset, and the bytes' tag and length (10-byte varints at most). */
const DATA_HEAD_MAX_BYTES = 1 + 10 + 1 + 10 + 1 + 10 + 1 + 10

/**
 * Reads a Data frame where it lies: its bytes stay the pieces they arrived
 * in, so a receiver neither copies 256 KiB per frame into one buffer nor
 * makes that much more garbage (the codec needs one flat buffer). Only the
 * canonical layout {@link dataFrame} writes is read here (fields in order,
 * minimal varints, nothing else, not empty); any other frame, valid or not,
 * is left to the codec, which reads or refuses it as before.
 */
export function dataFrameIn (frame: Uint8ArrayList): InFrame | undefined {
  if (frame.byteLength < 4 || frame.get(0) !== DATA_TAG) return undefined
  const head = frame.subarray(0, Math.min(frame.byteLength, DATA_HEAD_MAX_BYTES))
  let at = 1
  /** A minimal varint of at most a safe integer, or undefined. */
  const read = (): number | undefined => {
    let value = 0
    for (let shift = 0; shift <= 49 && at < head.byteLength; shift += 7) {
      const byte = head[at++]
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return (byte === 0 && shift > 0) || !Number.isSafeInteger(value) ? undefined : value
    }
    return undefined
  }
  const length = read()
  if (length === undefined || at + length !== frame.byteLength) return undefined
  let index = 0
  let offset = 0
  if (head[at] === INDEX_TAG) {
    at++
    const n = read()
    if (n === undefined || n === 0) return undefined
    index = n
  }
  if (head[at] === OFFSET_TAG) {
    at++
    const n = read()
    if (n === undefined || n === 0) return undefined
    offset = n
  }
  if (head[at++] !== BYTES_TAG) return undefined
  const size = read()
  if (size === undefined || size === 0 || at + size !== frame.byteLength) return undefined
  return { data: { index, offset, bytes: frame.sublist(at) } }
}
