/**
 * Every decoder against hostile input (fast-check): random bytes, truncation
 * at every offset, lying lengths, varint overflow, deep nesting, huge repeated
 * fields — each within the size its protocol lets reach the decoder. Each is
 * rejected with a typed error or decodes; none throws anything else, none is
 * slow, and memory stays flat. `npm run fuzz` runs the full counts and holds
 * every decode to 10 ms; `npm test` runs fewer and only catches blow-ups.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChatFrame } from '../../protocols/chat/pb/chat.js'
import { DATAGRAM_HEADER_BYTES, LOGIN_MAGIC, MAX_CHAT_FRAME_BYTES, MAX_DATAGRAM_BYTES, MAX_FILES_FRAME_BYTES, MAX_INDEX_FRAME_BYTES, MAX_PRESENCE_FRAME_BYTES, MAX_RELAY_PAYLOAD_BYTES, MAX_RELAY_REQUEST_BYTES } from '../../protocols/constants.js'
import { IndexFrame } from '../../protocols/directory/pb/directory.js'
import { FilesFrame } from '../../protocols/files/pb/files.js'
import { decodeFrame } from '../../protocols/frames.js'
import { decodeDatagram, encodeLogin, newNonce } from '../../protocols/login/codec.js'
import { Presence } from '../../protocols/presence/pb/presence.js'
import { RelayRequest } from '../../protocols/relay/pb/relay.js'
import { SealedEnvelope } from '../../protocols/relay/pb/seal.js'
import { count, FULL } from './counts.js'
import type { FrameCodec } from '../../protocols/frames.js'

const TYPED = new Set(['MalformedError', 'FrameTooLargeError', 'DatagramTooShortError', 'DatagramTooLargeError', 'BadMagicError', 'UnsupportedVersionError', 'UnpaddedLoginError'])
const RUNS = count(1_000, 10_000)
/** What reaches a decoder from an untrusted peer is capped by its frame limit. */
const frame = (codec: FrameCodec<unknown>) => (b: Uint8Array): unknown => decodeFrame(codec, b)
const decoders: Array<{ name: string, max: number, decode: (b: Uint8Array) => unknown, header?: boolean }> = [
  { name: 'UDP datagram', max: MAX_DATAGRAM_BYTES, decode: (b) => decodeDatagram(b), header: true },
  { name: 'index frame', max: MAX_INDEX_FRAME_BYTES, decode: frame(IndexFrame) },
  { name: 'relay request', max: MAX_RELAY_REQUEST_BYTES, decode: frame(RelayRequest) },
  { name: 'chat frame', max: MAX_CHAT_FRAME_BYTES, decode: frame(ChatFrame) },
  { name: 'presence', max: MAX_PRESENCE_FRAME_BYTES, decode: frame(Presence) },
  { name: 'files frame', max: MAX_FILES_FRAME_BYTES, decode: frame(FilesFrame) },
  { name: 'sealed envelope', max: MAX_RELAY_PAYLOAD_BYTES, decode: frame(SealedEnvelope) }
]

function varint (n: number): number[] {
  const out: number[] = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return out
}

/** `depth` length-delimited fields inside each other around [0x08, 0x01], built in one pass. */
function nested (depth: number): Uint8Array {
  const sizes = [2]
  for (let i = 0; i < depth; i++) sizes.push(1 + varint(sizes[i]).length + sizes[i])
  const out = new Uint8Array(sizes[depth])
  let at = 0
  for (let level = depth; level > 0; level--) {
    out[at++] = (1 << 3) | 2
    for (const b of varint(sizes[level - 1])) out[at++] = b
  }
  out.set([0x08, 0x01], at)
  return out
}

/** `unit` repeated to fill `size` bytes (fast: no per-element arrays). */
function repeat (unit: number[], size: number): Uint8Array {
  const out = new Uint8Array(Math.max(unit.length, size - (size % unit.length)))
  for (let i = 0; i < out.length; i++) out[i] = unit[i % unit.length]
  return out
}

/** Hostile protobuf bodies no larger than `max`. */
function hostile (max: number): fc.Arbitrary<Uint8Array> {
  const size = fc.integer({ min: 1, max })
  const field = fc.integer({ min: 1, max: 15 })
  return fc.oneof(
    fc.uint8Array({ maxLength: Math.min(max, 4096) }),
    // a length-delimited field whose length says more than there is
    fc.tuple(field, fc.integer({ min: 0, max: 2 ** 31 })).map(([f, len]) => Uint8Array.from([(f << 3) | 2, ...varint(len), 1, 2, 3])),
    // a varint that overflows 64 bits
    field.map(f => Uint8Array.from([f << 3, ...new Array(12).fill(0xff), 0x01])),
    // deep nesting: start-group tags, and length-delimited fields inside each other
    size.map(n => new Uint8Array(n).fill((1 << 3) | 3)),
    fc.integer({ min: 10, max: Math.min(5_000, Math.floor(max / 4)) }).map(depth => nested(depth).subarray(0, max)),
    // huge repeated fields (or one field repeated): as many as fit
    fc.tuple(field, size).map(([f, n]) => repeat([(f << 3) | 2, 2, 0x08, 0x01], n)),
    fc.tuple(field, size).map(([f, n]) => repeat([(f << 3) | 0, 0x01], n))
  )
}

function withHeader (body: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(MAX_DATAGRAM_BYTES, DATAGRAM_HEADER_BYTES + body.length))
  out.set(LOGIN_MAGIC, 0)
  out[LOGIN_MAGIC.length] = 1
  out.set(body.subarray(0, out.length - DATAGRAM_HEADER_BYTES), DATAGRAM_HEADER_BYTES)
  return out
}

const slowest = new Map<string, number>()

describe('decoders against hostile input', () => {
  for (const d of decoders) {
    it(`${d.name}: only typed errors (${RUNS} inputs up to ${d.max} bytes)`, () => {
      const arb = d.header === true ? fc.oneof(hostile(d.max), hostile(d.max - DATAGRAM_HEADER_BYTES).map(withHeader)) : hostile(d.max)
      // warm the decoder up first: JIT compilation is not decode time
      fc.assert(fc.property(arb, (bytes) => { try { d.decode(bytes) } catch {} return true }), { numRuns: 200, seed: 1 })
      let worst = 0
      const timed = (bytes: Uint8Array): { ms: number, result: string } => {
        const started = performance.now()
        let result = 'ok'
        try {
          d.decode(bytes)
        } catch (err) {
          result = (err as Error).name
        }
        return { ms: performance.now() - started, result }
      }
      fc.assert(fc.property(arb, (bytes) => {
        let { ms, result } = timed(bytes)
        // a garbage-collection pause can land on any call: an outlier is timed again, and its best counts
        for (let again = 0; again < 3 && ms > 5; again++) ms = Math.min(ms, timed(bytes).ms)
        worst = Math.max(worst, ms)
        return result === 'ok' || TYPED.has(result)
      }), { numRuns: RUNS, seed: 7 })
      slowest.set(d.name, worst)
    })
  }

  it('UDP datagram: truncation at every offset of a valid LOGIN', () => {
    const login = encodeLogin(newNonce(), { name: 'alice', peerId: new Uint8Array(38), addrs: [], agent: 'x', padding: new Uint8Array() })
    for (let i = 0; i <= login.length; i++) {
      let result = 'ok'
      try { decodeDatagram(login.subarray(0, i)) } catch (err) { result = (err as Error).name }
      expect(result === 'ok' || TYPED.has(result)).toBe(true)
    }
  })

  it(`kept every decode ${FULL ? 'under 10 ms' : 'from blowing up'}, and memory flat`, () => {
    const before = process.memoryUsage().heapUsed
    for (const d of decoders) {
      fc.assert(fc.property(hostile(d.max), (bytes) => { try { d.decode(bytes) } catch {} return true }), { numRuns: count(300, 5_000), seed: 11 })
    }
    const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024
    console.log(`slowest decode per decoder (ms): ${[...slowest].map(([n, ms]) => `${n} ${ms.toFixed(2)}`).join(', ')}; heap ${grown.toFixed(1)} MiB after more runs`)
    for (const [name, ms] of slowest) expect([name, ms < (FULL ? 10 : 100)]).toEqual([name, true])
    expect(grown).toBeLessThan(64)
  })
})
