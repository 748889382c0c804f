/**
 * Sealed relay envelopes: only the recipient opens them, any change is
 * detected, and the signature ties the content to the sender's identity.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SealedEnvelope } from '../../protocols/relay/pb/seal.js'
import { openSealed, seal } from '../../protocols/relay/seal.js'
import type { SealedContent } from '../../protocols/relay/seal.js'

const alice = await generateKeyPair('Ed25519')
const bob = await generateKeyPair('Ed25519')
const carol = await generateKeyPair('Ed25519')
const id = (k: typeof alice): ReturnType<typeof peerIdFromPrivateKey> => peerIdFromPrivateKey(k)

function content (over: Partial<SealedContent> = {}): SealedContent {
  return { id: 'm1', seq: 7, from: id(alice).toMultihash().bytes as Uint8Array<ArrayBuffer>, to: id(bob).toMultihash().bytes as Uint8Array<ArrayBuffer>, sentAt: 1234, body: 'secret marker 42', fromName: 'alice', toName: 'bob', group: '', ...over }
}

function failure (fn: () => unknown): string {
  try {
    fn()
    return 'opened'
  } catch (err) {
    return (err as Error).name
  }
}

describe('sealed relay envelopes', () => {
  it('opens for the recipient, with every field intact, and hides the body', () => {
    const payload = seal(content(), alice, id(bob))
    expect(Buffer.from(payload).includes('secret marker 42')).toBe(false)
    expect(openSealed(payload, bob, id(bob))).toEqual(content())
  })

  it('cannot be opened by anyone else (a re-addressed envelope)', () => {
    const payload = seal(content(), alice, id(bob))
    expect(failure(() => openSealed(payload, carol, id(carol)))).toBe('SealOpenError')
  })

  it('a changed byte either fails with a typed error or (protobuf framing only) yields exactly the original', () => {
    const payload = seal(content(), alice, id(bob))
    fc.assert(fc.property(fc.integer({ min: 0, max: payload.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
      const bad = payload.slice(); bad[at] ^= flip
      try {
        return JSON.stringify(openSealed(bad, bob, id(bob))) === JSON.stringify(content())
      } catch (err) {
        return ['SealOpenError', 'MalformedError'].includes((err as Error).name)
      }
    }), { numRuns: 500 })
  })

  it('detects any change to the ephemeral key, nonce or ciphertext', () => {
    const sealed = SealedEnvelope.decode(seal(content(), alice, id(bob)))
    for (const field of ['ephemeral', 'nonce', 'ciphertext'] as const) {
      for (let at = 0; at < sealed[field].length; at += 3) {
        const changed = sealed[field].slice(); changed[at] ^= 0x01
        const bad = SealedEnvelope.encode({ ...sealed, [field]: changed })
        expect(failure(() => openSealed(bad, bob, id(bob)))).toBe('SealOpenError')
      }
    }
  })

  it('rejects content signed by someone other than its "from"', () => {
    // carol signs a message that claims to come from alice
    const forged = seal(content(), carol, id(bob))
    expect(failure(() => openSealed(forged, bob, id(bob)))).toBe('BadSignatureError')
  })

  it('rejects content addressed to another identity, even when sealed to me', () => {
    const misaddressed = seal(content({ to: id(carol).toMultihash().bytes as Uint8Array<ArrayBuffer> }), alice, id(bob))
    expect(failure(() => openSealed(misaddressed, bob, id(bob)))).toBe('SealOpenError')
  })

  it('gives typed errors on garbage and on an unknown version', () => {
    expect(failure(() => openSealed(new Uint8Array([1, 2, 3]), bob, id(bob)))).toBe('MalformedError')
    const future = SealedEnvelope.encode({ ...SealedEnvelope.decode(seal(content(), alice, id(bob))), version: 2 })
    expect(failure(() => openSealed(future, bob, id(bob)))).toBe('SealOpenError')
  })
})
