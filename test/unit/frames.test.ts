/**
 * Every stream protocol's frames: round trips, and malformed, truncated,
 * oversized and over-repeated input rejected with a typed error, fed to the
 * same reader the services use, whole and one byte at a time.
 */
import { streamPair } from '@libp2p/utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChatFrame } from '../../protocols/chat/pb/chat.js'
import { MAX_CHAT_FRAME_BYTES, MAX_INDEX_FRAME_BYTES, MAX_PRESENCE_FRAME_BYTES, MAX_RELAY_FRAME_BYTES, MAX_RELAY_REQUEST_BYTES } from '../../protocols/constants.js'
import { IndexFrame, Status } from '../../protocols/directory/pb/directory.js'
import { decodeFrame, encodeFrame, onFrames, readFrame } from '../../protocols/frames.js'
import { Presence, Status as PresenceStatus } from '../../protocols/presence/pb/presence.js'
import { RelayRequest, RelayResponse } from '../../protocols/relay/pb/relay.js'
import type { FrameCodec } from '../../protocols/frames.js'

const TYPED = new Set(['MalformedError', 'FrameTooLargeError'])
const peer = Uint8Array.from({ length: 38 }, (_, i) => i)

const samples: Array<{ name: string, codec: FrameCodec<any>, max: number, value: any }> = [
  { name: 'index Hello', codec: IndexFrame, max: MAX_INDEX_FRAME_BYTES, value: { hello: { name: 'alice', addrs: [], status: Status.ONLINE, statusText: 'hi', agent: 'x' } } },
  { name: 'index Snapshot', codec: IndexFrame, max: MAX_INDEX_FRAME_BYTES, value: { snapshot: { users: [{ name: 'bob', peerId: peer, addrs: [], status: Status.AWAY, statusText: '', lastSeen: 5 }], last: true, heartbeatMs: 2000 } } },
  { name: 'relay Deposit', codec: RelayRequest, max: MAX_RELAY_REQUEST_BYTES, value: { deposit: { envelope: { id: 'm1', sender: peer, recipient: 'bob', recipientPeerId: peer, depositedAt: 1, payload: new Uint8Array(100) } } } },
  { name: 'relay Batch', codec: RelayResponse, max: MAX_RELAY_FRAME_BYTES, value: { batch: { envelopes: [], more: false } } },
  { name: 'chat Message', codec: ChatFrame, max: MAX_CHAT_FRAME_BYTES, value: { message: { id: 'm1', from: 'a', to: 'b', body: 'hello', sentAt: 1, seq: 1, group: '', item: new Uint8Array() } } },
  { name: 'presence', codec: Presence, max: MAX_PRESENCE_FRAME_BYTES, value: { name: 'alice', status: PresenceStatus.BUSY, statusText: 'x', updatedAt: 3 } }
]

function nameOf (fn: () => unknown): string {
  try {
    fn()
    return 'ok'
  } catch (err) {
    return (err as Error).name
  }
}

/** Feeds bytes to onFrames as `message` events of the given sizes; returns frames read and the error, if any. */
async function feed<T> (codec: FrameCodec<T>, max: number, bytes: Uint8Array, chunk: number): Promise<{ frames: T[], error?: string }> {
  const [a, b] = await streamPair()
  const frames: T[] = []
  let error: string | undefined
  onFrames(b, codec, { maxDataLength: max, onFrame: f => { frames.push(f) }, onError: e => { error = e.name } })
  for (let i = 0; i < bytes.length; i += chunk) b.dispatchEvent(Object.assign(new Event('message'), { data: bytes.subarray(i, i + chunk) }))
  a.abort(new Error('done'))
  return { frames, error }
}

describe('stream frames of every protocol', () => {
  for (const { name, codec, max, value } of samples) {
    it(`${name}: round trip, whole and one byte at a time`, async () => {
      const bytes = encodeFrame(codec, value)
      expect((await feed(codec, max, bytes, bytes.length)).frames).toEqual([codec.decode(codec.encode(value))])
      expect((await feed(codec, max, bytes, 1)).frames).toHaveLength(1)
      const three = new Uint8Array([...bytes, ...bytes, ...bytes])
      expect((await feed(codec, max, three, 7)).frames).toHaveLength(3)
    })

    it(`${name}: truncation at every offset is never a frame, and bit flips only ever give a typed error`, () => {
      const body = codec.encode(value)
      for (let i = 0; i < body.length; i++) {
        const result = nameOf(() => decodeFrame(codec, body.subarray(0, i)))
        expect(result === 'ok' || TYPED.has(result)).toBe(true)
      }
      fc.assert(fc.property(fc.integer({ min: 0, max: body.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bad = body.slice(); bad[at] ^= flip
        const result = nameOf(() => decodeFrame(codec, bad))
        return result === 'ok' || TYPED.has(result)
      }), { numRuns: 300 })
    })

    it(`${name}: random bytes and lying lengths give typed errors only`, async () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const result = nameOf(() => decodeFrame(codec, bytes))
        return result === 'ok' || TYPED.has(result)
      }), { numRuns: 500 })
      // a length prefix one byte over the limit
      const over = new Uint8Array([...varint(max + 1), 0])
      expect((await feed(codec, max, over, over.length)).error).toBe('FrameTooLargeError')
      // a varint that never ends
      const endless = new Uint8Array(12).fill(0xff)
      const endlessError = (await feed(codec, max, endless, 1)).error ?? 'none'
      expect(TYPED.has(endlessError), endlessError).toBe(true)
    })
  }

  it('refuses repeated fields past their limit', () => {
    const users = Array.from({ length: 257 }, () => ({ name: 'x', peerId: peer, addrs: [], status: Status.ONLINE, statusText: '', lastSeen: 0 }))
    expect(nameOf(() => decodeFrame(IndexFrame, IndexFrame.encode({ snapshot: { users, last: true, heartbeatMs: 1 } })))).toBe('MalformedError')
    const addrs = Array.from({ length: 17 }, () => new Uint8Array(4))
    expect(nameOf(() => decodeFrame(IndexFrame, IndexFrame.encode({ hello: { name: 'a', addrs, status: Status.ONLINE, statusText: '', agent: '' } })))).toBe('MalformedError')
    const ids = Array.from({ length: 257 }, (_, i) => String(i))
    expect(nameOf(() => decodeFrame(ChatFrame, ChatFrame.encode({ receipt: { ids } })))).toBe('MalformedError')
  })

  it('rejects an unknown enum value with a typed error', () => {
    // field 4 (status) of Presence = 99
    expect(nameOf(() => decodeFrame(Presence, Uint8Array.from([0x10, 99])))).toBe('MalformedError')
  })

  it('readFrame (request/response) refuses a frame over the limit and a stream that ends early', async () => {
    const [a, b] = await streamPair()
    a.send(Uint8Array.from([...varint(MAX_RELAY_FRAME_BYTES + 1)]))
    await expect(readFrame(b, RelayRequest, MAX_RELAY_FRAME_BYTES)).rejects.toHaveProperty('name', 'FrameTooLargeError')
    const [c, d] = await streamPair()
    c.send(Uint8Array.from([10, 1, 2]))
    await c.close()
    await expect(readFrame(d, RelayRequest, MAX_RELAY_FRAME_BYTES)).rejects.toHaveProperty('name', 'UnexpectedEOFError')
  })
})

function varint (n: number): number[] {
  const out: number[] = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return out
}
