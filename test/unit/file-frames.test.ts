/**
 * The file service's own framing of the hot path (node/services/files/reader.ts):
 * a Data frame written without copying its bytes is, byte for byte, what the
 * protobuf codec writes, so a receiver (of any version) reads it the same; and
 * a transfer stream's one idle deadline fires only once the stream is idle;
 * and a receiver slower than its sender holds a bounded number of bytes.
 */
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { describe, expect, it, vi } from 'vitest'
import { MAX_FILES_FRAME_BYTES } from '../../protocols/constants.js'
import { FilesFrame } from '../../protocols/files/pb/files.js'
import { encodeFrame } from '../../protocols/frames.js'
import { FrameReader, IdleDeadline, dataFrame, writeFramed } from '../../node/services/files/reader.js'
import { RECEIVE_READ_BUFFER_BYTES } from '../../node/services/files/constants.js'
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
      const node = await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] })
      nodes.push(node)
      return node
    }
    try {
      const [sender, receiver] = [await make(), await make()]
      const frames = 160 // 40 MiB in 256 KiB frames: more than two of yamux's 16 MiB windows
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
      // a paused yamux stream grants no more window: it holds at most one window (16 MiB), and stays within the limit
      // (before the fix, a pause made while libp2p resumed was undone: 33 MiB here, and growing with the file)
      expect(largestBuffer).toBeLessThanOrEqual(16 * 1024 * 1024)
      expect(RECEIVE_READ_BUFFER_BYTES).toBeGreaterThanOrEqual(16 * 1024 * 1024 + MAX_FILES_FRAME_BYTES)
    } finally {
      await Promise.all(nodes.map(async (node) => { await node.stop() }))
    }
  }, 90_000)
})
