/**
 * The index server's durable state in one SQLite file (WAL, synchronous FULL):
 * name bindings (trust on first use) and the offline relay queue. Each lives
 * behind a narrow interface, so another backend (e.g. PostgreSQL) can
 * implement the same two interfaces.
 *
 * @example
 * ```ts
 * const store = openIndexStore('/var/lib/lanchat-index')
 * store.names.bind('alice', peerId, Date.now())
 * ```
 */
import { join } from 'node:path'
import { MAX_EXPIRED_NOTICES_PER_SENDER } from '../protocols/constants.js'
import { openDatabase, transaction } from '../runtime/sqlite.js'
import { migrateUsers, nameStore, USERS_SCHEMA } from './name-store.js'
import type { DatabaseSync } from 'node:sqlite'

/** File name of the index database inside --data. */
export const INDEX_DB_FILE = 'index.db'

import type { NameStore } from './name-store.js'
export type { BindResult, NameStore, UserRecord } from './name-store.js'

export interface StoredEnvelope {
  id: string
  sender: string
  recipient: string
  recipientPeerId: string
  depositedAt: number
  payload: Uint8Array
}

export interface QueueStats {
  recipient: string
  peerId: string
  count: number
  bytes: number
  oldest: number
}

export type DepositResult =
  | { ok: true, duplicate: boolean }
  | { ok: false, reason: 'quota-count' | 'quota-bytes' | 'sender-share' }

/** What may wait for one recipient: in all, and from any one sender */
export interface RelayQuota {
  count: number
  bytes: number
  /** envelopes from one sender to one recipient */
  senderCount: number
  /** payload bytes from one sender to one recipient */
  senderBytes: number
}

export type ExpiryCause = 'retention' | 'released' | 'refused'

/** A note for a sender: the relay dropped this envelope of yours, and why (no contents). */
export interface ExpiredNotice {
  id: string
  sender: string
  recipient: string
  recipientPeerId: string
  reason: ExpiryCause
  at: number
}

export interface RelayStore {
  /** stores an envelope within the recipient's quota and the sender's share of it, idempotent on (sender, id); the commit is durable when this returns */
  deposit(env: StoredEnvelope, quota: RelayQuota): DepositResult
  /** the oldest waiting envelopes of a recipient, at most maxCount and about maxBytes */
  fetch(recipientPeerId: string, maxCount: number, maxBytes: number): { envelopes: StoredEnvelope[], more: boolean }
  /** deletes acknowledged envelopes of this recipient; returns how many */
  ack(recipientPeerId: string, ids: string[]): number
  pending(recipientPeerId: string): number
  /** deletes envelopes deposited before `before`, noting each for its sender (retention); returns the senders noted */
  expire(before: number, now?: number): { count: number, senders: string[] }
  /** the recipient refuses these envelopes of its own: deleted and noted for their senders (refused); returns the senders */
  refuse(recipientPeerId: string, ids: string[], now?: number): { count: number, senders: string[] }
  /** the oldest notes for a sender, at most maxCount */
  expired(sender: string, maxCount: number): { notices: ExpiredNotice[], more: boolean }
  /** the sender recorded these notes: delete them; returns how many */
  ackExpired(sender: string, ids: string[]): number
  /** how many notes wait for a sender */
  expiredPending(sender: string): number
  /** deletes notes older than `before`; returns how many */
  forgetNotices(before: number): number
  queues(): QueueStats[]
}

export interface IndexStore {
  names: NameStore
  relay: RelayStore
  /** changes when another connection (an admin command) commits */
  dataVersion(): number
  /** key/value facts about the running server for `lanchat-index status` */
  setState(key: string, value: string): void
  getState(key: string): string | undefined
  integrityCheck(): string
  close(): void
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS envelopes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  sender TEXT NOT NULL,
  recipient TEXT NOT NULL,
  recipient_peer_id TEXT NOT NULL,
  deposited_at INTEGER NOT NULL,
  size INTEGER NOT NULL,
  payload BLOB NOT NULL,
  UNIQUE (sender, id)
);
CREATE INDEX IF NOT EXISTS envelopes_by_recipient ON envelopes (recipient_peer_id, seq);
-- acks delete by (recipient, id), and the quota check sums sizes per recipient from the index alone
CREATE INDEX IF NOT EXISTS envelopes_by_recipient_id ON envelopes (recipient_peer_id, id);
CREATE INDEX IF NOT EXISTS envelopes_usage ON envelopes (recipient_peer_id, size);
-- a sender's share of a recipient's quota, summed from the index alone
CREATE INDEX IF NOT EXISTS envelopes_sender_usage ON envelopes (recipient_peer_id, sender, size);
CREATE INDEX IF NOT EXISTS envelopes_by_age ON envelopes (deposited_at);
CREATE TABLE IF NOT EXISTS server_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- envelopes dropped before their recipient took them: ids and reasons for their senders, no contents
CREATE TABLE IF NOT EXISTS expired (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sender TEXT NOT NULL,
  id TEXT NOT NULL,
  recipient TEXT NOT NULL,
  recipient_peer_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('retention', 'released', 'refused')),
  at INTEGER NOT NULL,
  UNIQUE (sender, id)
);
CREATE INDEX IF NOT EXISTS expired_by_age ON expired (at);
`

interface EnvelopeRow { id: string, sender: string, recipient: string, recipient_peer_id: string, deposited_at: number, payload: Uint8Array }

function toEnvelope (row: EnvelopeRow): StoredEnvelope {
  return { id: row.id, sender: row.sender, recipient: row.recipient, recipientPeerId: row.recipient_peer_id, depositedAt: row.deposited_at, payload: row.payload }
}

/**
 * Moves envelopes to notes for their senders, in the caller's transaction:
 * the envelope (and its payload) goes, a note (id, recipient, reason, time)
 * stays, at most MAX_EXPIRED_NOTICES_PER_SENDER per sender. Returns the
 * senders noted.
 */
function noteAndDrop (db: DatabaseSync, where: string, params: Array<string | number>, reason: ExpiryCause, now: number): { count: number, senders: string[] } {
  db.prepare(`INSERT OR IGNORE INTO expired (sender, id, recipient, recipient_peer_id, reason, at)
    SELECT sender, id, recipient, recipient_peer_id, ?, ? FROM envelopes WHERE ${where} ORDER BY seq`).run(reason, now, ...params)
  const senders = (db.prepare(`SELECT DISTINCT sender FROM envelopes WHERE ${where}`).all(...params) as Array<{ sender: string }>).map(r => r.sender)
  const count = Number(db.prepare(`DELETE FROM envelopes WHERE ${where}`).run(...params).changes)
  for (const sender of senders) {
    db.prepare(`DELETE FROM expired WHERE sender = ? AND seq NOT IN (SELECT seq FROM expired WHERE sender = ? ORDER BY seq DESC LIMIT ?)`)
      .run(sender, sender, MAX_EXPIRED_NOTICES_PER_SENDER)
  }
  return { count, senders }
}

function relayStore (db: DatabaseSync): RelayStore {
  const usage = db.prepare('SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM envelopes WHERE recipient_peer_id = ?')
  const senderUsage = db.prepare('SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM envelopes WHERE recipient_peer_id = ? AND sender = ?')
  const exists = db.prepare('SELECT 1 FROM envelopes WHERE sender = ? AND id = ?')
  const insert = db.prepare('INSERT INTO envelopes (id, sender, recipient, recipient_peer_id, deposited_at, size, payload) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const page = db.prepare('SELECT id, sender, recipient, recipient_peer_id, deposited_at, payload FROM envelopes WHERE recipient_peer_id = ? ORDER BY seq LIMIT ?')
  const delOne = db.prepare('DELETE FROM envelopes WHERE recipient_peer_id = ? AND id = ?')
  const notices = db.prepare('SELECT id, sender, recipient, recipient_peer_id, reason, at FROM expired WHERE sender = ? ORDER BY seq LIMIT ?')
  const delNotice = db.prepare('DELETE FROM expired WHERE sender = ? AND id = ?')
  const countNotices = db.prepare('SELECT count(*) AS n FROM expired WHERE sender = ?')
  const oldNotices = db.prepare('DELETE FROM expired WHERE at < ?')
  const queues = db.prepare(`SELECT recipient, recipient_peer_id AS peerId, count(*) AS count, sum(size) AS bytes, min(deposited_at) AS oldest
    FROM envelopes GROUP BY recipient_peer_id ORDER BY recipient`)

  return {
    deposit: (env, quota) => transaction(db, () => {
      if (exists.get(env.sender, env.id) != null) return { ok: true, duplicate: true }
      const mine = senderUsage.get(env.recipientPeerId, env.sender) as { count: number, bytes: number }
      if (mine.count + 1 > quota.senderCount || mine.bytes + env.payload.length > quota.senderBytes) return { ok: false, reason: 'sender-share' }
      const used = usage.get(env.recipientPeerId) as { count: number, bytes: number }
      if (used.count + 1 > quota.count) return { ok: false, reason: 'quota-count' }
      if (used.bytes + env.payload.length > quota.bytes) return { ok: false, reason: 'quota-bytes' }
      insert.run(env.id, env.sender, env.recipient, env.recipientPeerId, env.depositedAt, env.payload.length, env.payload)
      return { ok: true, duplicate: false }
    }),
    fetch: (recipientPeerId, maxCount, maxBytes) => {
      const rows = page.all(recipientPeerId, maxCount + 1) as unknown as EnvelopeRow[]
      const envelopes: StoredEnvelope[] = []
      let bytes = 0
      for (const row of rows.slice(0, maxCount)) {
        if (envelopes.length > 0 && bytes + row.payload.length > maxBytes) break
        bytes += row.payload.length
        envelopes.push(toEnvelope(row))
      }
      return { envelopes, more: rows.length > envelopes.length }
    },
    ack: (recipientPeerId, ids) => transaction(db, () => {
      let n = 0
      for (const id of ids) n += Number(delOne.run(recipientPeerId, id).changes)
      return n
    }),
    pending: (recipientPeerId) => (usage.get(recipientPeerId) as { count: number }).count,
    expire: (before, now = Date.now()) => transaction(db, () => noteAndDrop(db, 'deposited_at < ?', [before], 'retention', now)),
    refuse: (recipientPeerId, ids, now = Date.now()) => transaction(db, () => {
      let count = 0
      const senders = new Set<string>()
      for (const id of ids) {
        const r = noteAndDrop(db, 'recipient_peer_id = ? AND id = ?', [recipientPeerId, id], 'refused', now)
        count += r.count
        for (const s of r.senders) senders.add(s)
      }
      return { count, senders: [...senders] }
    }),
    expired: (sender, maxCount) => {
      const rows = notices.all(sender, maxCount + 1) as Array<{ id: string, sender: string, recipient: string, recipient_peer_id: string, reason: ExpiryCause, at: number }>
      return {
        notices: rows.slice(0, maxCount).map(r => ({ id: r.id, sender: r.sender, recipient: r.recipient, recipientPeerId: r.recipient_peer_id, reason: r.reason, at: r.at })),
        more: rows.length > maxCount
      }
    },
    ackExpired: (sender, ids) => transaction(db, () => {
      let n = 0
      for (const id of ids) n += Number(delNotice.run(sender, id).changes)
      return n
    }),
    expiredPending: (sender) => (countNotices.get(sender) as { n: number }).n,
    forgetNotices: (before) => Number(oldNotices.run(before).changes),
    queues: () => queues.all() as unknown as QueueStats[]
  }
}

/** Opens (creating if needed) the index database in `dataDir`. */
export function openIndexStore (dataDir: string): IndexStore {
  const db = openDatabase(join(dataDir, INDEX_DB_FILE), 'FULL')
  db.exec(USERS_SCHEMA)
  db.exec(SCHEMA)
  const dataVersion = db.prepare('PRAGMA data_version')
  const setState = db.prepare('INSERT INTO server_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  const getState = db.prepare('SELECT value FROM server_state WHERE key = ?')
  migrateUsers(db, {
    get: (key) => (getState.get(key) as { value: string } | undefined)?.value,
    set: (key, value) => { setState.run(key, value) }
  })
  return {
    names: nameStore(db, (peerId, now) => { noteAndDrop(db, 'recipient_peer_id = ?', [peerId], 'released', now) }),
    relay: relayStore(db),
    dataVersion: () => (dataVersion.get() as { data_version: number }).data_version,
    setState: (key, value) => { setState.run(key, value) },
    getState: (key) => (getState.get(key) as { value: string } | undefined)?.value,
    integrityCheck: () => (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
    close: () => { db.close() }
  }
}
