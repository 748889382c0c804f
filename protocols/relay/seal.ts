/**
 * Sealing relay envelopes end to end (no home-made crypto: the curves on
 * Node's OpenSSL, see curve.ts; XChaCha20-Poly1305 and HKDF from the audited
 * @noble libraries). The sender signs, then encrypts to the recipient; the recipient
 * decrypts and verifies. The index server sees only ciphertext plus routing.
 * A sealed box has no forward secrecy: whoever later steals the recipient's
 * identity key can open envelopes captured before, hence the short relay
 * retention.
 *
 * @example
 * ```ts
 * const payload = seal(content, aliceKey, bobPeerId)
 * const opened = openSealed(payload, bobKey)   // throws a typed error if anything is off
 * ```
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { randomBytes } from '@noble/ciphers/utils.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { MalformedError } from '../errors.js'
import { decodeFrame } from '../frames.js'
import { peerIdFromBytes } from '../shared/peer-ids.js'
import { edSign, edToMontgomery, edVerify, x25519Ephemeral, x25519FromEdSeed, x25519Shared } from './curve.js'
import { SealedContent, SealedEnvelope, SignedContent } from './pb/seal.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export { SealedContent } from './pb/seal.js'

/** Version of the sealed payload format. */
export const SEAL_VERSION = 1
const SIGN_DOMAIN = new TextEncoder().encode('lanchat/relay-content/v1\n')
const KDF_INFO = new TextEncoder().encode('lanchat sealed relay v1')

/** Thrown when a sealed payload cannot be opened: not for me, tampered, or garbage. */
export class SealOpenError extends Error {
  static name = 'SealOpenError'
  name = 'SealOpenError'
}

/** Thrown when the content opens but its signature does not verify with the sender's key. */
export class BadSignatureError extends Error {
  static name = 'BadSignatureError'
  name = 'BadSignatureError'
  constructor (message = 'the signature does not match the sender') { super(message) }
}

/** The 32-byte Ed25519 secret seed of a libp2p Ed25519 private key. */
function edSeed (key: PrivateKey): Uint8Array {
  if (key.type !== 'Ed25519') throw new MalformedError('sealing needs an Ed25519 identity key')
  return key.raw.subarray(0, 32)
}

function edPublic (peer: PeerId): Uint8Array {
  const raw = peer.publicKey?.raw
  if (peer.type !== 'Ed25519' || raw == null) throw new MalformedError('sealing needs an Ed25519 PeerId')
  return raw
}

function concat (...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

function cipherKey (shared: Uint8Array, ephemeral: Uint8Array, recipientX: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concat(ephemeral, recipientX), KDF_INFO, 32)
}

/** Signs `content` with the sender's key and seals it to `recipient`. */
export function seal (content: SealedContent, senderKey: PrivateKey, recipient: PeerId): Uint8Array<ArrayBuffer> {
  const encoded = SealedContent.encode(content)
  const signature = edSign(edSeed(senderKey), concat(SIGN_DOMAIN, encoded))
  const plaintext = SignedContent.encode({ content: encoded, signature: signature as Uint8Array<ArrayBuffer> })
  const recipientX = edToMontgomery(edPublic(recipient))
  const { secret: ephemeralSecret, publicKey: ephemeral } = x25519Ephemeral()
  const key = cipherKey(x25519Shared(ephemeralSecret, recipientX), ephemeral, recipientX)
  const nonce = randomBytes(24)
  const ciphertext = xchacha20poly1305(key, nonce, concat(ephemeral, recipient.toMultihash().bytes)).encrypt(plaintext)
  return SealedEnvelope.encode({ version: SEAL_VERSION, ephemeral: ephemeral as Uint8Array<ArrayBuffer>, nonce: nonce as Uint8Array<ArrayBuffer>, ciphertext: ciphertext as Uint8Array<ArrayBuffer> })
}

/**
 * Opens a payload sealed to `self`, verifies the sender's signature (with
 * the key inside the `from` PeerId) and that `to` is `self`. Throws
 * SealOpenError, BadSignatureError or MalformedError, never anything else.
 */
export function openSealed (payload: Uint8Array, selfKey: PrivateKey, self: PeerId): SealedContent {
  const envelope = decodeFrame<SealedEnvelope>(SealedEnvelope, payload)
  if (envelope.version !== SEAL_VERSION) throw new SealOpenError(`sealed with unknown version ${envelope.version}`)
  if (envelope.ephemeral.length !== 32 || envelope.nonce.length !== 24) throw new SealOpenError('the seal header is malformed')
  let plaintext: Uint8Array
  try {
    const { secret, publicKey: selfX } = x25519FromEdSeed(edSeed(selfKey))
    const key = cipherKey(x25519Shared(secret, envelope.ephemeral), envelope.ephemeral, selfX)
    plaintext = xchacha20poly1305(key, envelope.nonce, concat(envelope.ephemeral, self.toMultihash().bytes)).decrypt(envelope.ciphertext)
  } catch (err) {
    throw new SealOpenError(`cannot open: not sealed to this identity, or tampered (${(err as Error).message})`)
  }
  const signed = decodeFrame<SignedContent>(SignedContent, plaintext)
  const content = decodeFrame<SealedContent>(SealedContent, signed.content)
  const from = peerIdFromBytes(content.from)
  let valid = false
  try {
    valid = edVerify(signed.signature, concat(SIGN_DOMAIN, signed.content), edPublic(from))
  } catch {}
  if (!valid) throw new BadSignatureError()
  if (!equal(content.to, self.toMultihash().bytes)) throw new SealOpenError('the content is addressed to another identity')
  return content
}

function equal (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
