import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DATAGRAM_HEADER_BYTES, LOGIN_DATAGRAM_BYTES, LOGIN_MAGIC, MAX_DATAGRAM_BYTES, NONCE_BYTES
} from '../../protocols/constants.js'
import { decodeDatagram, encodeDatagram, encodeLogin, logoutSigningBytes, newNonce, RejectReason } from '../../protocols/login/codec.js'

const peerId = Uint8Array.from({ length: 38 }, (_, i) => i)
const login = { name: 'alice', peerId, addrs: [Uint8Array.from([4, 127, 0, 0, 1, 6, 0x1f, 0x90])], agent: 'lanchat/test', padding: new Uint8Array() }

function errorName (fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    return (err as Error).name
  }
  return 'no error'
}

describe('UDP login datagram codec', () => {
  it('round-trips a LOGIN padded to exactly the fixed login size', () => {
    const nonce = newNonce()
    const bytes = encodeLogin(nonce, login)
    expect(bytes.length).toBe(LOGIN_DATAGRAM_BYTES)
    const out = decodeDatagram(bytes)
    expect(out.version).toBe(1)
    expect(out.nonce).toEqual(nonce)
    expect(out.datagram.login?.name).toBe('alice')
    expect(out.datagram.login?.peerId).toEqual(peerId)
    expect(out.datagram.login?.addrs).toEqual(login.addrs)
  })

  it('pads to the fixed size whatever the length of the other fields', () => {
    for (let n = 1; n <= 32; n++) {
      const bytes = encodeLogin(newNonce(), { ...login, name: 'x'.repeat(n), agent: 'a'.repeat(n * 2) })
      expect(bytes.length).toBeGreaterThanOrEqual(LOGIN_DATAGRAM_BYTES)
      expect(bytes.length).toBeLessThanOrEqual(LOGIN_DATAGRAM_BYTES + 1)
    }
  })

  it('round-trips ACCEPT, REJECT and LOGOUT', () => {
    const nonce = newNonce()
    const accept = decodeDatagram(encodeDatagram(nonce, { accept: { indexPeerId: peerId, indexAddrs: [], heartbeatMs: 2000 } }))
    expect(accept.datagram.accept?.heartbeatMs).toBe(2000)
    const reject = decodeDatagram(encodeDatagram(nonce, { reject: { reason: RejectReason.NAME_TAKEN, message: 'taken' } }))
    expect(reject.datagram.reject?.reason).toBe(RejectReason.NAME_TAKEN)
    const logout = decodeDatagram(encodeDatagram(nonce, { logout: { name: 'a', peerId, indexPeerId: peerId, counter: 2 ** 40, signature: new Uint8Array(64) } }))
    expect(logout.datagram.logout?.counter).toBe(2 ** 40)
  })

  it('rejects bad input in a fixed order, each with its own error', () => {
    const good = encodeLogin(newNonce(), login)
    expect(errorName(() => decodeDatagram(new Uint8Array(0)))).toBe('DatagramTooShortError')
    expect(errorName(() => decodeDatagram(good.subarray(0, DATAGRAM_HEADER_BYTES - 1)))).toBe('DatagramTooShortError')
    expect(errorName(() => decodeDatagram(new Uint8Array(MAX_DATAGRAM_BYTES + 1)))).toBe('DatagramTooLargeError')
    const badMagic = good.slice(); badMagic[0] ^= 0xff
    expect(errorName(() => decodeDatagram(badMagic))).toBe('BadMagicError')
    const future = good.slice(); future[LOGIN_MAGIC.length] = 9
    expect(errorName(() => decodeDatagram(future))).toBe('UnsupportedVersionError')
    const truncated = good.subarray(0, 60)
    expect(errorName(() => decodeDatagram(truncated))).toBe('MalformedError')
    const empty = encodeDatagram(newNonce(), {})
    expect(errorName(() => decodeDatagram(empty))).toBe('MalformedError')
    const unpadded = encodeDatagram(newNonce(), { login })
    expect(errorName(() => decodeDatagram(unpadded))).toBe('UnpaddedLoginError')
  })

  it('keeps the nonce of a future-version datagram so the server can answer it', () => {
    const nonce = newNonce()
    const future = encodeLogin(nonce, login, 2)
    try {
      decodeDatagram(future)
      expect.unreachable()
    } catch (err: any) {
      expect(err.name).toBe('UnsupportedVersionError')
      expect(err.version).toBe(2)
      expect(err.nonce).toEqual(nonce)
    }
  })

  it('rejects a LOGIN with too many addresses', () => {
    const addrs = Array.from({ length: 17 }, () => Uint8Array.from([4, 1, 2, 3, 4]))
    const bytes = encodeDatagram(newNonce(), { login: { ...login, addrs, padding: new Uint8Array(900) } })
    expect(errorName(() => decodeDatagram(bytes))).toBe('MalformedError')
  })

  it('signs LOGOUT over a domain-separated encoding that changes with every field', () => {
    const base = { name: 'alice', peerId, indexPeerId: peerId, counter: 1 }
    const a = logoutSigningBytes(base)
    expect(logoutSigningBytes({ ...base, counter: 2 })).not.toEqual(a)
    expect(logoutSigningBytes({ ...base, name: 'bob' })).not.toEqual(a)
    expect(new TextDecoder().decode(a.subarray(0, 17))).toBe('lanchat/logout/v1')
  })

  it('never throws anything but its typed errors on random bytes, truncations and bit flips', () => {
    const typed = new Set(['DatagramTooShortError', 'DatagramTooLargeError', 'BadMagicError', 'UnsupportedVersionError', 'MalformedError', 'UnpaddedLoginError'])
    const good = encodeLogin(newNonce(), login)
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1400 }), (bytes) => {
      const name = errorName(() => decodeDatagram(bytes))
      return name === 'no error' || typed.has(name)
    }), { numRuns: 2000 })
    for (let i = 0; i <= good.length; i += 7) {
      const name = errorName(() => decodeDatagram(good.subarray(0, i)))
      expect(name === 'no error' || typed.has(name)).toBe(true)
    }
    fc.assert(fc.property(fc.integer({ min: DATAGRAM_HEADER_BYTES, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
      const bytes = good.slice(); bytes[at] ^= flip
      const name = errorName(() => decodeDatagram(bytes))
      return name === 'no error' || typed.has(name)
    }), { numRuns: 2000 })
    expect(NONCE_BYTES).toBe(16)
  })
})
