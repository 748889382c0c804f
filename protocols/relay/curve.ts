/**
 * The curve operations of sealing, on Node's built-in crypto (OpenSSL):
 * Ed25519 sign/verify and X25519 key agreement. The same algorithms and
 * bytes as @noble/curves, but native: ~0.1 ms instead of ~1 ms per scalar
 * multiplication on our machines, which made opening a relay backlog of
 * 10 000 envelopes take ~30 s of CPU. The Edwards-to-Montgomery conversion
 * of a recipient's key stays on @noble (no native equivalent) and is cached.
 *
 * @example
 * ```ts
 * const sig = edSign(seed, message)
 * edVerify(sig, message, publicKey) // true
 * ```
 */
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, sign, verify } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import type { KeyObject } from 'node:crypto'

/** DER prefixes that wrap a raw 32-byte key (RFC 8410). */
const ED_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex')
const ED_SPKI = Buffer.from('302a300506032b6570032100', 'hex')
const X_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex')
const X_SPKI = Buffer.from('302a300506032b656e032100', 'hex')

/** Recipients' Montgomery keys kept; a bounded cache, emptied when full. */
const MAX_CACHED = 1024

function der (prefix: Buffer, raw: Uint8Array): Buffer {
  if (raw.length !== 32) throw new RangeError('a curve key has 32 bytes')
  return Buffer.concat([prefix, raw])
}

const signers = new Map<string, KeyObject>()
const montgomery = new Map<string, Uint8Array>()

function cached<V> (cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key)
  if (value == null) {
    if (cache.size >= MAX_CACHED) cache.clear()
    value = make()
    cache.set(key, value)
  }
  return value
}

/** Ed25519 signature of `message` with the key whose 32-byte seed is `seed`. */
export function edSign (seed: Uint8Array, message: Uint8Array): Uint8Array {
  const key = cached(signers, Buffer.from(seed).toString('base64'), () => createPrivateKey({ key: der(ED_PKCS8, seed), format: 'der', type: 'pkcs8' }))
  return new Uint8Array(sign(null, message, key))
}

/** Whether `signature` is a valid Ed25519 signature of `message` by `publicKey`; false for malformed input. */
export function edVerify (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return verify(null, message, createPublicKey({ key: der(ED_SPKI, publicKey), format: 'der', type: 'spki' }), signature)
  } catch {
    return false
  }
}

/** The X25519 public key of an Ed25519 public key (birational map), cached. */
export function edToMontgomery (edPublic: Uint8Array): Uint8Array {
  return cached(montgomery, Buffer.from(edPublic).toString('base64'), () => ed25519.utils.toMontgomery(edPublic))
}

/** A fresh X25519 key pair: the secret as a KeyObject, the public key raw. */
export function x25519Ephemeral (): { secret: KeyObject, publicKey: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519')
  return { secret: privateKey, publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(X_SPKI.length)) }
}

const selves = new Map<string, { secret: KeyObject, publicKey: Uint8Array }>()

/** The X25519 key pair of an Ed25519 identity (from its 32-byte seed), cached. */
export function x25519FromEdSeed (seed: Uint8Array): { secret: KeyObject, publicKey: Uint8Array } {
  return cached(selves, Buffer.from(seed).toString('base64'), () => {
    const secret = createPrivateKey({ key: der(X_PKCS8, ed25519.utils.toMontgomerySecret(seed)), format: 'der', type: 'pkcs8' })
    return { secret, publicKey: new Uint8Array(createPublicKey(secret).export({ format: 'der', type: 'spki' }).subarray(X_SPKI.length)) }
  })
}

/** X25519 shared secret; throws for a low-order public key (an all-zero result). */
export function x25519Shared (secret: KeyObject, publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(diffieHellman({ privateKey: secret, publicKey: createPublicKey({ key: der(X_SPKI, publicKey), format: 'der', type: 'spki' }) }))
}
