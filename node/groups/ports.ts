/**
 * What the group parts need of the rest of the daemon, each a narrow port
 * (as node/delivery/ports.ts), so unit tests drive them with stubs: the chat
 * service (a group item rides the 1:1 chat stream as a Message with `group`
 * and `item` set), the index server's relay (a group item sealed to one
 * member), the directory (who a member is, online or not), receipts owed
 * (the 1:1 receipts_out table) and the way out to local clients.
 *
 * @example
 * ```ts
 * const groups = new Groups({ self, key, selfName, store, chat, relay, people, receipts, emit })
 * ```
 */
import type { AckStatus, Message } from '../../protocols/chat/pb/chat.js'
import type { DepositShared, Envelope } from '../../protocols/relay/pb/relay.js'
import type { DaemonEvent } from '../types.js'
import type { GroupStore } from './store.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

/** The chat service, as far as groups use it. */
export interface GroupChatPort {
  send(peer: PeerId, message: Message, options?: { signal?: AbortSignal }): Promise<AckStatus>
  /** a Typing frame with its group set */
  sendTyping(peer: PeerId, on: boolean, options?: { signal?: AbortSignal }, group?: string): Promise<void>
}

/** The index server's relay, as far as groups use it (see node/delivery/ports.ts RelayPort). */
export interface GroupRelayPort {
  available(): boolean
  deposit(envelope: Envelope, options?: { signal?: AbortSignal }): Promise<void>
  /** one group body for several offline members, stored once at the relay */
  depositShared(shared: DepositShared, options?: { signal?: AbortSignal }): Promise<{ stored: string[], refused: string[] }>
}

/** A person as groups need them. */
export interface GroupPerson {
  peerId: string
  /** the name shown for them (see node/directory/names-shown.ts) */
  name: string
  /** the name the index server registered for them ('' when none): the relay addresses by it */
  registeredName: string
}

/** What groups need of the directory. */
export interface GroupPeoplePort {
  /** a person by shown name or PeerId (not blocked ones) */
  resolve(who: string): GroupPerson | undefined
  byPeer(peerId: string): GroupPerson | undefined
  isOnline(peerId: string): boolean
  /** where the peer was last seen: worth a direct try while the index is down */
  knownAddrs(peerId: string): boolean
  isBlocked(peerId: string): boolean
  /** every user the index server registered (the directory lists them, offline ones too), blocked ones and me left out: the everyone room */
  registered(): GroupPerson[]
  /** whether the index server registered this PeerId (its name is verified) and I did not block it */
  isRegistered(peerId: string): boolean
}

/** Receipts owed to a sender (the 1:1 receipts_out table, paid when a chat channel opens). */
export interface GroupReceiptsPort {
  owe(peerId: string, ids: string[], kind: 'delivered' | 'read'): Promise<void>
  /** pay now if the peer is online */
  payIfOnline(peerId: string): void
}

export interface GroupsDeps {
  self: PeerId
  /** signs records and posts, opens what is relayed to me */
  key: PrivateKey
  selfName: () => string
  store: GroupStore
  chat: GroupChatPort
  relay: GroupRelayPort
  people: GroupPeoplePort
  receipts: GroupReceiptsPort
  emit: (event: DaemonEvent) => void
}
