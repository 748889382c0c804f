/**
 * A room over gossipsub: the everyone room, and each named group above
 * GROUP_FANOUT_MAX_MEMBERS. A post is published once on the room's topic
 * and travels over the members' existing connections (as it is for the
 * everyone room, or sealed to the group's current members for a named
 * group: a removed member cannot open what is sent after). Every member
 * keeps, per sender, the highest seq it holds with nothing missing below
 * (heads). A post whose seq skips ahead makes it ask the peer that handed it
 * on for the gap; every ROOM_SYNC_MS it compares heads with one peer of the
 * room and asks for what it lacks (a post missed while connected is
 * repaired from any member that has it). A daemon with fewer than
 * ROOM_MIN_PEERS peers in a room dials a few online members: the room's
 * connections stay a sparse graph, never a full mesh.
 *
 * @example
 * ```ts
 * const room = new GossipRoom(everyoneKind(people), { self, store, ledger, gossip, ask, connect })
 * room.start()
 * await room.publish(signedPostBytes)
 * ```
 */
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { GROUP_BATCH_ITEMS } from '../../protocols/constants.js'
import { SignedItem, openPost } from '../../protocols/groups/item.js'
import { peerIdFromBytes, peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { dropped } from '../../runtime/failpoint.js'
import { ROOM_MIN_PEERS, ROOM_REPAIR_PER_ROUND, ROOM_SYNC_MS } from './constants.js'
import type { GroupRequest, GroupResponse, Head } from '../../protocols/groups/pb/groups.js'
import type { GroupLedger, Taken } from './ledger.js'
import type { GroupStore } from './store.js'
import type { PeerId } from '@libp2p/interface'

const log = logger('lanchat:groups:room')

/** The rooms' transport: gossipsub, as far as the rooms use it. */
export interface RoomGossipPort {
  /** publishes on a topic; resolves with how many peers it was sent to */
  publish(topic: string, data: Uint8Array): Promise<number>
  /** PeerIds of the topic's peers I am connected to */
  peers(topic: string): string[]
  /** subscribes; `validate` takes each message before it is handed on */
  subscribe(topic: string, validate: (data: Uint8Array, from: string) => Taken): void
  unsubscribe(topic: string): void
  /** whether I hold a connection to the peer */
  connected(peerId: string): boolean
}

/** What makes one room: its group, topic and members, and how a post is put on its topic. */
export interface RoomKind {
  groupId: string
  topic: string
  /** may this peer post here, and be answered heads and repairs? */
  isMember(peerId: string): boolean
  /** online members (not me), to dial when I am short of room peers */
  onlineMembers(): string[]
  /** a signed post as the topic carries it (the everyone room: as it is; a named group: sealed to its members) */
  wrap(signed: SignedItem): Uint8Array
  /** the signed post a topic message carries; throws when it cannot be opened */
  unwrap(data: Uint8Array): SignedItem
}

export interface RoomDeps {
  self: PeerId
  store: GroupStore
  ledger: GroupLedger
  gossip: RoomGossipPort
  /** one exchange of the group protocol with a peer */
  ask: (peer: string, request: GroupRequest) => Promise<GroupResponse>
  /** dials a peer (joining the room's graph) */
  connect: (peer: string) => Promise<void>
}

export class GossipRoom {
  readonly kind: RoomKind
  private readonly d: RoomDeps
  private heads?: Map<string, number>
  private timer?: NodeJS.Timeout
  private syncing = false

  constructor (kind: RoomKind, deps: RoomDeps) {
    this.kind = kind
    this.d = deps
  }

  /** Subscribes to the room's topic and starts comparing heads. */
  start (): void {
    this.d.gossip.subscribe(this.kind.topic, (data, from) => this.onGossip(data, from))
    this.timer = setInterval(() => { void this.tick() }, ROOM_SYNC_MS)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
    this.d.gossip.unsubscribe(this.kind.topic)
  }

  async publish (signed: SignedItem): Promise<number> {
    const { post, sender } = openPost(signed)
    this.note(sender, post.seq)
    try {
      return await this.d.gossip.publish(this.kind.topic, this.kind.wrap(signed))
    } catch (err) {
      log('publish on %s failed: %e', this.kind.topic, err)
      return 0
    }
  }

  /** A post gossiped to me (the topic validator): take it; a gap makes me ask the peer it came from. */
  onGossip (data: Uint8Array, from: string): Taken {
    if (dropped('group-gossip')) return 'ignored'
    let signed: SignedItem
    let opened
    try {
      signed = this.kind.unwrap(data)
      opened = openPost(signed)
    } catch {
      return 'refused'
    }
    // a sender I do not know as a member (yet: the directory or the record may lag): not forwarded, not held against the peer
    if (opened.post.group !== this.kind.groupId) return 'refused'
    if (!this.kind.isMember(opened.sender)) return 'ignored'
    const taken = this.d.ledger.takePost(signed)
    if (taken === 'stored') {
      const head = this.note(opened.sender, opened.post.seq)
      if (opened.post.seq > head + 1) void this.repair(from, opened.sender, head + 1, opened.post.seq - 1)
    }
    return taken
  }

  /** What I answer a member of the room: my heads, or the posts it lacks. */
  answer (request: GroupRequest, from: string): GroupResponse | undefined {
    if (!this.kind.isMember(from)) return undefined
    if (request.heads != null) return { heads: { group: this.kind.groupId, heads: this.headList() } }
    if (request.want != null) {
      const sender = safePeer(request.want.sender)
      if (sender == null) return { items: { items: [] } }
      const to = Math.min(request.want.toSeq, request.want.fromSeq + GROUP_BATCH_ITEMS - 1)
      const items = this.d.store.range(this.kind.groupId, sender, request.want.fromSeq, to, GROUP_BATCH_ITEMS).map(b => SignedItem.decode(b))
      return { items: { items } }
    }
    return undefined
  }

  /** One round: join the room's graph if I am short of peers, then compare heads with one peer. */
  async tick (): Promise<void> {
    await this.join()
    await this.sync()
  }

  /** Compares heads with one peer of the room and asks for whatever it has that I lack. */
  async sync (peer?: string): Promise<void> {
    if (this.syncing) return
    const peers = this.d.gossip.peers(this.kind.topic).filter(p => this.kind.isMember(p))
    const with_ = peer ?? peers[Math.floor(Math.random() * peers.length)]
    if (with_ == null) return
    this.syncing = true
    try {
      const answer = await this.d.ask(with_, { heads: { group: this.kind.groupId, heads: this.headList() } })
      const mine = this.headMap()
      for (const h of answer.heads?.heads ?? []) {
        const sender = safePeer(h.sender)
        const have = sender == null ? undefined : (mine.get(sender) ?? 0)
        if (sender != null && have != null && h.seq > have) await this.repair(with_, sender, have + 1, h.seq)
      }
    } catch (err) {
      log('heads with %s failed: %e', with_, err)
    } finally {
      this.syncing = false
    }
  }

  /**
   * Asks `peer` for a sender's posts from..to and takes them, in order, at
   * most ROOM_REPAIR_PER_ROUND of them (the rest next round). Every page
   * must move on: a post the peer sends that I cannot take (refused,
   * waiting for its record) is not asked for again this round.
   */
  private async repair (peer: string, sender: string, from: number, to: number): Promise<void> {
    const until = Math.min(to, from + ROOM_REPAIR_PER_ROUND - 1)
    for (let at = from; at <= until;) {
      let answer: GroupResponse
      try {
        answer = await this.d.ask(peer, { want: { group: this.kind.groupId, sender: peerIdToBytes(peerIdFromString(sender)), fromSeq: at, toSeq: until } })
      } catch (err) {
        log('repair from %s failed: %e', peer, err)
        return
      }
      const items = answer.items?.items ?? []
      const before = at
      for (const item of items.slice(0, GROUP_BATCH_ITEMS)) {
        let opened
        try {
          opened = openPost(item)
        } catch {
          continue
        }
        if (opened.post.group !== this.kind.groupId || opened.sender !== sender || opened.post.seq < at || opened.post.seq > until) continue
        const taken = this.d.ledger.takePost(item)
        if (taken === 'stored' || taken === 'duplicate') this.note(sender, opened.post.seq)
        at = opened.post.seq + 1
      }
      if (items.length < GROUP_BATCH_ITEMS || at === before) return
    }
  }

  /** Dials online members until I have ROOM_MIN_PEERS peers in the room (a few, at random). */
  private async join (): Promise<void> {
    const have = this.d.gossip.peers(this.kind.topic).length
    if (have >= ROOM_MIN_PEERS) return
    const candidates = this.kind.onlineMembers().filter(p => !this.d.gossip.connected(p))
    for (let i = 0; i < ROOM_MIN_PEERS - have && candidates.length > 0; i++) {
      const [pick] = candidates.splice(Math.floor(Math.random() * candidates.length), 1)
      await this.d.connect(pick).catch(err => { log('joining %s via %s failed: %e', this.kind.topic, pick, err) })
    }
  }

  private headMap (): Map<string, number> {
    this.heads ??= this.d.store.heads(this.kind.groupId)
    return this.heads
  }

  private headList (): Head[] {
    return [...this.headMap()].map(([sender, seq]) => ({ sender: peerIdToBytes(peerIdFromString(sender)), seq }))
  }

  /** A post of `sender` with `seq` is held (by whatever path it came: gossip, repair, relay): moves its head past every post held in a row; returns the head. */
  note (sender: string, seq: number): number {
    const heads = this.headMap()
    let at = heads.get(sender) ?? 0
    if (seq === at + 1) {
      at = seq
      while (this.d.store.range(this.kind.groupId, sender, at + 1, at + 1, 1).length === 1) at++
    }
    heads.set(sender, at)
    return at
  }
}

function safePeer (bytes: Uint8Array): string | undefined {
  try {
    return peerIdFromBytes(bytes).toString()
  } catch {
    return undefined
  }
}
