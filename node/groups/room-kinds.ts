/**
 * The two kinds of gossip room (node/groups/room.ts): the everyone room
 * (members: the users the index server registered; posts on its topic as
 * they are) and a named group above the fan-out limit (members: the record
 * that holds; posts sealed to them, so only current members open them).
 *
 * @example
 * ```ts
 * new GossipRoom(everyoneKind(people, me), deps)
 * new GossipRoom(groupKind(groupId, store, people, key, self), deps)
 * ```
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { EVERYONE_GROUP_ID, EVERYONE_TOPIC } from '../../protocols/constants.js'
import { SignedItem } from '../../protocols/groups/item.js'
import { SealedItem, openSealedItem, sealItem } from '../../protocols/groups/seal.js'
import type { GroupPeoplePort } from './ports.js'
import type { RoomKind } from './room.js'
import type { GroupStore } from './store.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

/** The gossipsub topic of a named group's room. */
export function groupTopic (groupId: string): string {
  return `lanchat/group/${groupId}/1`
}

export function everyoneKind (people: Pick<GroupPeoplePort, 'registered' | 'isRegistered' | 'isOnline'>): RoomKind {
  return {
    groupId: EVERYONE_GROUP_ID,
    topic: EVERYONE_TOPIC,
    isMember: (peerId) => people.isRegistered(peerId),
    onlineMembers: () => people.registered().map(p => p.peerId).filter(p => people.isOnline(p)),
    wrap: (signed) => SignedItem.encode(signed),
    unwrap: (data) => SignedItem.decode(data)
  }
}

export function groupKind (groupId: string, store: GroupStore, people: Pick<GroupPeoplePort, 'isOnline'>, key: PrivateKey, self: PeerId): RoomKind {
  const me = self.toString()
  const members = (): string[] => store.group(groupId)?.members.map(m => m.peerId) ?? []
  return {
    groupId,
    topic: groupTopic(groupId),
    isMember: (peerId) => members().includes(peerId),
    onlineMembers: () => members().filter(p => p !== me && people.isOnline(p)),
    // sealed to the members as the record stands: one removed before cannot open it
    wrap: (signed) => SealedItem.encode(sealItem(signed, members().filter(p => p !== me).map(p => peerIdFromString(p)))),
    unwrap: (data) => openSealedItem(SealedItem.decode(data), key, self)
  }
}
