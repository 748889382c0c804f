/**
 * The everyone room over gossipsub: a post (SignedItem) is published once on
 * EVERYONE_TOPIC and travels over the members' existing connections; every
 * member keeps, per sender, the highest seq it holds with nothing missing
 * below (heads). A post whose seq skips ahead makes it ask the peer that
 * handed it on for the gap; every ROOM_SYNC_MS it compares heads with one
 * peer of the room and asks for what it lacks (a post missed while
 * connected is repaired from any member that has it). A daemon with fewer
 * than ROOM_MIN_PEERS peers in the room dials a few online members: the
 * room's connections stay a sparse graph, never a full mesh.
 *
 * @example
 * ```ts
 * const room = new EveryoneRoom({ self, store, ledger, people, gossip, ask, connect })
 * room.start()
 * await room.publish(signedPostBytes)
 * ```
 */
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { EVERYONE_GROUP_ID, GROUP_BATCH_ITEMS } from '../../protocols/constants.js'
import { SignedItem, openPost } from '../../protocols/groups/item.js'
import { peerIdFromBytes, peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { dropped } from '../../runtime/failpoint.js'
import { ROOM_MIN_PEERS, ROOM_SYNC_MS } from './constants.js'
import type { GroupRequest, GroupResponse, Head } from '../../protocols/groups/pb/groups.js'
import type { GroupLedger, Taken } from './ledger.js'
import type { GroupPeoplePort } from './ports.js'
import type { GroupStore } from './store.js'
import type { PeerId } from '@libp2p/interface'

const log = logger('lanchat:groups:room')

/** The room's transport: gossipsub, as far as the room uses it. */
export interface RoomGossipPort {
  /** publishes on the room's topic; resolves with how many peers it was sent to */
  publish(data: Uint8Array): Promise<number>
  /** PeerIds of the room's peers I am connected to */
  peers(): string[]
  /** whether I hold a connection to the peer */
  connected(peerId: string): boolean
}

export interface RoomDeps {
  self: PeerId
  store: GroupStore
  ledger: GroupLedger
  people: Pick<GroupPeoplePort, 'registered' | 'isRegistered' | 'isOnline'>
  gossip: RoomGossipPort
  /** one exchange of the group protocol with a peer */
  ask: (peer: string, request: GroupRequest) => Promise<GroupResponse>
  /** dials a peer (joining the room's graph) */
  connect: (peer: string) => Promise<void>
}

export class EveryoneRoom {
  private readonly d: RoomDeps
  private heads?: Map<string, number>
  private timer?: NodeJS.Timeout
  private syncing = false

  constructor (deps: RoomDeps) {
    this.d = deps
  }

  start (): void {
    this.timer = setInterval(() => { void this.tick() }, ROOM_SYNC_MS)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
  }

  async publish (signed: Uint8Array): Promise<number> {
    const post = openPost(SignedItem.decode(signed))
    this.note(post.sender, post.post.seq)
    try {
      return await this.d.gossip.publish(signed)
    } catch (err) {
      log('publish failed: %e', err)
      return 0
    }
  }

  /** A post gossiped to me (the topic validator): take it; a gap makes me ask the peer it came from. */
  onGossip (data: Uint8Array, from: string): Taken {
    if (dropped('group-gossip')) return 'ignored'
    let signed: SignedItem
    try {
      signed = SignedItem.decode(data)
    } catch {
      return 'refused'
    }
    let opened
    try {
      opened = openPost(signed)
    } catch {
      return 'refused'
    }
    // a sender I do not know as registered (yet: the directory may lag): not forwarded, not held against the peer
    if (!this.d.people.isRegistered(opened.sender)) return 'ignored'
    const taken = this.d.ledger.takePost(signed)
    if (taken === 'stored') {
      const { post, sender } = opened
      const head = this.note(sender, post.seq)
      if (post.seq > head + 1) void this.repair(from, sender, head + 1, post.seq - 1)
    }
    return taken
  }

  /** What I answer a member of the room: my heads, or the posts it lacks. */
  answer (request: GroupRequest, from: string): GroupResponse | undefined {
    if (!this.d.people.isRegistered(from)) return undefined
    if (request.heads != null && request.heads.group === EVERYONE_GROUP_ID) return { heads: { group: EVERYONE_GROUP_ID, heads: this.headList() } }
    if (request.want != null && request.want.group === EVERYONE_GROUP_ID) {
      const sender = safePeer(request.want.sender)
      if (sender == null) return { items: { items: [] } }
      const to = Math.min(request.want.toSeq, request.want.fromSeq + GROUP_BATCH_ITEMS - 1)
      const items = this.d.store.range(EVERYONE_GROUP_ID, sender, request.want.fromSeq, to, GROUP_BATCH_ITEMS).map(b => SignedItem.decode(b))
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
    const peers = this.d.gossip.peers()
    const with_ = peer ?? peers[Math.floor(Math.random() * peers.length)]
    if (with_ == null) return
    this.syncing = true
    try {
      const answer = await this.d.ask(with_, { heads: { group: EVERYONE_GROUP_ID, heads: this.headList() } })
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

  /** Asks `peer` for a sender's posts from..to and takes them, in order. */
  private async repair (peer: string, sender: string, from: number, to: number): Promise<void> {
    for (let at = from; at <= to;) {
      let answer: GroupResponse
      try {
        answer = await this.d.ask(peer, { want: { group: EVERYONE_GROUP_ID, sender: peerIdToBytes(peerIdFromString(sender)), fromSeq: at, toSeq: to } })
      } catch (err) {
        log('repair from %s failed: %e', peer, err)
        return
      }
      const items = answer.items?.items ?? []
      if (items.length === 0) return
      for (const item of items) {
        const taken = this.d.ledger.takePost(item)
        if (taken === 'stored' || taken === 'duplicate') {
          const { post, sender: s } = openPost(item)
          this.note(s, post.seq)
          at = Math.max(at, post.seq + 1)
        }
      }
      if (items.length < GROUP_BATCH_ITEMS) return
    }
  }

  /** Dials online members until I have ROOM_MIN_PEERS peers in the room (a few, at random). */
  private async join (): Promise<void> {
    const have = this.d.gossip.peers().length
    if (have >= ROOM_MIN_PEERS) return
    const candidates = this.d.people.registered().filter(p => this.d.people.isOnline(p.peerId) && !this.d.gossip.connected(p.peerId))
    for (let i = 0; i < ROOM_MIN_PEERS - have && candidates.length > 0; i++) {
      const [pick] = candidates.splice(Math.floor(Math.random() * candidates.length), 1)
      await this.d.connect(pick.peerId).catch(err => { log('joining the room via %s failed: %e', pick.peerId, err) })
    }
  }

  private headMap (): Map<string, number> {
    this.heads ??= this.d.store.heads(EVERYONE_GROUP_ID)
    return this.heads
  }

  private headList (): Head[] {
    return [...this.headMap()].map(([sender, seq]) => ({ sender: peerIdToBytes(peerIdFromString(sender)), seq }))
  }

  /** A post of `sender` with `seq` is held: moves its head past every post held in a row; returns the head. */
  private note (sender: string, seq: number): number {
    const heads = this.headMap()
    let at = heads.get(sender) ?? 0
    if (seq === at + 1) {
      at = seq
      while (this.d.store.range(EVERYONE_GROUP_ID, sender, at + 1, at + 1, 1).length === 1) at++
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
