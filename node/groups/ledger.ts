/**
 * What a member does with a group item that reaches it (or that it made):
 * a record is kept and the chain rule (protocols/groups/chain.ts) decides
 * the group as it stands; a post is stored once, if its sender is a member
 * of that group, and waits (group_pending) while the record it was sent
 * under has not arrived: membership is applied before the posts that depend
 * on it, whatever order they came in.
 *
 * @example
 * ```ts
 * const ledger = new GroupLedger({ self, store, people, emit })
 * ledger.takeRecord(signed)   // { taken: 'stored', changed: GroupView, before: GroupView | undefined }
 * ledger.takePost(signed)     // 'stored' | 'duplicate' | 'pending' | 'ignored' | 'refused'
 * ```
 */
import { logger } from '@libp2p/logger'
import { MAX_GROUP_PENDING, MAX_UNKNOWN_GROUP_PENDING } from './constants.js'
import { groupNameProblem } from './records.js'
import { currentRecord } from '../../protocols/groups/chain.js'
import { EVERYONE_GROUP_ID } from '../../protocols/constants.js'
import { GroupPost, GroupRecord, ItemKind, SignedItem, hex, itemHash, openPost, openRecord } from '../../protocols/groups/item.js'
import { peerIdFromBytes } from '../../protocols/shared/peer-ids.js'
import type { OpenedRecord } from '../../protocols/groups/item.js'
import type { GroupPeoplePort } from './ports.js'
import type { GroupStore, GroupView, StoredPost } from './store.js'
import type { PeerId } from '@libp2p/interface'

const log = logger('lanchat:groups:ledger')

/** What became of an item: `ignored` = from someone I blocked (acked, not stored, no word). */
export type Taken = 'stored' | 'duplicate' | 'pending' | 'ignored' | 'refused'

export interface LedgerDeps {
  self: PeerId
  store: GroupStore
  people: Pick<GroupPeoplePort, 'isBlocked' | 'isRegistered'>
  /** the group as it stands changed (a record was applied) */
  onGroupChange: (now: GroupView, before: GroupView | undefined) => void
  /** a post was stored */
  onPost: (post: StoredPost) => void
}

export interface RecordTaken {
  taken: Taken
  /** set when the group as it stands changed */
  changed?: GroupView
  before?: GroupView
}

export class GroupLedger {
  private readonly d: LedgerDeps
  private readonly me: string

  constructor (deps: LedgerDeps) {
    this.d = deps
    this.me = deps.self.toString()
  }

  /** Every record held of the group, opened (bad ones, which were never stored, cannot occur). */
  opened (groupId: string): OpenedRecord[] {
    return this.d.store.records(groupId).map(bytes => openRecord(SignedItem.decode(bytes)))
  }

  /** The record that holds now. */
  current (groupId: string): OpenedRecord | undefined {
    return currentRecord(this.opened(groupId))
  }

  /**
   * Keeps a record and applies the chain rule. A record is taken when it
   * names me or belongs to a group I hold records of (a new member is sent
   * the chain newest first); anything else is refused.
   */
  takeRecord (signed: SignedItem): RecordTaken {
    let r: OpenedRecord
    try {
      r = openRecord(signed)
    } catch (err) {
      log('refused a record: %e', err)
      return { taken: 'refused' }
    }
    const id = r.record.id
    if (this.d.people.isBlocked(r.signer)) return { taken: 'ignored' }
    // the name is shown to every member: the rules a name I give a group must meet (no control or invisible characters, not "everyone")
    const badName = groupNameProblem(r.record.name)
    if (badName != null) {
      log('refused record %s of %s: %s', r.hash, id, badName)
      return { taken: 'refused' }
    }
    const namesMe = r.record.members.some(m => safePeer(m.peerId) === this.me)
    if (!namesMe && !this.d.store.knows(id)) return { taken: 'refused' }
    if (!this.d.store.addRecord(id, r.hash, r.record.version, SignedItem.encode(signed))) return { taken: 'duplicate' }
    const now = this.current(id)
    const before = this.d.store.group(id)
    if (now == null || now.hash === before?.recordHash) return { taken: 'stored' }
    const view = toGroupView(now, this.me)
    this.d.store.setGroup(view)
    this.d.onGroupChange(view, before)
    this.retryPending(id)
    return { taken: 'stored', changed: view, before }
  }

  /** Stores a post once, if its sender is a member of the group as it stands; waits when its record is not here yet. */
  takePost (signed: SignedItem): Taken {
    let opened
    try {
      opened = openPost(signed)
    } catch (err) {
      log('refused a post: %e', err)
      return 'refused'
    }
    const { post, sender } = opened
    if (this.d.store.post(post.id) != null) return 'duplicate'
    if (this.d.people.isBlocked(sender)) return 'ignored'
    if (post.group === EVERYONE_GROUP_ID) {
      // the everyone room has no record: its members are the users the index server registered
      if (!this.d.people.isRegistered(sender)) return 'refused'
      return this.store(post, sender, signed)
    }
    const group = this.d.store.group(post.group)
    if (group == null || group.version < post.groupVersion) {
      // sent under a record I do not hold yet: it waits for it (bounded: a forger cannot fill the disk)
      if (this.d.store.isPending(post.id)) return 'pending'
      if (this.d.store.pendingCount(post.group) >= MAX_GROUP_PENDING) return 'refused'
      if (group == null && this.d.store.pendingForUnknownGroups() >= MAX_UNKNOWN_GROUP_PENDING) return 'refused'
      this.d.store.pend(post.id, post.group, SignedItem.encode(signed))
      return 'pending'
    }
    if (!group.member || !group.members.some(m => m.peerId === sender)) {
      this.d.store.unpend(post.id)
      log('refused post %s: %s is not a member of %s (version %d)', post.id, sender, group.id, group.version)
      return 'refused'
    }
    return this.store(post, sender, signed)
  }

  private store (post: GroupPost, sender: string, signed: SignedItem): Taken {
    const stored = {
      id: post.id, groupId: post.group, sender, fromName: post.fromName, seq: post.seq,
      sentAt: post.sentAt, body: post.body, groupVersion: post.groupVersion
    }
    const result = this.d.store.addIncoming(stored, SignedItem.encode(signed))
    if (result === 'conflict') return 'refused'
    if (result === 'duplicate') return 'duplicate'
    const kept = this.d.store.post(post.id)
    if (kept != null) this.d.onPost(kept)
    return 'stored'
  }

  /** Posts that waited for a record: take those whose record is here now. */
  private retryPending (groupId: string): void {
    for (const { id, signed } of this.d.store.pending(groupId)) {
      const taken = this.takePost(SignedItem.decode(signed))
      if (taken === 'refused' || taken === 'ignored') this.d.store.unpend(id)
    }
  }
}

function safePeer (bytes: Uint8Array): string | undefined {
  try {
    return peerIdFromBytes(bytes).toString()
  } catch {
    return undefined
  }
}

/** The group as a record makes it, from my point of view. */
export function toGroupView (r: OpenedRecord, me: string): GroupView {
  const members = r.record.members.map(m => ({ peerId: peerIdFromBytes(m.peerId).toString(), name: m.name }))
  return {
    id: r.record.id,
    name: r.record.name,
    version: r.record.version,
    recordHash: r.hash,
    members,
    admins: r.record.admins.map(a => peerIdFromBytes(a).toString()),
    member: members.some(m => m.peerId === me)
  }
}

/** Who made an item and its id (a post's id, a record's hash): whom a relayed copy's receipt goes to. */
export function authorOf (signed: SignedItem): { from: string, id: string } | undefined {
  try {
    if (signed.kind === ItemKind.POST) {
      const p = GroupPost.decode(signed.item)
      return { from: peerIdFromBytes(p.from).toString(), id: p.id }
    }
    const r = GroupRecord.decode(signed.item)
    return { from: peerIdFromBytes(r.signer).toString(), id: hex(itemHash(signed)) }
  } catch {
    return undefined
  }
}
