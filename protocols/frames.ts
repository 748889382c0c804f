/**
 * Length-prefixed protobuf frames on libp2p v3 streams.
 *
 * Writing: {@link encodeFrame} gives varint-length-prefixed bytes for one
 * `stream.send()`. Reading: {@link onFrames} attaches a `message` listener at
 * once (a stream with no listener buffers and is then reset) and decodes
 * frames as they arrive, with the protocol's size limit; {@link readFrame}
 * reads exactly one frame for request/response exchanges.
 */
import { encode as lpEncode } from 'it-length-prefixed'
import { LengthPrefixedDecoder, lpStream } from '@libp2p/utils'
import { FrameTooLargeError, MalformedError } from './errors.js'
import * as varint from 'uint8-varint'
import { Uint8ArrayList } from 'uint8arraylist'
import type { AbortOptions, MessageStream, Stream, StreamMessageEvent } from '@libp2p/interface'

export interface FrameCodec<T> {
  encode(obj: T): Uint8Array
  decode(buf: Uint8Array | Uint8ArrayList): T
}

/**
 * Most fields at the top level of a frame. Every lanchat message has at most
 * nine fields, and the frames on streams are one `oneof`; a frame made of
 * thousands of repetitions would only cost decode time (an object each).
 */
export const MAX_TOP_LEVEL_FIELDS = 64

/**
 * Walks the top level of a protobuf message without decoding it: rejects
 * group wire types (lanchat never uses them; they nest without a length) and
 * more than MAX_TOP_LEVEL_FIELDS fields. Cheap: it only skips bytes.
 */
function checkShape (b: Uint8Array): void {
  let at = 0
  let fields = 0
  const readVarint = (): number => {
    let value = 0
    for (let shift = 0; shift < 64; shift += 7) {
      if (at >= b.length) throw new MalformedError('Frame ends inside a varint')
      const byte = b[at++]
      if (shift < 49) value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
    }
    throw new MalformedError('Frame has a varint longer than 10 bytes')
  }
  while (at < b.length) {
    if (++fields > MAX_TOP_LEVEL_FIELDS) throw new MalformedError(`Frame has more than ${MAX_TOP_LEVEL_FIELDS} top-level fields`)
    const wire = readVarint() % 8
    if (wire === 0) readVarint()
    else if (wire === 1) at += 8
    else if (wire === 2) {
      const length = readVarint() // read first: `at += readVarint()` would add to the old `at`
      at += length
    }
    else if (wire === 5) at += 4
    else throw new MalformedError(`Frame uses wire type ${wire}`)
    if (at > b.length) throw new MalformedError('Frame ends inside a field')
  }
}

/** Decodes one protobuf frame; any failure becomes a MalformedError. */
export function decodeFrame<T> (codec: FrameCodec<T>, bytes: Uint8Array | Uint8ArrayList): T {
  const flat = bytes instanceof Uint8Array ? bytes : bytes.subarray()
  checkShape(flat)
  try {
    return codec.decode(flat)
  } catch (err) {
    throw new MalformedError(`Frame does not decode: ${(err as Error).message}`)
  }
}

/** Encodes one frame with its varint length prefix, ready for `stream.send()`. */
export function encodeFrame<T> (codec: FrameCodec<T>, obj: T): Uint8Array {
  return lpEncode.single(codec.encode(obj)).subarray()
}

/**
 * The errors of @libp2p/utils' two length-prefix readers, as ours (one home
 * for both). They name the same conditions differently: lpStream's read
 * (request/response exchanges) throws InvalidMessageLengthError only for a
 * negative length, and InvalidDataLength(Length)Error when over the limit;
 * LengthPrefixedDecoder (long-lived streams) throws InvalidMessageLengthError
 * for a length over maxDataLength too, and InvalidParametersError when its
 * buffer cap is passed by a length prefix that never ends.
 */
export function frameError (err: unknown, reader: 'lpStream' | 'decoder'): Error {
  const e = err as Error
  switch (e?.name) {
    case 'InvalidDataLengthError':
    case 'InvalidDataLengthLengthError':
      return new FrameTooLargeError(e.message)
    case 'InvalidMessageLengthError':
      return reader === 'decoder' ? new FrameTooLargeError(e.message) : new MalformedError(e.message)
    case 'InvalidParametersError':
      return reader === 'decoder' ? new MalformedError(e.message) : e
    default:
      return e
  }
}

export interface OnFramesOptions<T> {
  /** largest frame accepted, in bytes */
  maxDataLength: number
  /** called once per decoded frame, in order */
  onFrame(frame: T): void
  /**
   * Reads the hot kind of frame in place (without flattening it into one
   * buffer first); undefined hands the frame to the codec as usual.
   */
  fast?(frame: Uint8ArrayList): T | undefined
  /** called once on the first bad frame; the listener is removed after it */
  onError(err: Error): void
}

/** Longest unsigned varint length prefix, in bytes. */
const MAX_PREFIX_BYTES = 10

/**
 * Decodes frames from every `message` event of `stream`, in order; the first
 * bad frame (too large, undecodable) calls `onError` once and detaches the
 * listener. Returns a function that detaches the listener.
 *
 * One `message` event carries a whole muxer data frame, which can be far
 * larger than one of our frames (1.7 MB measured when a sender pipelines), so
 * each chunk is fed to the decoder in slices of at most `maxDataLength` bytes:
 * the decoder's buffer then holds at most a partial frame plus one slice,
 * while `maxDataLength` still limits every frame.
 */
export function onFrames<T> (stream: MessageStream, codec: FrameCodec<T>, opts: OnFramesOptions<T>): () => void {
  const slice = opts.maxDataLength
  const decoder = new LengthPrefixedDecoder({
    maxDataLength: opts.maxDataLength,
    maxBufferSize: MAX_PREFIX_BYTES + opts.maxDataLength + slice,
    lengthDecoder: decodeLength
  })
  let failed = false
  const listener = (evt: StreamMessageEvent): void => {
    if (failed) return
    const data = evt.data instanceof Uint8Array ? new Uint8ArrayList(evt.data) : evt.data
    try {
      for (let start = 0; start < data.byteLength; start += slice) {
        const piece = data.byteLength <= slice ? data : data.sublist(start, Math.min(start + slice, data.byteLength))
        for (const buf of decoder.decode(piece)) {
          opts.onFrame(opts.fast?.(buf) ?? decodeFrame(codec, buf))
          if (failed) return
        }
      }
    } catch (err) {
      failed = true
      stream.removeEventListener('message', listener)
      opts.onError(frameError(err, 'decoder'))
    }
  }
  stream.addEventListener('message', listener)
  return () => {
    failed = true
    stream.removeEventListener('message', listener)
  }
}

/**
 * Reads a varint length prefix; a prefix with no end in its first
 * MAX_PREFIX_BYTES bytes is malformed at once (rather than once the buffer cap
 * fills). A RangeError means "not enough bytes yet" to the decoder.
 */
function decodeLength (data: Uint8ArrayList | Uint8Array): number {
  const list = data instanceof Uint8Array ? new Uint8ArrayList(data) : data
  const n = Math.min(list.byteLength, MAX_PREFIX_BYTES)
  for (let i = 0; i < n; i++) {
    if (list.get(i) < 0x80) return varint.decode(list.subarray(0, i + 1))
  }
  if (list.byteLength >= MAX_PREFIX_BYTES) throw new MalformedError('the length prefix does not end')
  throw new RangeError('need more bytes for the length prefix')
}


/** Reads exactly one frame (request/response exchanges), with a size limit and the caller's deadline. */
export async function readFrame<T> (stream: Stream, codec: FrameCodec<T>, maxDataLength: number, options: AbortOptions = {}): Promise<T> {
  let bytes: Uint8ArrayList
  try {
    bytes = await lpStream(stream, { maxDataLength }).read(options)
  } catch (err) {
    throw frameError(err, 'lpStream')
  }
  return decodeFrame(codec, bytes)
}
