/**
 * The file service's own framing of the hot path (node/services/files/reader.ts):
 * a Data frame written without copying its bytes is, byte for byte, what the
 * protobuf codec writes, so a receiver (of any version) reads it the same; and
 * a transfer stream's one idle deadline fires only once the stream is idle.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { FilesFrame } from '../../protocols/files/pb/files.js'
import { encodeFrame } from '../../protocols/frames.js'
import { IdleDeadline, dataFrame } from '../../node/services/files/reader.js'

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
