/**
 * Named groups, put together: what a person does (create, add, remove,
 * admin, rename, leave, send, read), what reaches this daemon (a group item
 * on a chat stream or through the relay: GroupLedger), and the fan-out of
 * what I make to each member over the 1:1 chain (GroupFanout), the rooms
 * of large groups (Rooms). Changes to a group: node/groups/membership.ts.
 *
 * @example
 * ```ts
 * const groups = new Groups(deps)
 * groups.start()
 * const g = groups.create('lunch', ['bob', 'carol'])
 * groups.change('lunch', { action: 'add', people: ['dave'] })
 * await groups.send('lunch', 'noon?')        // { id, state, members: 2, delivered: 2 }
 * ```
 */
import { v7 as uuidv7 } from 'uuid'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { EVERYONE_GROUP_ID, EVERYONE_GROUP_NAME, GROUP_FANOUT_MAX_MEMBERS, MAX_GROUP_MEMBERS } from '../../protocols/constants.js'
import { GroupPost, ItemKind, SignedItem, signItem } from '../../protocols/groups/item.js'
import { openSealedItem, SealedItem } from '../../protocols/groups/seal.js'
import { peerIdFromString } from '@libp2p/peer-id'
import { peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { EmptyMessageError, MessageTooLargeError } from '../delivery/errors.js'
import { SEND_ANSWER_DEADLINE_MS } from '../delivery/constants.js'
import { MAX_GROUP_BODY_BYTES } from './constants.js'
import { AmbiguousGroupError, GroupMemberError, UnknownGroupError } from './errors.js'
import { GroupFanout } from './fanout.js'
import { GroupLedger, authorOf } from './ledger.js'
import { Membership } from './membership.js'
import { Rooms } from './rooms.js'
import { everyoneView, groupInfo, groupMessage, memberName, progressOf } from './view.js'
import { GroupSearch, searchResults } from './search.js'
import type { Taken } from './ledger.js'
import type { GroupsDeps } from './ports.js'
import type { RoomPorts } from './rooms.js'
import type { GroupView, OutRow, StoredPost } from './store.js'
import type { Message } from '../../protocols/chat/pb/chat.js'
import type { GroupRequest, GroupResponse } from '../../protocols/groups/pb/groups.js'
import type { GroupChange, GroupInfo, GroupMessage, GroupSendResult, SearchResult } from '../types.js'

export class Groups {
  private readonly d: GroupsDeps
  private readonly me: string
  readonly ledger: GroupLedger
  private readonly fanout: GroupFanout
  private readonly membership: Membership

  /** rooms over gossipsub (the everyone room, named groups above the fan-out limit), when the daemon gives them a transport */
  readonly rooms: Rooms

  constructor (deps: GroupsDeps, roomPorts?: RoomPorts, fanoutMax = GROUP_FANOUT_MAX_MEMBERS) {
    this.d = deps
    this.me = deps.self.toString()
    this.ledger = new GroupLedger({
      self: deps.self,
      store: deps.store,
      people: deps.people,
      onGroupChange: (now, before) => { this.groupChanged(now, before) },
      onPost: (post) => {
        // a post that came another way (relayed, repaired) moves its room's heads too
        this.rooms?.get(post.groupId)?.note(post.sender, post.seq)
        this.d.emit({ type: 'group-message', message: this.message(post) })
      }
    })
    this.fanout = new GroupFanout(deps, row => { this.progressed(row) })
    this.rooms = new Rooms(deps, this.ledger, roomPorts, fanoutMax)
    this.membership = new Membership(deps, this.ledger, this.fanout, { find: group => this.find(group), maxMembers: () => this.maxMembers() })
  }

  start (): void {
    this.fanout.start()
    this.rooms.start(this.d.store.groups())
  }

  async stop (): Promise<void> {
    this.rooms.stop()
    await this.fanout.stop()
  }

  /** The everyone room's, or a large group's, answer to a member's heads or repair request. */
  answer (request: GroupRequest, from: string): GroupResponse | undefined {
    return this.rooms.answer(request, from)
  }

  // ------------------------------------------------------------ what a person does

  /** The everyone room first, then the groups I am in (`all`: also those I left), by name. */
  list (all = false): GroupInfo[] {
    const unread = this.d.store.unreadByGroup()
    return [this.everyone(), ...this.d.store.groups().filter(g => all || g.member)].map(g => groupInfo(g, this.d.people, unread.get(g.id) ?? 0))
  }

  private everyone (): GroupView {
    return everyoneView(this.me, this.d.selfName(), this.d.people)
  }

  info (group: string): GroupInfo {
    const g = this.find(group, true)
    return groupInfo(g, this.d.people, this.d.store.unreadByGroup().get(g.id) ?? 0)
  }

  /** Makes a group with me as its admin. */
  create (name: string, members: string[]): GroupInfo {
    return this.info(this.membership.create(name, members))
  }

  /** One change (add, remove, admin, rename, leave): node/groups/membership.ts. */
  change (group: string, change: GroupChange): GroupInfo {
    return this.info(this.membership.apply(group, change))
  }

  /** Commits my post for every other member, starts the fan-out, answers with the state reached within the deadline. */
  async send (group: string, body: string): Promise<GroupSendResult> {
    const g = this.find(group)
    if (body.trim() === '') throw new EmptyMessageError()
    if (Buffer.byteLength(body) > MAX_GROUP_BODY_BYTES) throw new MessageTooLargeError(MAX_GROUP_BODY_BYTES)
    const post: GroupPost = {
      group: g.id, id: uuidv7(), from: peerIdToBytes(this.d.self), fromName: this.d.selfName(),
      seq: this.d.store.nextSeq(g.id), sentAt: Date.now(), body, groupVersion: g.version
    }
    const signed = SignedItem.encode(signItem(ItemKind.POST, GroupPost.encode(post), this.d.key))
    const room = this.rooms.get(g.id)
    const all = g.members.map(m => m.peerId).filter(p => p !== this.me)
    // through a room, the online get it over the room's connections; only the offline get a copy (relayed)
    const others = room != null ? all.filter(p => !this.d.people.isOnline(p)) : all
    this.d.store.addOutgoing({ id: post.id, groupId: g.id, sender: this.me, fromName: post.fromName, seq: post.seq, sentAt: post.sentAt, body, groupVersion: g.version }, signed, others)
    this.d.store.setPostState(post.id, this.progress(post.id)?.state ?? 'queued')
    if (room != null) await room.publish(SignedItem.decode(signed))
    // members offline now: one sealed body for all of them at the relay (the drains below skip those it took)
    await this.fanout.relayShared(post.id, others.filter(p => !this.d.people.isOnline(p)))
    const stored = this.d.store.post(post.id)
    if (stored != null) {
      // local clients hear of it after the send is on its way
      const message = this.message(stored, g)
      setImmediate(() => { this.d.emit({ type: 'group-message', message }) })
    }
    let deadline: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(others.map(async m => { await this.fanout.flushMember(m) })),
      new Promise(resolve => { deadline = setTimeout(resolve, SEND_ANSWER_DEADLINE_MS) })
    ])
    clearTimeout(deadline)
    const p = this.progress(post.id)
    // through the room, the online count as reached (not confirmed one by one)
    const reached = all.length - others.length
    return { id: post.id, state: p?.state ?? 'queued', members: (p?.members ?? 0) + reached, delivered: (p?.delivered ?? 0) + reached }
  }

  history (group: string, opts: { limit?: number, before?: number } = {}): GroupMessage[] {
    const g = this.find(group, true)
    // mine carry how far they got, member by member, so a client that opens the group later sees it too
    return this.d.store.history(g.id, opts.limit ?? 100, opts.before).map(p => {
      const m = this.message(p, g)
      const progress = p.direction === 'out' ? progressOf(p, g, this.d.store.progress(p.id), this.d.people) : undefined
      return progress != null ? { ...m, progress } : m
    })
  }

  /** Marks posts read (all, or `ids`) and owes read receipts to their senders; returns how many changed. */
  markRead (group: string, ids?: string[]): number {
    const g = this.find(group, true)
    const changed = this.d.store.markRead(g.id, ids)
    const bySender = new Map<string, string[]>()
    for (const { id, sender } of changed) bySender.set(sender, [...(bySender.get(sender) ?? []), id])
    for (const [sender, list] of bySender) {
      void this.d.receipts.owe(sender, list, 'read').then(() => { this.d.receipts.payIfOnline(sender) })
    }
    return changed.length
  }

  /** Posts that contain every word (in one group, or in all of mine), newest first, as search results. */
  search (q: { text: string, group?: string, before?: number, after?: number, limit?: number }): SearchResult[] {
    const only = q.group != null ? this.find(q.group, true) : undefined
    const hits = new GroupSearch(this.d.store.db).search({ text: q.text, groupId: only?.id, before: q.before, after: q.after, limit: q.limit })
    return searchResults(hits, id => id === EVERYONE_GROUP_ID ? this.everyone() : this.d.store.group(id), this.d.people, this.d.selfName())
  }

  // ------------------------------------------------------------ what reaches me

  /** A group item on a chat stream: take it, answer with the ack status. */
  onChatItem (peer: string, message: Message): AckStatus {
    let signed: SignedItem
    try {
      signed = SignedItem.decode(message.item)
    } catch {
      return AckStatus.INVALID
    }
    return ackOf(this.take(signed))
  }

  /**
   * A relayed payload that is a group seal: open it, take the item, owe its
   * author a delivery receipt (the ack it did not get). 'refused' when it
   * fails a check (the relay then tells the depositor).
   */
  async onRelayed (payload: Uint8Array): Promise<'done' | 'refused' | 'later'> {
    let signed: SignedItem
    try {
      signed = openSealedItem(SealedItem.decode(payload), this.d.key, this.d.self)
    } catch {
      return 'refused'
    }
    const taken = this.take(signed)
    if (taken === 'refused') return 'refused'
    const author = authorOf(signed)
    if (author != null && taken !== 'ignored') {
      await this.d.receipts.owe(author.from, [author.id], 'delivered')
      this.d.receipts.payIfOnline(author.from)
    }
    return 'done'
  }

  /** I am (not) typing in a group: its online members hear it (not in a room: that would be a message to everyone). */
  typing (group: string, on: boolean): void {
    const g = this.find(group)
    if (this.rooms.get(g.id) != null) return
    for (const m of g.members) {
      if (m.peerId === this.me || !this.d.people.isOnline(m.peerId)) continue
      void this.d.chat.sendTyping(peerIdFromString(m.peerId), on, {}, g.id).catch(() => {})
    }
  }

  /** A member says it is (not) typing in a group of mine: local clients hear it; anyone else is ignored. */
  onTyping (peer: string, groupId: string, on: boolean): void {
    const g = this.d.store.group(groupId)
    if (g == null || !g.member || !g.members.some(m => m.peerId === peer) || this.d.people.isBlocked(peer)) return
    const person = this.d.people.byPeer(peer)
    this.d.emit({ type: 'typing', name: memberName(this.d.people, peer), peerId: peer, verified: person?.registeredName !== '' && person != null, on, group: groupId })
  }

  onAck (peer: string, id: string, status: AckStatus): void { this.fanout.onAck(peer, id, status) }
  onReceipt (peer: string, ids: string[]): void { this.fanout.onReceipt(peer, ids) }
  /** A member came online or a chat channel to it opened: send what waits for it. */
  peerOnline (peerId: string): Promise<void> { return this.fanout.flushMember(peerId) }
  indexUp (): void { this.fanout.flushAll() }

  // ------------------------------------------------------------ inside

  private take (signed: SignedItem): Taken {
    try {
      return signed.kind === ItemKind.RECORD ? this.ledger.takeRecord(signed).taken : this.ledger.takePost(signed)
    } catch {
      return 'refused'
    }
  }

  /** The group as it stands changed: queue what members must hear of it, tell local clients. */
  private groupChanged (now: GroupView, before: GroupView | undefined): void {
    const is = new Set(now.members.map(m => m.peerId))
    for (const m of before?.members ?? []) if (!is.has(m.peerId)) this.d.store.dropQueuedPosts(now.id, m.peerId)
    this.membership.announce(now, before)
    this.rooms.place(now)
    this.d.emit({ type: 'group', group: groupInfo(now, this.d.people, this.d.store.unreadByGroup().get(now.id) ?? 0) })
  }

  private progressed (row: OutRow): void {
    if (row.kind !== 'post') return
    const p = this.progress(row.item)
    if (p == null) return
    this.d.store.setPostState(row.item, p.state)
    this.d.emit({ type: 'group-state', progress: p })
  }

  private progress (id: string): ReturnType<typeof progressOf> | undefined {
    const post = this.d.store.post(id)
    if (post == null || post.direction !== 'out') return undefined
    const group = post.groupId === EVERYONE_GROUP_ID ? this.everyone() : this.d.store.group(post.groupId)
    return progressOf(post, group, this.d.store.progress(id), this.d.people)
  }

  private message (p: StoredPost, g = p.groupId === EVERYONE_GROUP_ID ? this.everyone() : this.d.store.group(p.groupId)): GroupMessage {
    return groupMessage(p, g, this.d.people, { peerId: this.me, name: this.d.selfName() })
  }

  /** Members a named group may have: MAX_GROUP_MEMBERS with rooms, the fan-out limit without. */
  private maxMembers (): number {
    return this.rooms.available ? MAX_GROUP_MEMBERS : this.rooms.fanoutMax
  }

  /** A group of mine by id or name (`past`: also one I left). */
  private find (group: string, past = false): GroupView {
    if (group === EVERYONE_GROUP_ID || group === EVERYONE_GROUP_NAME) return this.everyone()
    const all = this.d.store.groups().filter(g => past || g.member)
    const byId = all.find(g => g.id === group)
    if (byId != null) return byId
    const named = all.filter(g => g.name === group)
    const live = named.filter(g => g.member)
    if (live.length === 1 || named.length === 1) return live[0] ?? named[0]
    if (named.length === 0) {
      // one I was in: say so (its history stays readable)
      if (!past && this.d.store.groups().some(g => !g.member && (g.id === group || g.name === group))) throw new GroupMemberError(`you are no longer a member of ${group}; its history stays: lanchat history --group ${group}`)
      throw new UnknownGroupError(group)
    }
    throw new AmbiguousGroupError(group, named.map(g => g.id))
  }
}

function ackOf (taken: Taken): AckStatus {
  return taken === 'refused' ? AckStatus.INVALID : AckStatus.STORED
}
