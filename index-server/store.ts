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
import { migrateUsers, nameStore } from './name-store.js'
import { prepareIndexSchema } from './schema.js'
import type { DatabaseSync } from 'node:sqlite'

/** File name of the index database inside --data. */
export const INDEX_DB_FILE = 'index.db'

import type { NameStore } from './name-store.js'
export type { BindResult, NameStore, UserRecord } from './name-store.js'
export { INDEX_SCHEMA_VERSION, IndexSchemaTooNewError } from './schema.js'

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

/** A group item's body, stored once for every envelope that names it (each envelope's payload is then its recipient's key wrap). */
export interface SharedBody {
  id: string
  body: Uint8Array
}

export interface RelayStore {
  /**
   * stores an envelope within the recipient's quota and the sender's share of
   * it, idempotent on (sender, id); with `shared`, the body is stored once
   * per (sender, body id) and the envelope holds only its wrap (the quota
   * counts body and wrap: what the recipient will fetch); the commit is
   * durable when this returns
   */
  deposit(env: StoredEnvelope, quota: RelayQuota, shared?: SharedBody): DepositResult
  /** a shared body that no envelope took (every deposit of it refused) goes */
  dropUnused(sender: string, bodyId: string): void
  /** bytes of stored bodies, each counted once (for `lanchat-index status` and tests) */
  bodyBytes(): number
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

/** Field 5 (wraps) of a SealedItem, length-delimited: appended to a stored body it makes that recipient's sealed item. */
function withWrap (body: Uint8Array, wrap: Uint8Array): Uint8Array {
  const len: number[] = []
  for (let n = wrap.length; ; n >>>= 7) {
    if (n < 0x80) { len.push(n); break }
    len.push((n & 0x7f) | 0x80)
  }
  const out = new Uint8Array(body.length + 1 + len.length + wrap.length)
  out.set(body)
  out[body.length] = 0x2a
  out.set(len, body.length + 1)
  out.set(wrap, body.length + 1 + len.length)
  return out
}

/** Bodies no envelope refers to any more go (after an ack, an expiry, a refusal, a release). */
function dropOrphanBodies (db: DatabaseSync): void {
  db.exec('DELETE FROM bodies WHERE NOT EXISTS (SELECT 1 FROM envelopes e WHERE e.sender = bodies.sender AND e.body_id = bodies.id)')
}

interface EnvelopeRow { id: string, sender: string, recipient: string, recipient_peer_id: string, deposited_at: number, payload: Uint8Array, body: Uint8Array | null }

function toEnvelope (row: EnvelopeRow): StoredEnvelope {
  return { id: row.id, sender: row.sender, recipient: row.recipient, recipientPeerId: row.recipient_peer_id, depositedAt: row.deposited_at, payload: row.body == null ? row.payload : withWrap(row.body, row.payload) }
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
  if (count > 0) dropOrphanBodies(db)
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
  const insert = db.prepare('INSERT INTO envelopes (id, sender, recipient, recipient_peer_id, deposited_at, size, payload, body_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  const insertBody = db.prepare('INSERT OR IGNORE INTO bodies (sender, id, body) VALUES (?, ?, ?)')
  const unusedBody = db.prepare('DELETE FROM bodies WHERE sender = ? AND id = ? AND NOT EXISTS (SELECT 1 FROM envelopes e WHERE e.sender = ? AND e.body_id = ?)')
  const bodyBytes = db.prepare('SELECT coalesce(sum(length(body)), 0) AS n FROM bodies')
  const page = db.prepare(`SELECT e.id, e.sender, e.recipient, e.recipient_peer_id, e.deposited_at, e.payload, b.body FROM envelopes e
    LEFT JOIN bodies b ON b.sender = e.sender AND b.id = e.body_id WHERE e.recipient_peer_id = ? ORDER BY e.seq LIMIT ?`)
  const delOne = db.prepare('DELETE FROM envelopes WHERE recipient_peer_id = ? AND id = ?')
  const notices = db.prepare('SELECT id, sender, recipient, recipient_peer_id, reason, at FROM expired WHERE sender = ? ORDER BY seq LIMIT ?')
  const delNotice = db.prepare('DELETE FROM expired WHERE sender = ? AND id = ?')
  const countNotices = db.prepare('SELECT count(*) AS n FROM expired WHERE sender = ?')
  const oldNotices = db.prepare('DELETE FROM expired WHERE at < ?')
  const queues = db.prepare(`SELECT recipient, recipient_peer_id AS peerId, count(*) AS count, sum(size) AS bytes, min(deposited_at) AS oldest
    FROM envelopes GROUP BY recipient_peer_id ORDER BY recipient`)

  return {
    deposit: (env, quota, shared) => transaction(db, () => {
      if (exists.get(env.sender, env.id) != null) return { ok: true, duplicate: true }
      const size = env.payload.length + (shared?.body.length ?? 0)
      const mine = senderUsage.get(env.recipientPeerId, env.sender) as { count: number, bytes: number }
      if (mine.count + 1 > quota.senderCount || mine.bytes + size > quota.senderBytes) return { ok: false, reason: 'sender-share' }
      const used = usage.get(env.recipientPeerId) as { count: number, bytes: number }
      if (used.count + 1 > quota.count) return { ok: false, reason: 'quota-count' }
      if (used.bytes + size > quota.bytes) return { ok: false, reason: 'quota-bytes' }
      if (shared != null) insertBody.run(env.sender, shared.id, shared.body)
      insert.run(env.id, env.sender, env.recipient, env.recipientPeerId, env.depositedAt, size, env.payload, shared?.id ?? null)
      return { ok: true, duplicate: false }
    }),
    dropUnused: (sender, bodyId) => { unusedBody.run(sender, bodyId, sender, bodyId) },
    bodyBytes: () => (bodyBytes.get() as { n: number }).n,
    fetch: (recipientPeerId, maxCount, maxBytes) => {
      const rows = page.all(recipientPeerId, maxCount + 1) as unknown as EnvelopeRow[]
      const envelopes: StoredEnvelope[] = []
      let bytes = 0
      for (const row of rows.slice(0, maxCount)) {
        const envelope = toEnvelope(row)
        if (envelopes.length > 0 && bytes + envelope.payload.length > maxBytes) break
        bytes += envelope.payload.length
        envelopes.push(envelope)
      }
      return { envelopes, more: rows.length > envelopes.length }
    },
    ack: (recipientPeerId, ids) => transaction(db, () => {
      let n = 0
      for (const id of ids) n += Number(delOne.run(recipientPeerId, id).changes)
      if (n > 0) dropOrphanBodies(db)
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
  try {
    prepareIndexSchema(db)
  } catch (err) {
    db.close()
    throw err
  }
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
