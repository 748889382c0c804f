/**
 * Reads length-prefixed protobuf frames from every `message` event of a
 * stream, like `onFrames` in protocols/frames.ts, but safe for any chunk size.
 *
 * Why not `onFrames` as it stands: it gives the decoder a buffer cap of
 * `maxDataLength + 16` bytes, and the decoder checks that cap against the
 * whole chunk it is fed. One `message` event carries a whole yamux data frame,
 * which can be far larger than one of our frames (measured here: 1.7 MB in a
 * single event when a sender pipelines), so pipelined small frames, or one big
 * frame split across two chunks, were taken for an oversized frame and the
 * stream was aborted. Here each chunk is fed in slices of at most
 * `maxDataLength` bytes, so the decoder's buffer stays under its own cap
 * (a partial frame plus one slice) while `maxDataLength` still limits every frame.
 *
 * @example
 * ```ts
 * readFrames(stream, ChatFrame, { maxDataLength: MAX_CHAT_FRAME_BYTES, onFrame, onError: err => { stream.abort(err) } })
 * ```
 */
import { LengthPrefixedDecoder } from '@libp2p/utils'
import { Uint8ArrayList } from 'uint8arraylist'
import { FrameTooLargeError, MalformedError } from '../../../protocols/errors.js'
import { decodeFrame } from '../../../protocols/frames.js'
import type { FrameCodec, OnFramesOptions } from '../../../protocols/frames.js'
import type { MessageStream, StreamMessageEvent } from '@libp2p/interface'

/** Longest unsigned varint length prefix, in bytes. */
const MAX_PREFIX_BYTES = 10

/**
 * Decodes frames from every `message` event of `stream`, in order; the first
 * bad frame (too large, undecodable) calls `onError` once and detaches the
 * listener. Returns a function that detaches the listener.
 */
export function readFrames<T> (stream: MessageStream, codec: FrameCodec<T>, opts: OnFramesOptions<T>): () => void {
  const slice = opts.maxDataLength
  const decoder = new LengthPrefixedDecoder({
    maxDataLength: opts.maxDataLength,
    // a partial frame (prefix + up to maxDataLength bytes) plus one slice
    maxBufferSize: MAX_PREFIX_BYTES + opts.maxDataLength + slice
  })
  let failed = false
  const listener = (evt: StreamMessageEvent): void => {
    if (failed) return
    const data = evt.data instanceof Uint8Array ? new Uint8ArrayList(evt.data) : evt.data
    try {
      for (let start = 0; start < data.byteLength; start += slice) {
        const piece = data.byteLength <= slice ? data : data.sublist(start, Math.min(start + slice, data.byteLength))
        for (const buf of decoder.decode(piece)) {
          opts.onFrame(decodeFrame(codec, buf))
          if (failed) return
        }
      }
    } catch (err) {
      failed = true
      stream.removeEventListener('message', listener)
      opts.onError(frameError(err))
    }
  }
  stream.addEventListener('message', listener)
  return () => {
    failed = true
    stream.removeEventListener('message', listener)
  }
}

/**
 * The errors of @libp2p/utils' decoder, as ours. (`toFrameError` in
 * protocols/frames.ts maps its InvalidMessageLengthError, which this decoder
 * throws for a length over the limit, to MalformedError.)
 */
function frameError (err: unknown): Error {
  const e = err as Error
  if (e?.name === 'InvalidMessageLengthError') return new FrameTooLargeError(e.message)
  // the buffer cap is only passed by a length prefix that never ends
  if (e?.name === 'InvalidParametersError') return new MalformedError(e.message)
  return e
}
