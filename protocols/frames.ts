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
import type { AbortOptions, MessageStream, Stream } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface FrameCodec<T> {
  encode(obj: T): Uint8Array
  decode(buf: Uint8Array | Uint8ArrayList): T
}

/** Decodes one protobuf frame; any failure becomes a MalformedError. */
export function decodeFrame<T> (codec: FrameCodec<T>, bytes: Uint8Array | Uint8ArrayList): T {
  try {
    return codec.decode(bytes)
  } catch (err) {
    throw new MalformedError(`Frame does not decode: ${(err as Error).message}`)
  }
}

/** Encodes one frame with its varint length prefix, ready for `stream.send()`. */
export function encodeFrame<T> (codec: FrameCodec<T>, obj: T): Uint8Array {
  return lpEncode.single(codec.encode(obj)).subarray()
}

/** Converts the length-prefix errors of @libp2p/utils into ours. */
export function toFrameError (err: unknown): Error {
  const e = err as Error
  if (e?.name === 'InvalidDataLengthError' || e?.name === 'InvalidDataLengthLengthError') {
    return new FrameTooLargeError(e.message)
  }
  if (e?.name === 'InvalidMessageLengthError') {
    return new MalformedError(e.message)
  }
  return e
}

export interface OnFramesOptions<T> {
  /** largest frame accepted, in bytes */
  maxDataLength: number
  /** called once per decoded frame, in order */
  onFrame(frame: T): void
  /** called once on the first bad frame; the listener is removed after it */
  onError(err: Error): void
}

/**
 * Decodes frames from every `message` event of `stream`. Returns a function
 * that detaches the listener.
 */
export function onFrames<T> (stream: MessageStream, codec: FrameCodec<T>, opts: OnFramesOptions<T>): () => void {
  const decoder = new LengthPrefixedDecoder({ maxDataLength: opts.maxDataLength, maxBufferSize: opts.maxDataLength + 16 })
  let failed = false
  const listener = (evt: { data: Uint8Array | Uint8ArrayList }): void => {
    if (failed) return
    try {
      for (const buf of decoder.decode(evt.data)) {
        opts.onFrame(decodeFrame(codec, buf))
        if (failed) return
      }
    } catch (err) {
      failed = true
      stream.removeEventListener('message', listener)
      opts.onError(toFrameError(err))
    }
  }
  stream.addEventListener('message', listener)
  return () => { stream.removeEventListener('message', listener) }
}

/** Reads exactly one frame (request/response exchanges), with a size limit and the caller's deadline. */
export async function readFrame<T> (stream: Stream, codec: FrameCodec<T>, maxDataLength: number, options: AbortOptions = {}): Promise<T> {
  let bytes: Uint8ArrayList
  try {
    bytes = await lpStream(stream, { maxDataLength }).read(options)
  } catch (err) {
    throw toFrameError(err)
  }
  return decodeFrame(codec, bytes)
}
