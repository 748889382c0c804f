/**
 * Making group records: the first version (genesis) and a change of the
 * record that holds, signed by me. Which change a person may make is the
 * chain rule's (protocols/groups/chain.ts): an admin anything, a member only
 * leaving; these builders refuse early what the rule would ignore.
 *
 * @example
 * ```ts
 * const g = genesisRecord(key, self, 'lunch', [{ peerId: bob, name: 'bob' }])
 * const v2 = changedRecord(openRecord(g), key, self, { add: [{ peerId: carol, name: 'carol' }] })
 * ```
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { EVERYONE_GROUP_NAME, MAX_GROUP_NAME_CHARS } from '../../protocols/constants.js'
import { mayChange } from '../../protocols/groups/chain.js'
import { GroupRecord, ItemKind, groupIdOf, hex, itemHash, newNonce, signItem } from '../../protocols/groups/item.js'
import { peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { NotGroupAdminError } from './errors.js'
import type { OpenedRecord, SignedItem } from '../../protocols/groups/item.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export interface MemberRef { peerId: string, name: string }

export interface RecordChange {
  name?: string
  add?: MemberRef[]
  remove?: string[]
  /** PeerIds made admins (they must be members) */
  admins?: string[]
  /** I leave the group */
  leave?: boolean
}

/** Control and format characters have no place in a group's name. */
const BAD_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/** What is wrong with a group name, in words; undefined when it is fine. */
export function groupNameProblem (name: string): string | undefined {
  const chars = [...name].length
  if (chars < 1 || chars > MAX_GROUP_NAME_CHARS || name.trim() !== name) return `a group name has 1 to ${MAX_GROUP_NAME_CHARS} characters, without spaces at either end`
  if (BAD_NAME.test(name)) return 'a group name cannot hold control or invisible characters'
  if (name.toLowerCase() === EVERYONE_GROUP_NAME) return `"${EVERYONE_GROUP_NAME}" is the room of all registered users; choose another name`
  return undefined
}

const bytesOf = (peerId: string): Uint8Array<ArrayBuffer> => peerIdToBytes(peerIdFromString(peerId))
const idOf = (bytes: Uint8Array): string => hex(bytes)

export function genesisRecord (key: PrivateKey, self: PeerId, selfName: string, name: string, others: MemberRef[]): SignedItem {
  const nonce = newNonce()
  const me = peerIdToBytes(self)
  const seen = new Set([self.toString()])
  const members = [{ peerId: me, name: selfName }]
  for (const m of others) {
    if (seen.has(m.peerId)) continue
    seen.add(m.peerId)
    members.push({ peerId: bytesOf(m.peerId), name: m.name })
  }
  const record: GroupRecord = { id: groupIdOf(me, nonce), name, members, admins: [me], version: 1, prev: new Uint8Array(), signer: me, nonce }
  return signItem(ItemKind.RECORD, GroupRecord.encode(record), key)
}

/** My change of the record that holds; throws NotGroupAdminError when the chain rule would not count it. */
export function changedRecord (current: OpenedRecord, key: PrivateKey, self: PeerId, change: RecordChange): SignedItem {
  const r = current.record
  const me = idOf(peerIdToBytes(self))
  const gone = new Set((change.remove ?? []).map(p => idOf(bytesOf(p))))
  if (change.leave === true) gone.add(me)
  let members = r.members.filter(m => !gone.has(idOf(m.peerId)))
  for (const m of change.add ?? []) {
    const b = bytesOf(m.peerId)
    if (!members.some(x => idOf(x.peerId) === idOf(b))) members = [...members, { peerId: b, name: m.name }]
  }
  const memberIds = new Set(members.map(m => idOf(m.peerId)))
  let admins = r.admins.filter(a => memberIds.has(idOf(a)))
  for (const a of change.admins ?? []) {
    const b = bytesOf(a)
    if (memberIds.has(idOf(b)) && !admins.some(x => idOf(x) === idOf(b))) admins = [...admins, b]
  }
  // the last admin leaves: the member listed first after them takes over (a group always has an admin)
  if (admins.length === 0 && members.length > 0) admins = [members[0].peerId]
  const next: GroupRecord = {
    id: r.id,
    name: change.name ?? r.name,
    members,
    admins,
    version: r.version + 1,
    prev: itemHash(current.signed) as Uint8Array<ArrayBuffer>,
    signer: peerIdToBytes(self),
    nonce: new Uint8Array()
  }
  if (!mayChange(r, next)) throw new NotGroupAdminError(r.name)
  return signItem(ItemKind.RECORD, GroupRecord.encode(next), key)
}
