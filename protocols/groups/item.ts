/**
 * Signed group items: a record (one version of a group) or a post (one
 * message to a group), each signed by its author with the Ed25519 identity
 * key, so any member can hand it on and every receiver can check it.
 *
 * @example
 * ```ts
 * const signed = signItem(ItemKind.POST, GroupPost.encode(post), myKey)
 * const { post, author } = openPost(signed)   // throws GroupItemError if anything is off
 * ```
 */
import { randomBytes } from '@noble/ciphers/utils.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { MAX_CHAT_BODY_BYTES, MAX_GROUP_MEMBERS, MAX_GROUP_NAME_CHARS, MAX_MESSAGE_ID_CHARS } from '../constants.js'
import { decodeFrame } from '../frames.js'
import type { FrameCodec } from '../frames.js'
import { edSign, edVerify } from '../relay/curve.js'
import { peerIdFromBytes } from '../shared/peer-ids.js'
import { GroupPost, GroupRecord, ItemKind, SignedItem } from './pb/groups.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export { GroupPost, GroupRecord, ItemKind, SignedItem } from './pb/groups.js'

const SIGN_DOMAIN = new TextEncoder().encode('lanchat/group-item/v1\n')

/** Thrown when a group item is malformed, badly signed, or breaks a rule of its kind. */
export class GroupItemError extends Error {
  static name = 'GroupItemError'
  name = 'GroupItemError'
}

function signedBytes (kind: ItemKind, item: Uint8Array): Uint8Array {
  const out = new Uint8Array(SIGN_DOMAIN.length + 1 + item.length)
  out.set(SIGN_DOMAIN)
  out[SIGN_DOMAIN.length] = kind === ItemKind.RECORD ? 1 : 2
  out.set(item, SIGN_DOMAIN.length + 1)
  return out
}

function seedOf (key: PrivateKey): Uint8Array {
  if (key.type !== 'Ed25519') throw new GroupItemError('signing needs an Ed25519 identity key')
  return key.raw.subarray(0, 32)
}

export function signItem (kind: ItemKind, item: Uint8Array, key: PrivateKey): SignedItem {
  return { kind, item: item as Uint8Array<ArrayBuffer>, signature: edSign(seedOf(key), signedBytes(kind, item)) as Uint8Array<ArrayBuffer> }
}

/** Decodes an item's bytes; any codec failure is a GroupItemError (one error name for every bad item). */
function decodeItem<T> (codec: FrameCodec<T>, bytes: Uint8Array): T {
  try {
    return decodeFrame<T>(codec, bytes)
  } catch (err) {
    throw new GroupItemError(`the item does not decode (${(err as Error).message})`)
  }
}

function verify (signed: SignedItem, author: PeerId): void {
  const raw = author.publicKey?.raw
  if (raw == null || !edVerify(signed.signature, signedBytes(signed.kind, signed.item), raw)) {
    throw new GroupItemError('the signature does not match its author')
  }
}

/** sha256 of a signed item's bytes: a record's identity in the chain (`prev`). */
export function itemHash (signed: SignedItem): Uint8Array {
  return sha256(SignedItem.encode(signed))
}

export function hex (bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

/** The id of a group created by `creator` with `nonce`: nobody else can make a genesis for it. */
export function groupIdOf (creator: Uint8Array, nonce: Uint8Array): string {
  const both = new Uint8Array(creator.length + nonce.length)
  both.set(creator)
  both.set(nonce, creator.length)
  return hex(sha256(both)).slice(0, 32)
}

export function newNonce (): Uint8Array<ArrayBuffer> {
  return randomBytes(16) as Uint8Array<ArrayBuffer>
}

export interface OpenedRecord {
  record: GroupRecord
  /** the signer's PeerId (string) */
  signer: string
  /** hex of itemHash */
  hash: string
  signed: SignedItem
}

/** Decodes a record, checks its shape and its signer's signature (not yet its authority: see chain.ts). */
export function openRecord (signed: SignedItem): OpenedRecord {
  if (signed.kind !== ItemKind.RECORD) throw new GroupItemError('not a group record')
  const record = decodeItem<GroupRecord>(GroupRecord, signed.item)
  let signer: PeerId
  try {
    signer = peerIdFromBytes(record.signer)
    for (const m of record.members) peerIdFromBytes(m.peerId)
  } catch (err) {
    throw new GroupItemError(`a PeerId in the record is malformed (${(err as Error).message})`)
  }
  if (record.version < 1) throw new GroupItemError('a record version starts at 1')
  if (record.members.length === 0 || record.members.length > MAX_GROUP_MEMBERS) throw new GroupItemError(`a group has 1 to ${MAX_GROUP_MEMBERS} members`)
  const members = new Set(record.members.map(m => hex(m.peerId)))
  if (members.size !== record.members.length) throw new GroupItemError('a member is listed twice')
  const admins = new Set(record.admins.map(hex))
  if (admins.size === 0 || admins.size !== record.admins.length || !record.admins.every(a => members.has(hex(a)))) {
    throw new GroupItemError('a group has at least one admin, each listed once, and every admin is a member')
  }
  const nameChars = [...record.name].length
  if (nameChars < 1 || nameChars > MAX_GROUP_NAME_CHARS) throw new GroupItemError(`a group name has 1 to ${MAX_GROUP_NAME_CHARS} characters`)
  if (record.version === 1) {
    if (record.prev.length !== 0 || record.nonce.length !== 16 || groupIdOf(record.signer, record.nonce) !== record.id) {
      throw new GroupItemError('the first version of a group must carry the id its creator made')
    }
    if (!admins.has(hex(record.signer))) throw new GroupItemError('the creator of a group is its first admin')
  } else if (record.prev.length !== 32) {
    throw new GroupItemError('a changed record names the record it changes')
  }
  verify(signed, signer)
  return { record, signer: signer.toString(), hash: hex(itemHash(signed)), signed }
}

export interface OpenedPost {
  post: GroupPost
  /** the sender's PeerId (string) */
  sender: string
  signed: SignedItem
}

/** Decodes a post, checks its fields and its sender's signature (membership is the receiver's check). */
export function openPost (signed: SignedItem): OpenedPost {
  if (signed.kind !== ItemKind.POST) throw new GroupItemError('not a group post')
  const post = decodeItem<GroupPost>(GroupPost, signed.item)
  let sender: PeerId
  try {
    sender = peerIdFromBytes(post.from)
  } catch (err) {
    throw new GroupItemError(`the sender is malformed (${(err as Error).message})`)
  }
  const idChars = [...post.id].length
  if (idChars < 1 || idChars > MAX_MESSAGE_ID_CHARS) throw new GroupItemError(`a message id has 1 to ${MAX_MESSAGE_ID_CHARS} characters`)
  if (post.seq < 1) throw new GroupItemError('a post sequence starts at 1')
  if (Buffer.byteLength(post.body) > MAX_CHAT_BODY_BYTES) throw new GroupItemError('the body is too large')
  if (post.group === '' || post.group.length > 64) throw new GroupItemError('a post names its group')
  verify(signed, sender)
  return { post, sender: sender.toString(), signed }
}
