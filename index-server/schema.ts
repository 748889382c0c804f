/**
 * The index database's tables (the users' are name-store.ts's), its schema
 * version (PRAGMA user_version) and the migration from each older one: a
 * database from the release before shared bodies opens and is migrated; one
 * from a newer lanchat-index is refused with a sentence, untouched.
 *
 * @example
 * ```ts
 * const db = openDatabase(join(dataDir, INDEX_DB_FILE), 'FULL')
 * prepareIndexSchema(db)   // throws IndexSchemaTooNewError for a newer database
 * ```
 */
import { transaction } from '../runtime/sqlite.js'
import { USERS_SCHEMA } from './name-store.js'
import type { DatabaseSync } from 'node:sqlite'

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
-- a group item's sealed body, stored once for all its recipients; each recipient's envelope holds its key wrap and body_id
CREATE TABLE IF NOT EXISTS bodies (
  sender TEXT NOT NULL,
  id TEXT NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (sender, id)
);
`

/** The index database's schema: 0 = from before shared bodies (never recorded), 1 = envelopes.body_id and bodies. */
export const INDEX_SCHEMA_VERSION = 1

/** Thrown when the index database was written by a newer lanchat-index. */
export class IndexSchemaTooNewError extends Error {
  static name = 'IndexSchemaTooNewError'
  name = 'IndexSchemaTooNewError'
}

/** Checks the database is not newer than this code, creates what is missing and migrates it to INDEX_SCHEMA_VERSION. */
export function prepareIndexSchema (db: DatabaseSync): void {
  const found = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
  if (found > INDEX_SCHEMA_VERSION) throw new IndexSchemaTooNewError(`this index database was written by a newer lanchat-index (schema ${found}; this one knows up to ${INDEX_SCHEMA_VERSION}); install that release again`)
  db.exec(USERS_SCHEMA)
  db.exec(SCHEMA)
  if (found === INDEX_SCHEMA_VERSION) return
  transaction(db, () => {
    const columns = (db.prepare('PRAGMA table_info(envelopes)').all() as Array<{ name: string }>).map(c => c.name)
    if (!columns.includes('body_id')) db.exec('ALTER TABLE envelopes ADD COLUMN body_id TEXT')
    db.exec('CREATE INDEX IF NOT EXISTS envelopes_by_body ON envelopes (sender, body_id) WHERE body_id IS NOT NULL')
    db.exec(`PRAGMA user_version = ${INDEX_SCHEMA_VERSION}`)
  })
}

