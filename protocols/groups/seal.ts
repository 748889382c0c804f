/**
 * A group item sealed once for many recipients (named groups): the signed
 * item is encrypted once under a fresh item key, and the item key is wrapped
 * for each recipient with X25519 from one ephemeral key (the recipient's
 * X25519 key is the Montgomery form of its Ed25519 identity key, as in the
 * 1:1 seal). The relay stores the body once and one 48-byte wrap per
 * recipient; a former member, whose key gets no wrap, cannot open it.
 *
 * @example
 * ```ts
 * const sealed = sealItem(signed, members)         // SealedItem with a wrap per member
 * const item = openSealedItem(sealed, myKey, me)   // SignedItem, or throws GroupSealError
 * ```
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { randomBytes } from '@noble/ciphers/utils.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { GROUP_SEAL_VERSION } from '../constants.js'
import { decodeFrame } from '../frames.js'
import { edToMontgomery, x25519Ephemeral, x25519FromEdSeed, x25519Shared } from '../relay/curve.js'
import { SealedItem, SignedItem, Wrap } from './pb/groups.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export { SealedItem, Wrap } from './pb/groups.js'

const KDF_INFO = new TextEncoder().encode('lanchat group wrap v1')

/** Thrown when a sealed group item cannot be opened: no wrap for me, tampered, or garbage. */
export class GroupSealError extends Error {
  static name = 'GroupSealError'
  name = 'GroupSealError'
}

/** The 8-byte tag that says whom a wrap is for. */
export function recipientTag (peer: PeerId): Uint8Array<ArrayBuffer> {
  return sha256(peer.toMultihash().bytes).subarray(0, 8) as Uint8Array<ArrayBuffer>
}

function concat (...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

function wrapNonce (nonce: Uint8Array): Uint8Array {
  const n = Uint8Array.from(nonce)
  n[n.length - 1] ^= 1
  return n
}

function wrapKey (shared: Uint8Array, ephemeral: Uint8Array, recipientX: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concat(ephemeral, recipientX), KDF_INFO, 32)
}

/** Encrypts `item` once and wraps its key for each recipient. */
export function sealItem (item: SignedItem, recipients: PeerId[]): SealedItem {
  const key = randomBytes(32)
  const nonce = randomBytes(24)
  const { secret, publicKey: ephemeral } = x25519Ephemeral()
  const ciphertext = xchacha20poly1305(key, nonce, ephemeral).encrypt(SignedItem.encode(item))
  const wraps: Wrap[] = recipients.map(peer => {
    const raw = peer.publicKey?.raw
    if (raw == null) throw new GroupSealError('a recipient has no Ed25519 key')
    const recipientX = edToMontgomery(raw)
    const tag = recipientTag(peer)
    const k = wrapKey(x25519Shared(secret, recipientX), ephemeral, recipientX)
    return { recipient: tag, sealed: xchacha20poly1305(k, wrapNonce(nonce), tag).encrypt(key) as Uint8Array<ArrayBuffer> }
  })
  return {
    version: GROUP_SEAL_VERSION,
    ephemeral: ephemeral as Uint8Array<ArrayBuffer>,
    nonce: nonce as Uint8Array<ArrayBuffer>,
    ciphertext: ciphertext as Uint8Array<ArrayBuffer>,
    wraps
  }
}

/** Opens a sealed item with my key (the wrap for me among `sealed.wraps`). */
export function openSealedItem (sealed: SealedItem, selfKey: PrivateKey, self: PeerId): SignedItem {
  if (sealed.version !== GROUP_SEAL_VERSION) throw new GroupSealError(`sealed with unknown version ${sealed.version}`)
  if (sealed.ephemeral.length !== 32 || sealed.nonce.length !== 24) throw new GroupSealError('the seal header is malformed')
  if (selfKey.type !== 'Ed25519') throw new GroupSealError('opening needs an Ed25519 identity key')
  const tag = recipientTag(self)
  const mine = sealed.wraps.filter(w => w.recipient.length === 8 && w.recipient.every((b, i) => b === tag[i]))
  if (mine.length === 0) throw new GroupSealError('it is not sealed for this identity')
  const { secret, publicKey: selfX } = x25519FromEdSeed(selfKey.raw.subarray(0, 32))
  let plaintext: Uint8Array | undefined
  try {
    const k = wrapKey(x25519Shared(secret, sealed.ephemeral), sealed.ephemeral, selfX)
    for (const wrap of mine) {
      try {
        const key = xchacha20poly1305(k, wrapNonce(sealed.nonce), tag).decrypt(wrap.sealed)
        plaintext = xchacha20poly1305(key, sealed.nonce, sealed.ephemeral).decrypt(sealed.ciphertext)
        break
      } catch {}
    }
  } catch (err) {
    throw new GroupSealError(`cannot open: ${(err as Error).message}`)
  }
  if (plaintext == null) throw new GroupSealError('cannot open: not sealed to this identity, or tampered')
  return decodeFrame<SignedItem>(SignedItem, plaintext)
}

/**
 * Whether a relayed payload is a group seal rather than a 1:1 envelope: both
 * start with their version (field 1), and GROUP_SEAL_VERSION differs from
 * the 1:1 SEAL_VERSION. Malformed bytes are not a group seal.
 */
export function isGroupSeal (payload: Uint8Array): boolean {
  try {
    return SealedItem.decode(payload).version === GROUP_SEAL_VERSION
  } catch {
    return false
  }
}

/** The body the relay stores once: the sealed item without its wraps. */
export function sealedBody (sealed: SealedItem): Uint8Array {
  return SealedItem.encode({ ...sealed, wraps: [] })
}

/** One recipient's view of a relayed group item: the stored body with its own wrap. */
export function withWrap (body: Uint8Array, wrap: Uint8Array): SealedItem {
  const sealed = decodeFrame<SealedItem>(SealedItem, body)
  return { ...sealed, wraps: [decodeFrame<Wrap>(Wrap, wrap)] }
}
