/**
 * The group tables (schema.ts) behind one class: records held and the group
 * each makes, posts (history), per-member progress of what I send, receipts
 * I owe, posts waiting for their record. Writes are synchronous FULL
 * commits, like the message store: a post is durable before it is acked.
 */
import { transaction } from '../../runtime/sqlite.js'
import type { DatabaseSync } from 'node:sqlite'

const RANK: Record<string, number> = { queued: 0, relayed: 1, delivered: 3, read: 4, dropped: 5 }

export interface GroupView {
  id: string
  name: string
  version: number
  recordHash: string
  members: Array<{ peerId: string, name: string }>
  admins: string[]
  /** I am a member now */
  member: boolean
}

export interface StoredPost {
  id: string
  groupId: string
  sender: string
  fromName: string
  seq: number
  sentAt: number
  body: string
  groupVersion: number
  direction: 'in' | 'out'
  state: string
  createdAt: number
}

export interface OutRow { item: string, kind: 'post' | 'record', groupId: string, member: string, state: string, attempts: number }

interface PostRow { id: string, group_id: string, sender: string, from_name: string, seq: number, sent_at: number, body: string, group_version: number, direction: 'in' | 'out', state: string, created_at: number }

function toPost (r: PostRow): StoredPost {
  return { id: r.id, groupId: r.group_id, sender: r.sender, fromName: r.from_name, seq: r.seq, sentAt: r.sent_at, body: r.body, groupVersion: r.group_version, direction: r.direction, state: r.state, createdAt: r.created_at }
}

/** Each sender's posts in seq order, the senders interleaved by sent-at (ties: sender, then seq). */
export function mergeSenders (posts: StoredPost[]): StoredPost[] {
  const lanes = new Map<string, StoredPost[]>()
  for (const p of posts) lanes.set(p.sender, [...(lanes.get(p.sender) ?? []), p])
  const queues = [...lanes.values()].map(l => l.sort((a, b) => a.seq - b.seq))
  const out: StoredPost[] = []
  for (;;) {
    let best: StoredPost[] | undefined
    for (const q of queues) {
      if (q.length === 0) continue
      const a = q[0]
      const b = best?.[0]
      if (b == null || a.sentAt < b.sentAt || (a.sentAt === b.sentAt && (a.sender < b.sender || (a.sender === b.sender && a.seq < b.seq)))) best = q
    }
    if (best == null) return out
    out.push(best.shift() as StoredPost)
  }
}

export class GroupStore {
  private readonly db: DatabaseSync
  private readonly q
  /** per group and sender: the highest seq held with none missing below (filled lazily) */
  private readonly heads = new Map<string, Map<string, number>>()

  constructor (db: DatabaseSync) {
    this.db = db
    this.q = {
      addRecord: db.prepare('INSERT OR IGNORE INTO group_records (hash, group_id, version, signed, received_at) VALUES (?, ?, ?, ?, ?)'),
      records: db.prepare('SELECT signed FROM group_records WHERE group_id = ? ORDER BY version'),
      record: db.prepare('SELECT signed FROM group_records WHERE hash = ?'),
      setGroup: db.prepare(`INSERT INTO groups (id, name, version, record_hash, members, admins, member) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version, record_hash = excluded.record_hash, members = excluded.members, admins = excluded.admins, member = excluded.member`),
      groups: db.prepare('SELECT * FROM groups ORDER BY name'),
      group: db.prepare('SELECT * FROM groups WHERE id = ?'),
      nextSeq: db.prepare('INSERT INTO group_seqs (group_id, next_out) VALUES (?, 2) ON CONFLICT (group_id) DO UPDATE SET next_out = next_out + 1 RETURNING next_out - 1 AS seq'),
      insertPost: db.prepare(`INSERT INTO group_posts (id, group_id, sender, from_name, seq, sent_at, body, group_version, signed, direction, state, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      post: db.prepare('SELECT * FROM group_posts WHERE id = ?'),
      postAt: db.prepare('SELECT id FROM group_posts WHERE group_id = ? AND sender = ? AND seq = ?'),
      signedPost: db.prepare('SELECT signed FROM group_posts WHERE id = ?'),
      range: db.prepare('SELECT signed FROM group_posts WHERE group_id = ? AND sender = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?'),
      senderSeqs: db.prepare('SELECT sender, seq FROM group_posts WHERE group_id = ? ORDER BY sender, seq'),
      history: db.prepare(`SELECT * FROM (SELECT * FROM group_posts WHERE group_id = ? AND sent_at < ? ORDER BY sent_at DESC, sender DESC, seq DESC LIMIT ?)`),
      unread: db.prepare(`SELECT group_id, count(*) AS n FROM group_posts WHERE direction = 'in' AND state = 'received' GROUP BY group_id`),
      unreadIds: db.prepare(`SELECT id, sender FROM group_posts WHERE group_id = ? AND direction = 'in' AND state = 'received'`),
      markRead: db.prepare(`UPDATE group_posts SET state = 'read' WHERE id = ? AND group_id = ? AND direction = 'in' AND state = 'received' RETURNING sender`),
      setPostState: db.prepare('UPDATE group_posts SET state = ? WHERE id = ?'),
      addOut: db.prepare('INSERT OR IGNORE INTO group_out (item, kind, group_id, member, state, created) VALUES (?, ?, ?, ?, ?, ?)'),
      out: db.prepare('SELECT item, kind, group_id AS groupId, member, state, attempts FROM group_out WHERE item = ? ORDER BY member'),
      outOne: db.prepare('SELECT state FROM group_out WHERE item = ? AND member = ?'),
      setOut: db.prepare('UPDATE group_out SET state = ? WHERE item = ? AND member = ?'),
      queuedFor: db.prepare(`SELECT item, kind, group_id AS groupId, member, state, attempts FROM group_out WHERE member = ? AND state = 'queued' ORDER BY created, rowid LIMIT ?`),
      due: db.prepare(`SELECT DISTINCT member FROM group_out WHERE state = 'queued' AND next_attempt_at <= ?`),
      defer: db.prepare('UPDATE group_out SET attempts = attempts + 1, next_attempt_at = ? WHERE item = ? AND member = ?'),
      owe: db.prepare('INSERT OR IGNORE INTO group_owed (peer_id, group_id, id, kind) VALUES (?, ?, ?, ?)'),
      owed: db.prepare('SELECT group_id AS groupId, id, kind FROM group_owed WHERE peer_id = ? ORDER BY rowid LIMIT ?'),
      paid: db.prepare('DELETE FROM group_owed WHERE peer_id = ? AND id = ? AND kind = ?'),
      pend: db.prepare('INSERT OR IGNORE INTO group_pending (id, group_id, signed, received_at) VALUES (?, ?, ?, ?)'),
      pending: db.prepare('SELECT id, signed FROM group_pending WHERE group_id = ? ORDER BY received_at'),
      unpend: db.prepare('DELETE FROM group_pending WHERE id = ?')
    }
  }

  /** Keeps a record (once per hash); true when it is new here. */
  addRecord (groupId: string, hash: string, version: number, signed: Uint8Array): boolean {
    return Number(this.q.addRecord.run(hash, groupId, version, signed, Date.now()).changes) === 1
  }

  records (groupId: string): Uint8Array[] {
    return (this.q.records.all(groupId) as Array<{ signed: Uint8Array }>).map(r => r.signed)
  }

  record (hash: string): Uint8Array | undefined {
    return (this.q.record.get(hash) as { signed: Uint8Array } | undefined)?.signed
  }

  setGroup (g: GroupView): void {
    this.q.setGroup.run(g.id, g.name, g.version, g.recordHash, JSON.stringify(g.members), JSON.stringify(g.admins), g.member ? 1 : 0)
  }

  private view (r: any): GroupView {
    return { id: r.id, name: r.name, version: r.version, recordHash: r.record_hash, members: JSON.parse(r.members), admins: JSON.parse(r.admins), member: r.member === 1 }
  }

  groups (): GroupView[] {
    return (this.q.groups.all() as any[]).map(r => this.view(r))
  }

  group (id: string): GroupView | undefined {
    const r = this.q.group.get(id)
    return r == null ? undefined : this.view(r)
  }

  nextSeq (groupId: string): number {
    return (this.q.nextSeq.get(groupId) as { seq: number }).seq
  }

  /** Commits my post and a queued row per member to send it to (one transaction). */
  addOutgoing (p: Omit<StoredPost, 'direction' | 'state' | 'createdAt'>, signed: Uint8Array, members: string[], state: string): void {
    const now = Date.now()
    transaction(this.db, () => {
      this.q.insertPost.run(p.id, p.groupId, p.sender, p.fromName, p.seq, p.sentAt, p.body, p.groupVersion, signed, 'out', state, now)
      for (const m of members) this.q.addOut.run(p.id, 'post', p.groupId, m, 'queued', now)
    })
    this.noteHead(p.groupId, p.sender, p.seq)
  }

  /** Queues an item (a record) for members; rows already there are kept. */
  addOut (item: string, kind: 'post' | 'record', groupId: string, members: string[]): void {
    const now = Date.now()
    transaction(this.db, () => { for (const m of members) this.q.addOut.run(item, kind, groupId, m, 'queued', now) })
  }

  /** Stores an incoming post once; 'duplicate' when its id (or its sender's seq) is held already. */
  addIncoming (p: Omit<StoredPost, 'direction' | 'state' | 'createdAt'>, signed: Uint8Array): 'stored' | 'duplicate' {
    if (this.q.post.get(p.id) != null || this.q.postAt.get(p.groupId, p.sender, p.seq) != null) return 'duplicate'
    transaction(this.db, () => {
      this.q.insertPost.run(p.id, p.groupId, p.sender, p.fromName, p.seq, p.sentAt, p.body, p.groupVersion, signed, 'in', 'received', Date.now())
      this.q.unpend.run(p.id)
    })
    this.noteHead(p.groupId, p.sender, p.seq)
    return 'stored'
  }

  post (id: string): StoredPost | undefined {
    const r = this.q.post.get(id) as PostRow | undefined
    return r == null ? undefined : toPost(r)
  }

  signedPost (id: string): Uint8Array | undefined {
    return (this.q.signedPost.get(id) as { signed: Uint8Array } | undefined)?.signed
  }

  /** A sender's posts from..to (signed), at most `limit`. */
  range (groupId: string, sender: string, from: number, to: number, limit: number): Uint8Array[] {
    return (this.q.range.all(groupId, sender, from, to, limit) as Array<{ signed: Uint8Array }>).map(r => r.signed)
  }

  private senderHeads (groupId: string): Map<string, number> {
    let heads = this.heads.get(groupId)
    if (heads == null) {
      heads = new Map()
      for (const { sender, seq } of this.q.senderSeqs.all(groupId) as Array<{ sender: string, seq: number }>) {
        if (seq === (heads.get(sender) ?? 0) + 1) heads.set(sender, seq)
      }
      this.heads.set(groupId, heads)
    }
    return heads
  }

  private noteHead (groupId: string, sender: string, seq: number): void {
    const heads = this.heads.get(groupId)
    if (heads == null) return
    let at = heads.get(sender) ?? 0
    if (seq !== at + 1) return
    // a repair can fill a gap below posts held already: move on past them
    while (this.q.postAt.get(groupId, sender, at + 1) != null) at++
    heads.set(sender, at)
  }

  /** Per sender, the highest seq held with nothing missing below. */
  headsOf (groupId: string): Map<string, number> {
    return new Map(this.senderHeads(groupId))
  }

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
  advance (item: string, member: string, state: string): boolean {
    const row = this.q.outOne.get(item, member) as { state: string } | undefined
    if (row == null || RANK[state] <= RANK[row.state]) return false
    this.q.setOut.run(state, item, member)
    return true
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

  owe (peerId: string, groupId: string, ids: string[], kind: 'delivered' | 'read'): void {
    transaction(this.db, () => { for (const id of ids) this.q.owe.run(peerId, groupId, id, kind) })
  }

  owed (peerId: string, limit = 256): Array<{ groupId: string, id: string, kind: 'delivered' | 'read' }> {
    return this.q.owed.all(peerId, limit) as Array<{ groupId: string, id: string, kind: 'delivered' | 'read' }>
  }

  paid (peerId: string, ids: string[], kind: 'delivered' | 'read'): void {
    transaction(this.db, () => { for (const id of ids) this.q.paid.run(peerId, id, kind) })
  }

  pend (id: string, groupId: string, signed: Uint8Array): void {
    this.q.pend.run(id, groupId, signed, Date.now())
  }

  pending (groupId: string): Array<{ id: string, signed: Uint8Array }> {
    return this.q.pending.all(groupId) as Array<{ id: string, signed: Uint8Array }>
  }
}
