/**
 * The group tables (schema.ts) behind one class: records held and the group
 * each chain makes, posts (one history per group, stored once per id),
 * per-member progress of what I send, posts that wait for their record.
 * Writes are synchronous FULL commits, like the message store: a post is
 * durable before it is acked.
 *
 * @example
 * ```ts
 * const store = new GroupStore(db)
 * store.addIncoming(post, signedBytes)   // 'stored' | 'duplicate' | 'conflict'
 * store.history(groupId, 100)            // oldest first
 * ```
 */
import { transaction } from '../../runtime/sqlite.js'
import { clampSentAt } from '../store/message-order.js'
import { mergeSenders } from './order.js'
import type { DatabaseSync } from 'node:sqlite'

/** Per member, what I send only moves forward; `dropped`: the member refused it (or left): never retried. */
export type OutState = 'queued' | 'relayed' | 'delivered' | 'read' | 'dropped'
const RANK: Record<OutState, number> = { queued: 0, relayed: 1, delivered: 3, read: 4, dropped: 5 }

export interface GroupMemberRow { peerId: string, name: string }

export interface GroupView {
  id: string
  name: string
  version: number
  recordHash: string
  members: GroupMemberRow[]
  /** PeerIds */
  admins: string[]
  /** I am a member now */
  member: boolean
}

export interface NewPost {
  id: string
  groupId: string
  sender: string
  fromName: string
  seq: number
  sentAt: number
  body: string
  groupVersion: number
}

export interface StoredPost extends NewPost {
  direction: 'in' | 'out'
  /** out: queued | relayed | delivered | read (of all members); in: received | read */
  state: string
  /** when it was stored here */
  createdAt: number
}

export interface OutRow { item: string, kind: 'post' | 'record', groupId: string, member: string, state: OutState, attempts: number, nextAttemptAt: number }

interface PostRow { id: string, group_id: string, sender: string, from_name: string, seq: number, sent_at: number, body: string, group_version: number, direction: 'in' | 'out', state: string, created_at: number }
interface GroupRow { id: string, name: string, version: number, record_hash: string, members: string, admins: string, member: number }

function toPost (r: PostRow): StoredPost {
  return { id: r.id, groupId: r.group_id, sender: r.sender, fromName: r.from_name, seq: r.seq, sentAt: r.sent_at, body: r.body, groupVersion: r.group_version, direction: r.direction, state: r.state, createdAt: r.created_at }
}

function toView (r: GroupRow): GroupView {
  return { id: r.id, name: r.name, version: r.version, recordHash: r.record_hash, members: JSON.parse(r.members), admins: JSON.parse(r.admins), member: r.member === 1 }
}

export { mergeSenders }

export class GroupStore {
  /** the profile database (group search reads it) */
  readonly db: DatabaseSync
  private readonly q

  constructor (db: DatabaseSync) {
    this.db = db
    this.q = {
      addRecord: db.prepare('INSERT OR IGNORE INTO group_records (hash, group_id, version, signed, received_at) VALUES (?, ?, ?, ?, ?)'),
      records: db.prepare('SELECT signed FROM group_records WHERE group_id = ? ORDER BY version, hash'),
      record: db.prepare('SELECT signed FROM group_records WHERE hash = ?'),
      knows: db.prepare('SELECT 1 FROM group_records WHERE group_id = ? LIMIT 1'),
      dropQueued: db.prepare(`UPDATE group_out SET state = 'dropped' WHERE group_id = ? AND member = ? AND kind = 'post' AND state = 'queued'`),
      setGroup: db.prepare(`INSERT INTO groups (id, name, version, record_hash, members, admins, member) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version, record_hash = excluded.record_hash, members = excluded.members, admins = excluded.admins, member = excluded.member`),
      groups: db.prepare('SELECT * FROM groups ORDER BY name, id'),
      group: db.prepare('SELECT * FROM groups WHERE id = ?'),
      nextSeq: db.prepare('INSERT INTO group_seqs (group_id, next_out) VALUES (?, 2) ON CONFLICT (group_id) DO UPDATE SET next_out = next_out + 1 RETURNING next_out - 1 AS seq'),
      insertPost: db.prepare(`INSERT INTO group_posts (id, group_id, sender, from_name, seq, sent_at, body, group_version, signed, direction, state, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      post: db.prepare('SELECT * FROM group_posts WHERE id = ?'),
      postAt: db.prepare('SELECT id FROM group_posts WHERE group_id = ? AND sender = ? AND seq = ?'),
      signedPost: db.prepare('SELECT signed FROM group_posts WHERE id = ?'),
      range: db.prepare('SELECT signed FROM group_posts WHERE group_id = ? AND sender = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?'),
      senderSeqs: db.prepare('SELECT sender, seq FROM group_posts WHERE group_id = ? ORDER BY sender, seq'),
      history: db.prepare('SELECT * FROM group_posts WHERE group_id = ? AND sent_at < ? ORDER BY sent_at DESC, sender DESC, seq DESC LIMIT ?'),
      unread: db.prepare(`SELECT group_id, count(*) AS n FROM group_posts WHERE direction = 'in' AND state = 'received' GROUP BY group_id`),
      unreadIds: db.prepare(`SELECT id FROM group_posts WHERE group_id = ? AND direction = 'in' AND state = 'received'`),
      markRead: db.prepare(`UPDATE group_posts SET state = 'read' WHERE id = ? AND group_id = ? AND direction = 'in' AND state = 'received' RETURNING sender`),
      setPostState: db.prepare('UPDATE group_posts SET state = ? WHERE id = ?'),
      addOut: db.prepare('INSERT OR IGNORE INTO group_out (item, kind, group_id, member, state, created) VALUES (?, ?, ?, ?, ?, ?)'),
      out: db.prepare('SELECT item, kind, group_id AS groupId, member, state, attempts, next_attempt_at AS nextAttemptAt FROM group_out WHERE item = ? ORDER BY member'),
      outOne: db.prepare('SELECT state FROM group_out WHERE item = ? AND member = ?'),
      setOut: db.prepare('UPDATE group_out SET state = ? WHERE item = ? AND member = ?'),
      queuedFor: db.prepare(`SELECT item, kind, group_id AS groupId, member, state, attempts, next_attempt_at AS nextAttemptAt FROM group_out
        WHERE member = ? AND state = 'queued' ORDER BY created, rowid LIMIT ?`),
      due: db.prepare(`SELECT DISTINCT member FROM group_out WHERE state = 'queued' AND next_attempt_at <= ?`),
      defer: db.prepare(`UPDATE group_out SET attempts = attempts + 1, next_attempt_at = ? WHERE item = ? AND member = ? AND state = 'queued'`),
      hold: db.prepare(`UPDATE group_out SET next_attempt_at = ? WHERE item = ? AND member = ? AND state = 'queued'`),
      pend: db.prepare('INSERT OR IGNORE INTO group_pending (id, group_id, signed, received_at) VALUES (?, ?, ?, ?)'),
      pending: db.prepare('SELECT id, signed FROM group_pending WHERE group_id = ? ORDER BY received_at, rowid'),
      pendingCount: db.prepare('SELECT count(*) AS n FROM group_pending WHERE group_id = ?'),
      pendingUnknown: db.prepare('SELECT count(*) AS n FROM group_pending WHERE group_id NOT IN (SELECT id FROM groups)'),
      unpend: db.prepare('DELETE FROM group_pending WHERE id = ?'),
      pendingHas: db.prepare('SELECT 1 FROM group_pending WHERE id = ?')
    }
  }

  /** Keeps a record (once per hash); true when it is new here. */
  addRecord (groupId: string, hash: string, version: number, signed: Uint8Array): boolean {
    return Number(this.q.addRecord.run(hash, groupId, version, signed, Date.now()).changes) === 1
  }

  /** Every record held of a group (SignedItem bytes), lowest version first. */
  records (groupId: string): Uint8Array[] {
    return (this.q.records.all(groupId) as Array<{ signed: Uint8Array }>).map(r => r.signed)
  }

  /** One record by its hash (SignedItem bytes). */
  record (hash: string): Uint8Array | undefined {
    return (this.q.record.get(hash) as { signed: Uint8Array } | undefined)?.signed
  }

  /** Whether any record of this group is held. */
  knows (groupId: string): boolean {
    return this.q.knows.get(groupId) != null
  }

  /** A member left or was removed: my posts still queued for them are not sent (records still are: they learn of it). */
  dropQueuedPosts (groupId: string, member: string): void {
    this.q.dropQueued.run(groupId, member)
  }

  setGroup (g: GroupView): void {
    this.q.setGroup.run(g.id, g.name, g.version, g.recordHash, JSON.stringify(g.members), JSON.stringify(g.admins), g.member ? 1 : 0)
  }

  groups (): GroupView[] {
    return (this.q.groups.all() as unknown as GroupRow[]).map(toView)
  }

  group (id: string): GroupView | undefined {
    const r = this.q.group.get(id) as GroupRow | undefined
    return r == null ? undefined : toView(r)
  }

  /** My next seq in a group (1, 2, ...): committed, so a restart never reuses one. */
  nextSeq (groupId: string): number {
    return (this.q.nextSeq.get(groupId) as { seq: number }).seq
  }

  /** Commits my post and a queued row per member to send it to (one transaction). */
  addOutgoing (p: NewPost, signed: Uint8Array, members: string[]): void {
    const now = Date.now()
    transaction(this.db, () => {
      this.q.insertPost.run(p.id, p.groupId, p.sender, p.fromName, p.seq, p.sentAt, p.body, p.groupVersion, signed, 'out', 'queued', now)
      for (const m of members) this.q.addOut.run(p.id, 'post', p.groupId, m, 'queued', now)
    })
  }

  /** Queues an item for members in one transaction; rows already there are kept. */
  addOut (item: string, kind: 'post' | 'record', groupId: string, members: string[]): void {
    const now = Date.now()
    transaction(this.db, () => { for (const m of members) this.q.addOut.run(item, kind, groupId, m, 'queued', now) })
  }

  /**
   * Stores an incoming post once (its id is the key), with its sent-at
   * clamped (clampSentAt). 'duplicate': this id is held already;
   * 'conflict': the sender's seq is held under another id (a sender that
   * reuses a seq is refused, not stored twice).
   */
  addIncoming (p: NewPost, signed: Uint8Array, receivedAt = Date.now()): 'stored' | 'duplicate' | 'conflict' {
    return transaction(this.db, () => {
      if (this.q.post.get(p.id) != null) {
        this.q.unpend.run(p.id)
        return 'duplicate'
      }
      if (this.q.postAt.get(p.groupId, p.sender, p.seq) != null) return 'conflict'
      this.q.insertPost.run(p.id, p.groupId, p.sender, p.fromName, p.seq, clampSentAt(p.sentAt, receivedAt), p.body, p.groupVersion, signed, 'in', 'received', receivedAt)
      this.q.unpend.run(p.id)
      return 'stored'
    })
  }

  post (id: string): StoredPost | undefined {
    const r = this.q.post.get(id) as PostRow | undefined
    return r == null ? undefined : toPost(r)
  }

  signedPost (id: string): Uint8Array | undefined {
    return (this.q.signedPost.get(id) as { signed: Uint8Array } | undefined)?.signed
  }

  /** A sender's posts seq from..to (SignedItem bytes), at most `limit`: what a repair answers with. */
  range (groupId: string, sender: string, from: number, to: number, limit: number): Uint8Array[] {
    return (this.q.range.all(groupId, sender, from, to, limit) as Array<{ signed: Uint8Array }>).map(r => r.signed)
  }

  /** Per sender, the highest seq held with nothing missing below it (a sender whose seq 1 is missing: 0). */
  heads (groupId: string): Map<string, number> {
    const heads = new Map<string, number>()
    for (const { sender, seq } of this.q.senderSeqs.all(groupId) as Array<{ sender: string, seq: number }>) {
      const at = heads.get(sender) ?? 0
      if (seq === at + 1) heads.set(sender, seq)
      else if (!heads.has(sender)) heads.set(sender, 0)
    }
    return heads
  }

  /** The latest `limit` posts sent before `before`, oldest first, in the order of mergeSenders. */
  history (groupId: string, limit: number, before = Number.MAX_SAFE_INTEGER): StoredPost[] {
    return mergeSenders((this.q.history.all(groupId, before, limit) as unknown as PostRow[]).map(toPost))
  }

  unreadByGroup (): Map<string, number> {
    return new Map((this.q.unread.all() as Array<{ group_id: string, n: number }>).map(r => [r.group_id, r.n]))
  }

  /** Marks incoming posts read (all unread, or those ids); returns the ids changed with their senders. */
  markRead (groupId: string, ids?: string[]): Array<{ id: string, sender: string }> {
    return transaction(this.db, () => {
      const candidates = ids ?? (this.q.unreadIds.all(groupId) as Array<{ id: string }>).map(r => r.id)
      const out: Array<{ id: string, sender: string }> = []
      for (const id of candidates) {
        const row = this.q.markRead.get(id, groupId) as { sender: string } | undefined
        if (row != null) out.push({ id, sender: row.sender })
      }
      return out
    })
  }

  /** Per-member rows of an item I send. */
  progress (item: string): OutRow[] {
    return this.q.out.all(item) as unknown as OutRow[]
  }

  /** Moves a member's row forward (never back); true when it changed. */
  advance (item: string, member: string, state: OutState): boolean {
    const row = this.q.outOne.get(item, member) as { state: OutState } | undefined
    if (row == null || RANK[state] <= RANK[row.state]) return false
    this.q.setOut.run(state, item, member)
    return true
  }

  /** advance() for several members of one item, in one commit; returns the members whose row moved. */
  advanceAll (item: string, members: string[], state: OutState): string[] {
    return transaction(this.db, () => members.filter(m => this.advance(item, m, state)))
  }

  /** Keeps the members' queued rows of an item from being tried before `until` (a shared deposit is on its way for them). */
  hold (item: string, members: string[], until: number): void {
    transaction(this.db, () => { for (const m of members) this.q.hold.run(until, item, m) })
  }

  setPostState (id: string, state: string): void {
    this.q.setPostState.run(state, id)
  }

  queuedFor (member: string, limit: number): OutRow[] {
    return this.q.queuedFor.all(member, limit) as unknown as OutRow[]
  }

  /** Members with queued items whose retry time has come. */
  due (now: number): string[] {
    return (this.q.due.all(now) as Array<{ member: string }>).map(r => r.member)
  }

  defer (item: string, member: string, at: number): void {
    this.q.defer.run(at, item, member)
  }

  /** Keeps a post that arrived before the record it was sent under; false when it waits already. */
  pend (id: string, groupId: string, signed: Uint8Array): boolean {
    return Number(this.q.pend.run(id, groupId, signed, Date.now()).changes) === 1
  }

  isPending (id: string): boolean {
    return this.q.pendingHas.get(id) != null
  }

  pending (groupId: string): Array<{ id: string, signed: Uint8Array }> {
    return this.q.pending.all(groupId) as Array<{ id: string, signed: Uint8Array }>
  }

  pendingCount (groupId: string): number {
    return (this.q.pendingCount.get(groupId) as { n: number }).n
  }

  /** Posts waiting for groups I hold no record of, all together. */
  pendingForUnknownGroups (): number {
    return (this.q.pendingUnknown.get() as { n: number }).n
  }

  unpend (id: string): void {
    this.q.unpend.run(id)
  }
}
