/**
 * The daemon's parts as the groups' ports (node/groups/ports.ts): the
 * directory as GroupPeoplePort, the message store's receipts_out as
 * GroupReceiptsPort, the node's gossipsub as the rooms' transport; and
 * the daemon's Groups built from them, so node/groups knows none of these.
 *
 * @example
 * ```ts
 * const people = groupPeople(directory)
 * people.resolve('bob')   // { peerId, name: 'bob', registeredName: 'bob' }
 * const groups = daemonGroups({ node, key, db, directory, messages, relay, selfName, payReceipts, emit })
 * ```
 */
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { peerIdFromString } from '@libp2p/peer-id'
import { askGroup } from '../groups/exchange.js'
import { Groups } from '../groups/groups.js'
import { GroupStore } from '../groups/store.js'
import { ROOM_DIAL_TIMEOUT_MS } from '../groups/constants.js'
import type { Directory, Person } from '../directory/directory.js'
import type { RoomDeps } from '../groups/room.js'
import type { DaemonNode } from './node.js'
import type { GroupPeoplePort, GroupPerson, GroupReceiptsPort } from '../groups/ports.js'
import type { MessageStore } from '../store/messages.js'
import type { GroupRelayPort } from '../groups/ports.js'
import type { DaemonEvent } from '../types.js'
import type { PrivateKey } from '@libp2p/interface'
import type { DatabaseSync } from 'node:sqlite'

export interface DaemonGroupsInit {
  node: DaemonNode
  key: PrivateKey
  db: DatabaseSync
  directory: Directory
  messages: MessageStore
  relay: GroupRelayPort
  selfName: () => string
  /** pays the 1:1 receipts owed to a peer (the delivery chain does) */
  payReceipts: (peerId: string) => void
  emit: (event: DaemonEvent) => void
  fanoutMax?: number
}

/** The daemon's named groups and rooms, on its node, profile database and directory. */
export function daemonGroups (init: DaemonGroupsInit): Groups {
  const self = init.node.peerId
  return new Groups({
    self,
    key: init.key,
    selfName: init.selfName,
    store: new GroupStore(init.db),
    chat: init.node.services.chat,
    relay: init.relay,
    people: groupPeople(init.directory, self.toString(), init.selfName),
    receipts: groupReceipts(init.messages, init.payReceipts),
    emit: init.emit
  }, roomPorts(init.node), init.fanoutMax)
}

/** `self`: my PeerId (the directory may list me too), shown by my own name. */
export function groupPeople (directory: Directory, self: string, selfName: () => string = () => ''): GroupPeoplePort {
  const person = (p: Person | undefined): GroupPerson | undefined => p == null
    ? undefined
    : { peerId: p.peerId, name: directory.show(p).name, registeredName: p.verified ? p.name : '' }
  return {
    resolve: (who) => person(directory.resolve(who)),
    byPeer: (peerId) => peerId === self ? { peerId: self, name: selfName(), registeredName: selfName() } : person(directory.byPeer(peerId)),
    isOnline: (peerId) => directory.isOnline(peerId),
    knownAddrs: (peerId) => (directory.byPeer(peerId)?.addrs.length ?? 0) > 0,
    isBlocked: (peerId) => directory.isBlocked(peerId),
    registered: () => directory.all().filter(p => p.verified && !p.blocked && p.peerId !== self).map(p => person(p) as GroupPerson),
    isRegistered: (peerId) => {
      const p = directory.byPeer(peerId)
      return p != null && p.verified && !p.blocked
    }
  }
}

export function groupReceipts (messages: MessageStore, payIfOnline: (peerId: string) => void): GroupReceiptsPort {
  return {
    owe: async (peerId, ids, kind) => { await messages.commitOwed(peerId, ids, kind) },
    payIfOnline
  }
}

/** The node's gossipsub and dialer as the rooms' ports (node/groups/room.ts). */
export function roomPorts (node: DaemonNode): Pick<RoomDeps, 'gossip' | 'ask' | 'connect'> {
  const pubsub = node.services.pubsub
  return {
    gossip: {
      publish: async (topic, data) => (await pubsub.publish(topic, data)).recipients.length,
      peers: (topic) => pubsub.getSubscribers(topic).map(String),
      subscribe: (topic, validate) => {
        // each gossiped post goes through its room (stored, checked) before it is handed on
        pubsub.topicValidators.set(topic, (peer, message) => {
          const taken = validate(message.data, peer.toString())
          if (taken === 'refused') return TopicValidatorResult.Reject
          return taken === 'ignored' ? TopicValidatorResult.Ignore : TopicValidatorResult.Accept
        })
        pubsub.subscribe(topic)
      },
      unsubscribe: (topic) => {
        pubsub.unsubscribe(topic)
        pubsub.topicValidators.delete(topic)
      },
      connected: (peerId) => node.getConnections(peerIdFromString(peerId)).length > 0
    },
    ask: async (peer, request) => await askGroup(node, peerIdFromString(peer), request),
    connect: async (peer) => { await node.dial(peerIdFromString(peer), { signal: AbortSignal.timeout(ROOM_DIAL_TIMEOUT_MS) }) }
  }
}
