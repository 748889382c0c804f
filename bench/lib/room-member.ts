/**
 * A light client as a member of the everyone room: gossipsub on lanchat's
 * stack (bench/lib/node.ts, configured as the daemon's), the room's topic
 * validator (as node/groups/room.ts with room-kinds.ts everyoneKind: the
 * topic carries a SignedItem as it is; a post that does not open or check
 * against its author's signature, or is of another group, is refused; one
 * from a sender the index does not list as registered is ignored), and the
 * room's sparse graph (each member
 * dials ROOM_MIN_PEERS others at random, as EveryoneRoom.join does).
 * Every post's arrival is timestamped with performance.now(), keyed by body.
 */
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { EVERYONE_GROUP_ID, EVERYONE_TOPIC } from '../../protocols/constants.js'
import { SignedItem, openPost } from '../../protocols/groups/item.js'
import { ROOM_DIAL_TIMEOUT_MS, ROOM_MIN_PEERS, ROOM_SYNC_MS } from '../../node/groups/constants.js'
import type { BenchClient } from './light-client.js'

export class RoomMember {
  readonly client: BenchClient
  /** body -> when this member's validator took the post */
  readonly arrivals = new Map<string, number>()
  ignored = 0
  private timer?: NodeJS.Timeout
  private joining = false

  constructor (client: BenchClient) {
    this.client = client
    const pubsub = client.node.services.pubsub
    if (pubsub == null) throw new Error('a room member needs a node with gossipsub')
    pubsub.topicValidators.set(EVERYONE_TOPIC, (_peer, message) => {
      let body: string
      let sender: string
      try {
        const opened = openPost(SignedItem.decode(message.data))
        // a post of another group on this topic: refused, as GossipRoom.onGossip does
        if (opened.post.group !== EVERYONE_GROUP_ID) return TopicValidatorResult.Reject
        body = opened.post.body
        sender = opened.sender
      } catch {
        return TopicValidatorResult.Reject
      }
      if (!client.users.has(sender)) {
        this.ignored++
        return TopicValidatorResult.Ignore
      }
      if (!this.arrivals.has(body)) this.arrivals.set(body, performance.now())
      return TopicValidatorResult.Accept
    })
    pubsub.subscribe(EVERYONE_TOPIC)
  }

  /** Dials ROOM_MIN_PEERS of the online users it heard of at the index (any of them: members or the daemon), at random. */
  async join (deadlineMs = ROOM_DIAL_TIMEOUT_MS): Promise<void> {
    const self = this.client.node.peerId.toString()
    const candidates = [...this.client.users.entries()].filter(([id, u]) => id !== self && u.addrs.length > 0 && !this.client.leftAt.has(u.name))
    const have = this.roomPeers()
    for (let i = 0; i < ROOM_MIN_PEERS - have && candidates.length > 0; i++) {
      const [[id, user]] = candidates.splice(Math.floor(Math.random() * candidates.length), 1)
      // the index lists the addresses each user announced (with its /p2p/ part)
      const addrs = user.addrs.map(a => multiaddr(a)).map(a => a.getComponents().some(c => c.name === 'p2p') ? a : a.encapsulate(`/p2p/${id}`))
      await this.client.node.dial(addrs, { signal: AbortSignal.timeout(deadlineMs) }).catch((err) => {
        if (process.env.GBENCH_DEBUG === '1') process.stderr.write(`${this.client.name} -> ${user.name} ${addrs.map(String).join(',')}: ${(err as Error).message}\n`)
      })
    }
  }

  /** As EveryoneRoom.tick: every ROOM_SYNC_MS, dials again when short of room peers (heads comparison and repair are not modelled). */
  start (): void {
    this.timer = setInterval(() => {
      if (this.joining || this.roomPeers() >= ROOM_MIN_PEERS) return
      this.joining = true
      void this.join().finally(() => { this.joining = false })
    }, ROOM_SYNC_MS)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
  }

  /** PeerIds of the room's peers this member is connected to. */
  roomPeers (): number {
    return this.client.node.services.pubsub?.getSubscribers(EVERYONE_TOPIC).length ?? 0
  }

  connectedTo (peerId: string): boolean {
    return this.client.node.getConnections(peerIdFromString(peerId)).length > 0
  }
}

/** Resolves once every member took `body` or after `ms`; each member's delay from t0 (Infinity: missed). */
export async function deliveries (members: RoomMember[], body: string, t0: number, ms: number): Promise<number[]> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline && !members.every(m => m.arrivals.has(body))) {
    await new Promise(resolve => setTimeout(resolve, 5))
  }
  return members.map(m => (m.arrivals.get(body) ?? Infinity) - t0)
}
