/**
 * File transfers in the profile database: one row per transfer (either
 * direction) and one per file in it, so an offer waiting for an offline
 * person, a transfer cut by a dropped link or a restart, and what already
 * arrived all survive the daemon. Also the people whose files are accepted
 * without asking (`lanchat trust NAME --files`).
 *
 * @example
 * ```ts
 * ensureFileTables(db)
 * const store = new FileStore(db)
 * store.create(transfer, entries)
 * store.setState(id, 'sending')
 * ```
 */
import { transaction } from '../../runtime/sqlite.js'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { FileState } from '../types.js'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS file_transfers (
  id TEXT PRIMARY KEY,                   -- the sender's transfer id (UUIDv7)
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  peer_id TEXT NOT NULL,                 -- the other person
  peer_name TEXT NOT NULL,               -- their name when the offer was made
  state TEXT NOT NULL,                   -- pending | offered | accepted | sending | receiving | paused | done | rejected | cancelled | failed
  reason TEXT,                           -- why it is paused, cancelled or failed (a code)
  detail TEXT,                           -- the same, in words
  size INTEGER NOT NULL,                 -- bytes of all its files
  file_count INTEGER NOT NULL,
  dir TEXT,                              -- incoming: the folder the files land in
  upload TEXT,                           -- outgoing: a staged upload folder, removed when the transfer ends
  owed TEXT,                             -- a notice the peer has not heard yet: offer | reject | cancel | done | failed
  owed_status TEXT,                      -- its status (files.proto Status)
  owed_text TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER NOT NULL,              -- the sender's clock
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS file_transfers_by_peer ON file_transfers (peer_id, direction, state);
CREATE TABLE IF NOT EXISTS file_entries (
  transfer_id TEXT NOT NULL REFERENCES file_transfers (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,                  -- order in the offer
  path TEXT NOT NULL,                    -- relative path, "/"-separated (incoming: sanitised)
  size INTEGER NOT NULL,
  sha256 BLOB NOT NULL,
  chunks BLOB NOT NULL,                  -- root of the chunk hash list
  source TEXT,                           -- outgoing: the file on this computer
  mtime_ms INTEGER,                      -- outgoing: its modification time when offered
  hash_list BLOB,                        -- outgoing: the chunk SHA-256s, 32 bytes each
  state TEXT NOT NULL DEFAULT 'waiting', -- waiting | done | skipped
  done_bytes INTEGER NOT NULL DEFAULT 0, -- bytes verified (incoming) or sent (outgoing)
  landed TEXT,                           -- incoming: where it was put, relative to dir
  PRIMARY KEY (transfer_id, idx)
);
CREATE TABLE IF NOT EXISTS file_trust (
  peer_id TEXT PRIMARY KEY               -- offers from this person are accepted without asking
);
`

/**
 * Creates the file tables in a profile that has none (one from before file
 * transfer). Every statement is IF NOT EXISTS; the profile's one schema
 * version (PRAGMA user_version, 3 with these tables: node/groups/schema.ts)
 * is recorded by migrateProfileSchema right after.
 */
export function ensureFileTables (db: DatabaseSync): void {
  db.exec(SCHEMA)
}

export type Direction = 'in' | 'out'
export type EntryState = 'waiting' | 'done' | 'skipped'
/** A notice owed to the peer. */
export type Owed = 'offer' | 'reject' | 'cancel' | 'done' | 'failed'

export interface TransferRecord {
  id: string
  direction: Direction
  peerId: string
  peerName: string
  state: FileState
  reason: string | null
  detail: string | null
  size: number
  fileCount: number
  dir: string | null
  upload: string | null
  owed: Owed | null
  owedStatus: string | null
  owedText: string | null
  attempts: number
  nextAttemptAt: number
  sentAt: number
  createdAt: number
  updatedAt: number
}

export interface EntryRecord {
  transferId: string
  idx: number
  path: string
  size: number
  sha256: Uint8Array<ArrayBuffer>
  chunks: Uint8Array<ArrayBuffer>
  source: string | null
  mtimeMs: number | null
  hashList: Uint8Array<ArrayBuffer> | null
  state: EntryState
  doneBytes: number
  landed: string | null
}

type Row = Record<string, any>

function toTransfer (r: Row): TransferRecord {
  return {
    id: r.id, direction: r.direction, peerId: r.peer_id, peerName: r.peer_name, state: r.state, reason: r.reason, detail: r.detail,
    size: r.size, fileCount: r.file_count, dir: r.dir, upload: r.upload, owed: r.owed, owedStatus: r.owed_status, owedText: r.owed_text,
    attempts: r.attempts, nextAttemptAt: r.next_attempt_at, sentAt: r.sent_at, createdAt: r.created_at, updatedAt: r.updated_at
  }
}

function toEntry (r: Row): EntryRecord {
  return {
    transferId: r.transfer_id, idx: r.idx, path: r.path, size: r.size, sha256: new Uint8Array(r.sha256), chunks: new Uint8Array(r.chunks),
    source: r.source, mtimeMs: r.mtime_ms, hashList: r.hash_list == null ? null : new Uint8Array(r.hash_list),
    state: r.state, doneBytes: r.done_bytes, landed: r.landed
  }
}

export type NewTransfer = Pick<TransferRecord, 'id' | 'direction' | 'peerId' | 'peerName' | 'state' | 'size' | 'fileCount' | 'sentAt'> &
  Partial<Pick<TransferRecord, 'dir' | 'upload' | 'owed'>>
export type NewEntry = Pick<EntryRecord, 'idx' | 'path' | 'size' | 'sha256' | 'chunks'> & Partial<Pick<EntryRecord, 'source' | 'mtimeMs' | 'hashList' | 'state'>>

/** What a transfer row may change to. */
export type TransferChange = Partial<Pick<TransferRecord, 'state' | 'reason' | 'detail' | 'dir' | 'owed' | 'owedStatus' | 'owedText' | 'attempts' | 'nextAttemptAt'>>

const COLUMNS: Record<keyof TransferChange, string> = {
  state: 'state', reason: 'reason', detail: 'detail', dir: 'dir', owed: 'owed', owedStatus: 'owed_status', owedText: 'owed_text', attempts: 'attempts', nextAttemptAt: 'next_attempt_at'
}

export class FileStore {
  private readonly db: DatabaseSync
  private readonly byId: StatementSync
  private readonly entriesOf: StatementSync
  private readonly entryUpdate: StatementSync
  private readonly progressUpdate: StatementSync
  /** the connection's own synchronous level, restored after each progress mark */
  private readonly synchronous: number

  constructor (db: DatabaseSync) {
    this.db = db
    this.byId = db.prepare('SELECT * FROM file_transfers WHERE id = ?')
    this.entriesOf = db.prepare('SELECT * FROM file_entries WHERE transfer_id = ? ORDER BY idx')
    this.entryUpdate = db.prepare('UPDATE file_entries SET state = ?, done_bytes = ?, landed = coalesce(?, landed) WHERE transfer_id = ? AND idx = ?')
    this.synchronous = Number((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous)
    this.progressUpdate = db.prepare("UPDATE file_entries SET done_bytes = ? WHERE transfer_id = ? AND idx = ? AND state = 'waiting'")
  }

  /** Writes a transfer and its files in one commit. */
  create (t: NewTransfer, entries: NewEntry[]): TransferRecord {
    const now = Date.now()
    const insertEntry = this.db.prepare('INSERT INTO file_entries (transfer_id, idx, path, size, sha256, chunks, source, mtime_ms, hash_list, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    transaction(this.db, () => {
      this.db.prepare(`INSERT INTO file_transfers (id, direction, peer_id, peer_name, state, size, file_count, dir, upload, owed, sent_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(t.id, t.direction, t.peerId, t.peerName, t.state, t.size, t.fileCount, t.dir ?? null, t.upload ?? null, t.owed ?? null, t.sentAt, now, now)
      for (const e of entries) {
        insertEntry.run(t.id, e.idx, e.path, e.size, e.sha256, e.chunks, e.source ?? null, e.mtimeMs ?? null, e.hashList ?? null, e.state ?? 'waiting')
      }
    })
    return this.get(t.id) as TransferRecord
  }

  get (id: string): TransferRecord | undefined {
    const row = this.byId.get(id)
    return row == null ? undefined : toTransfer(row as Row)
  }

  /** Every transfer, newest first. */
  all (limit = 1000): TransferRecord[] {
    return (this.db.prepare('SELECT * FROM file_transfers ORDER BY created_at DESC, id DESC LIMIT ?').all(limit) as Row[]).map(toTransfer)
  }

  /** Transfers in one of `states`. */
  inStates (states: FileState[], direction?: Direction): TransferRecord[] {
    const marks = states.map(() => '?').join(', ')
    const sql = `SELECT * FROM file_transfers WHERE state IN (${marks})${direction != null ? ' AND direction = ?' : ''} ORDER BY created_at`
    return (this.db.prepare(sql).all(...states, ...(direction != null ? [direction] : [])) as Row[]).map(toTransfer)
  }

  /** Transfers with a notice the peer has not heard yet. */
  owing (peerId?: string): TransferRecord[] {
    const sql = `SELECT * FROM file_transfers WHERE owed IS NOT NULL${peerId != null ? ' AND peer_id = ?' : ''} ORDER BY created_at`
    return (this.db.prepare(sql).all(...(peerId != null ? [peerId] : [])) as Row[]).map(toTransfer)
  }

  /** Offers from this person still waiting for my answer. */
  waitingFrom (peerId: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM file_transfers WHERE peer_id = ? AND direction = 'in' AND state = 'offered'").get(peerId) as { n: number }).n
  }

  update (id: string, change: TransferChange): TransferRecord | undefined {
    const keys = Object.keys(change) as Array<keyof TransferChange>
    if (keys.length > 0) {
      const sets = keys.map(k => `${COLUMNS[k]} = ?`).join(', ')
      this.db.prepare(`UPDATE file_transfers SET ${sets}, updated_at = ? WHERE id = ?`).run(...keys.map(k => (change[k] ?? null) as any), Date.now(), id)
    }
    return this.get(id)
  }

  entries (id: string): EntryRecord[] {
    return (this.entriesOf.all(id) as Row[]).map(toEntry)
  }

  setEntry (id: string, idx: number, state: EntryState, doneBytes: number, landed?: string): void {
    this.entryUpdate.run(state, doneBytes, landed ?? null, id, idx)
  }

  /**
   * How far a file got (verified at the receiver, sent at the sender), as a
   * commit with synchronous NORMAL instead of the profile's FULL (restored after): durable
   * when the process is killed (WAL), not on a power cut, and ~12 µs instead
   * of an fsync per chunk. A mark lost to a power cut only means that chunk
   * is fetched again (the partial is cut back to the mark), and the whole
   * file's SHA-256 catches a partial whose unsynced bytes were lost.
   */
  saveProgress (id: string, idx: number, doneBytes: number): void {
    this.db.exec('PRAGMA synchronous = NORMAL')
    try {
      this.progressUpdate.run(doneBytes, id, idx)
    } finally {
      this.db.exec(`PRAGMA synchronous = ${this.synchronous}`)
    }
  }

  /** Bytes done over the transfer's files (verified, or sent). */
  doneBytes (id: string): number {
    return (this.db.prepare('SELECT coalesce(sum(done_bytes), 0) AS n FROM file_entries WHERE transfer_id = ?').get(id) as { n: number }).n
  }

  /** Upload folders that transfers not over yet still send from. */
  uploadsInUse (): Set<string> {
    const rows = this.db.prepare("SELECT upload FROM file_transfers WHERE upload IS NOT NULL AND state NOT IN ('done', 'rejected', 'cancelled', 'failed')").all() as Array<{ upload: string }>
    return new Set(rows.map(r => r.upload))
  }

  trusted (peerId: string): boolean {
    return this.db.prepare('SELECT 1 FROM file_trust WHERE peer_id = ?').get(peerId) != null
  }

  setTrusted (peerId: string, on: boolean): void {
    if (on) this.db.prepare('INSERT OR IGNORE INTO file_trust (peer_id) VALUES (?)').run(peerId)
    else this.db.prepare('DELETE FROM file_trust WHERE peer_id = ?').run(peerId)
  }
}
