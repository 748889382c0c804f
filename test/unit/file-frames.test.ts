/**
 * The file service's own framing of the hot path (node/services/files/reader.ts):
 * a Data frame written without copying its bytes is, byte for byte, what the
 * protobuf codec writes, so a receiver (of any version) reads it the same; and
 * a receiver reads a Data frame in place exactly as the codec would; a
 * transfer stream's one idle deadline fires only once the stream is idle;
 * and a receiver slower than its sender holds a bounded number of bytes.
 */
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import fc from 'fast-check'
import { Uint8ArrayList } from 'uint8arraylist'
import { describe, expect, it, vi } from 'vitest'
import { MAX_FILES_FRAME_BYTES } from '../../protocols/constants.js'
import { FilesFrame } from '../../protocols/files/pb/files.js'
import { encodeFrame } from '../../protocols/frames.js'
import { FrameReader, IdleDeadline, dataFrame, dataFrameIn, writeFramed } from '../../node/services/files/reader.js'
import { RECEIVE_READ_BUFFER_BYTES } from '../../node/services/files/constants.js'
import { MAX_STREAM_WINDOW_BYTES } from '../../node/daemon/options.js'
import type { Libp2p } from '@libp2p/interface'

describe('a Data frame written without a copy', () => {
  const cases: Array<[string, number, number, number]> = [
    ['the first bytes of the first file (index and offset left out as zero)', 0, 0, 1],
    ['a whole frame of a later file', 3, 0, 256 * 1024],
    ['a frame in the middle of a big file', 0, 1024 * 1024 * 7, 256 * 1024],
    ['the tail of a file past 4 GiB, with a large index', 9_999, 5 * 2 ** 30 + 12_345, 1000],
    ['an offset near the largest safe integer', 2 ** 32 - 1, Number.MAX_SAFE_INTEGER - 10, 10]
  ]
  for (const [what, index, offset, size] of cases) {
    it(`is what the codec writes: ${what}`, () => {
      const bytes = randomBytes(size)
      const framed = dataFrame(index, offset, bytes)
      expect(Buffer.from(framed.subarray())).toEqual(Buffer.from(encodeFrame(FilesFrame, { data: { index, offset, bytes } })))
      // and the bytes themselves are not copied: the frame's last piece is the very buffer given
      expect([...framed].at(-1)).toBe(bytes)
    })
  }
})

/** A frame body cut into pieces at `cuts` (as it may arrive: several muxer frames). */
function inPieces (body: Uint8Array, cuts: number[]): Uint8ArrayList {
  const at = [...new Set(cuts.map(c => c % (body.byteLength + 1)))].sort((a, b) => a - b)
  const list = new Uint8ArrayList()
  let from = 0
  for (const to of [...at, body.byteLength]) {
    if (to > from) list.append(body.subarray(from, to))
    from = Math.max(from, to)
  }
  return list
}

/** What the codec reads from a frame body, with a Data frame's bytes as one buffer; undefined if it refuses it. */
function codecRead (body: Uint8Array): unknown {
  try {
    return FilesFrame.decode(body)
  } catch {
    return undefined
  }
}

function flat (frame: ReturnType<typeof dataFrameIn>): unknown {
  if (frame?.data == null) return frame
  return { ...frame, data: { ...frame.data, bytes: frame.data.bytes instanceof Uint8Array ? frame.data.bytes : frame.data.bytes.subarray() } }
}

describe('a Data frame read in place (the receiver\'s fast path)', () => {
  it('reads what the codec reads from any Data frame dataFrame writes, however it is cut, keeping the pieces', () => {
    fc.assert(fc.property(
      fc.nat({ max: 2 ** 32 - 1 }), fc.maxSafeNat(), fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.array(fc.nat(), { maxLength: 6 }),
      (index, offset, bytes, cuts) => {
        const body = FilesFrame.encode({ data: { index, offset, bytes } })
        const read = dataFrameIn(inPieces(body, cuts))
        expect(read).toBeDefined()
        expect(flat(read)).toEqual(codecRead(body))
      }), { numRuns: 300 })
  })

  it('leaves any other frame to the codec: for arbitrary or damaged bytes it reads nothing or exactly what the codec reads', () => {
    const damaged = fc.tuple(fc.nat({ max: 1000 }), fc.maxSafeNat(), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([index, offset, bytes, at, value]) => {
        const body = FilesFrame.encode({ data: { index, offset, bytes } })
        body[at % body.byteLength] = value
        return body
      })
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), damaged), fc.array(fc.nat(), { maxLength: 4 }), (body, cuts) => {
      const read = dataFrameIn(inPieces(body, cuts))
      if (read !== undefined) expect(flat(read)).toEqual(codecRead(body))
    }), { numRuns: 2000 })
  })

  it('is not used for layouts dataFrame never writes that the codec still reads (a zero index written out, a padded varint)', () => {
    const zeroIndex = Uint8Array.from([0x42, 0x05, 0x08, 0x00, 0x1a, 0x01, 0x07])
    const paddedIndex = Uint8Array.from([0x42, 0x06, 0x08, 0x81, 0x00, 0x1a, 0x01, 0x07])
    expect(dataFrameIn(new Uint8ArrayList(zeroIndex))).toBeUndefined()
    expect(codecRead(zeroIndex)).toMatchObject({ data: { index: 0, bytes: Uint8Array.from([7]) } })
    expect(dataFrameIn(new Uint8ArrayList(paddedIndex))).toBeUndefined()
    expect(codecRead(paddedIndex)).toMatchObject({ data: { index: 1, bytes: Uint8Array.from([7]) } })
  })
})

describe('a transfer stream\'s idle deadline', () => {
  it('fires with a TimeoutError once nothing refreshed it for its time, and not while it is refreshed', () => {
    vi.useFakeTimers()
    try {
      const deadline = new IdleDeadline(200, new AbortController().signal)
      const signal = deadline.refresh()
      // refreshed every 150 ms for 600 ms: three times its time, still not fired
      for (let i = 0; i < 4; i++) {
        vi.advanceTimersByTime(150)
        expect(deadline.refresh().aborted).toBe(false)
      }
      vi.advanceTimersByTime(199)
      expect(signal.aborted).toBe(false)
      vi.advanceTimersByTime(1)
      expect(signal.aborted).toBe(true)
      expect((signal.reason as Error).name).toBe('TimeoutError')
      // passed while nobody waited (a slow disk write between two frames): the next wait gets its whole time again
      const again = deadline.refresh()
      expect(again.aborted).toBe(false)
      vi.advanceTimersByTime(199)
      expect(again.aborted).toBe(false)
      vi.advanceTimersByTime(1)
      expect(again.aborted).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('fires at once when the service stops', () => {
    const stopped = new AbortController()
    const deadline = new IdleDeadline(60_000, stopped.signal)
    stopped.abort(new Error('stopping'))
    expect(deadline.refresh().aborted).toBe(true)
    deadline.clear()
  })
})

describe('a receiver slower than its sender', () => {
  it('pauses and resumes the stream without its read buffer ever passing the limit: every byte arrives, nothing is reset', async () => {
    const nodes: Libp2p[] = []
    const make = async (): Promise<Libp2p> => {
      const node = await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux({ streamOptions: { maxStreamWindowSize: MAX_STREAM_WINDOW_BYTES } })] })
      nodes.push(node)
      return node
    }
    try {
      const [sender, receiver] = [await make(), await make()]
      const frames = 160 // 40 MiB in 256 KiB frames: many windows
      const frameBytes = 256 * 1024
      const chunk = randomBytes(frameBytes)
      await sender.handle('/lanchat-test/bulk/1', async (stream) => {
        const signal = AbortSignal.timeout(60_000)
        for (let i = 0; i < frames; i++) await writeFramed(stream, dataFrame(0, i * frameBytes, chunk), signal)
        await stream.close({ signal })
      })
      const stream = await receiver.dialProtocol(sender.getMultiaddrs()[0], '/lanchat-test/bulk/1')
      stream.maxReadBufferLength = RECEIVE_READ_BUFFER_BYTES
      const reader = new FrameReader(stream, { maxFrameBytes: MAX_FILES_FRAME_BYTES, highWaterBytes: 1024 * 1024, lowWaterBytes: 256 * 1024 })
      let got = 0
      let pauses = 0
      const pause = stream.pause.bind(stream)
      stream.pause = () => { if (stream.readStatus === 'readable') pauses++; pause() }
      let largestBuffer = 0
      stream.addEventListener('message', () => { largestBuffer = Math.max(largestBuffer, stream.readBufferLength) })
      const deadline = AbortSignal.timeout(60_000)
      for (;;) {
        const frame = await reader.next(deadline)
        if (frame == null) break
        got += frame.data?.bytes.byteLength ?? 0
        largestBuffer = Math.max(largestBuffer, stream.readBufferLength)
        await sleep(3) // a disk slower than the wire
      }
      expect(got).toBe(frames * frameBytes)
      expect(pauses).toBeGreaterThan(0)
      // a paused yamux stream grants no more window: it holds at most one window (the daemon's), within the limit
      // (before the fix, a pause made while libp2p resumed was undone: 33 MiB with 16 MiB windows, growing with the file)
      expect(largestBuffer).toBeLessThanOrEqual(MAX_STREAM_WINDOW_BYTES)
      expect(RECEIVE_READ_BUFFER_BYTES).toBeGreaterThanOrEqual(MAX_STREAM_WINDOW_BYTES + MAX_FILES_FRAME_BYTES)
    } finally {
      await Promise.all(nodes.map(async (node) => { await node.stop() }))
    }
  }, 90_000)
})
