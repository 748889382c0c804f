/**
 * What the delivery parts need of the rest of the daemon, each as a narrow
 * port (as the chat service takes ChatRegistrar / ChatConnectionManager), so
 * they can be driven by stubs in unit tests: the chat service, the index
 * server's relay, the directory, the message store, and the way out to
 * local clients.
 */
import type { AckStatus } from '../../protocols/chat/pb/chat.js'
import type { Ack, Message } from '../../protocols/chat/pb/chat.js'
import type { DepositShared, Envelope, Expired } from '../../protocols/relay/pb/relay.js'
import type { Person } from '../directory/directory.js'
import type { ShownName } from '../directory/names-shown.js'
import type { MessageStore } from '../store/messages.js'
import type { DaemonEvent } from '../types.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

/** What delivery needs of the chat service. */
export interface ChatPort {
  send(peer: PeerId, message: Message, options?: { signal?: AbortSignal }): Promise<AckStatus>
  sendAck(peer: PeerId, ack: Ack): Promise<void>
  sendReceipt(peer: PeerId, ids: string[]): Promise<void>
}

/**
 * The index server's relay, as far as delivery uses it: `available` says
 * whether a session is up (deposits and fetches need one); every call may
 * reject (unreachable, refused).
 */
export interface RelayPort {
  available(): boolean
  deposit(envelope: Envelope, options?: { signal?: AbortSignal }): Promise<void>
  /** one group body for several recipients, stored once (each envelope's payload: its key wrap) */
  depositShared(shared: DepositShared, options?: { signal?: AbortSignal }): Promise<{ stored: string[], refused: string[] }>
  fetch(max: number): Promise<{ envelopes: Envelope[], more: boolean }>
  ack(ids: string[]): Promise<void>
  /** these envelopes failed my checks: drop them and tell their senders */
  refuse(ids: string[]): Promise<void>
  fetchExpired(max: number): Promise<{ expired: Expired[], more: boolean }>
  ackExpired(ids: string[]): Promise<void>
}

/** What delivery needs of the directory: who a PeerId is, and whether they can be reached. */
export interface DirectoryPort {
  byPeer(peerId: string): Person | undefined
  resolve(target: string, opts?: { blocked?: boolean }): Person | undefined
  show(person: Person): ShownName
  isOnline(peerId: string): boolean
  isBlocked(peerId: string): boolean
  pinnedElsewhere(name: string, peerId: string): boolean
  /** a stranger wrote: remember it as a request; undefined when refused (blocked, requests full) */
  learn(peerId: string, name: string): Person | undefined
  /** I wrote to this person: a request becomes a person */
  accept(peerId: string): void
}

export interface DeliveryDeps {
  /** my identity: the sender of what I relay */
  self: PeerId
  /** my identity key: signs what I relay, opens what is relayed to me */
  key: PrivateKey
  selfName: () => string
  messages: MessageStore
  directory: DirectoryPort
  chat: ChatPort
  relay: RelayPort
  emit: (event: DaemonEvent) => void
  /**
   * A relayed envelope whose payload is a group seal (protocols/groups/seal.ts
   * isGroupSeal): the groups take it. `done`: ack it at the relay; `refused`:
   * the relay drops it and tells the depositor; `later`: leave it there.
   * Without it, group seals are refused.
   */
  groupRelayed?: (env: Envelope) => Promise<'done' | 'refused' | 'later'>
}
