/**
 * The group tables of the profile database (records held, the group each
 * record chain makes, posts, per-member progress of what I send, posts that
 * wait for the record they were sent under), and the profile database's
 * recorded schema version (PRAGMA user_version): 0 is a profile from before
 * groups (releases before never recorded one), 2 has them. A profile made by
 * a newer release is refused with a sentence before anything is changed.
 * Receipts owed for group posts wait in receipts_out, beside the 1:1 ones
 * (post ids are message ids; the same Receipts pay them).
 *
 * @example
 * ```ts
 * checkProfileSchema(db)     // first: refuses a newer profile untouched
 * // ... the older tables' own migrations ...
 * migrateProfileSchema(db)   // last: group tables, user_version = 2
 * ```
 */
import type { DatabaseSync } from 'node:sqlite'

/**
 * The schema this code writes: 1 was the release before groups (which never
 * recorded it, so it reads 0), 2 added the group tables, 3 the file transfer
 * tables (node/store/files.ts, created just before this migration runs).
 */
export const PROFILE_SCHEMA_VERSION = 3

/** Thrown when the profile was written by a newer lanchat. */
export class SchemaTooNewError extends Error {
  static name = 'SchemaTooNewError'
  name = 'SchemaTooNewError'
}

export const GROUPS_SCHEMA = `
CREATE TABLE IF NOT EXISTS group_records (
  hash TEXT PRIMARY KEY,                 -- hex sha256 of the signed record
  group_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  signed BLOB NOT NULL,                  -- SignedItem
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS group_records_by_group ON group_records (group_id, version);
CREATE TABLE IF NOT EXISTS groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  record_hash TEXT NOT NULL,             -- the record that holds (protocols/groups/chain.ts)
  members TEXT NOT NULL,                 -- JSON [{peerId, name}]
  admins TEXT NOT NULL,                  -- JSON [peerId]
  member INTEGER NOT NULL                -- 1 while I am a member
);
CREATE TABLE IF NOT EXISTS group_posts (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL,
  sender TEXT NOT NULL,                  -- PeerId
  from_name TEXT NOT NULL,
  seq INTEGER NOT NULL,                  -- per (group, sender)
  sent_at INTEGER NOT NULL,
  body TEXT NOT NULL,
  group_version INTEGER NOT NULL,
  signed BLOB NOT NULL,                  -- SignedItem, to hand on (repair)
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  state TEXT NOT NULL,                   -- out: queued | relayed | delivered | read; in: received | read
  created_at INTEGER NOT NULL,
  UNIQUE (group_id, sender, seq)
);
CREATE INDEX IF NOT EXISTS group_posts_by_group ON group_posts (group_id, sent_at);
CREATE INDEX IF NOT EXISTS group_posts_unread ON group_posts (group_id) WHERE direction = 'in' AND state = 'received';
CREATE TABLE IF NOT EXISTS group_seqs (group_id TEXT PRIMARY KEY, next_out INTEGER NOT NULL);
-- what I send (posts and records) to each member: per-member progress and the retry chain
CREATE TABLE IF NOT EXISTS group_out (
  item TEXT NOT NULL,                    -- post id, or record hash
  kind TEXT NOT NULL CHECK (kind IN ('post', 'record')),
  group_id TEXT NOT NULL,
  member TEXT NOT NULL,                  -- PeerId
  state TEXT NOT NULL,                   -- queued | relayed | delivered | read | dropped
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL,
  PRIMARY KEY (item, member)
);
CREATE INDEX IF NOT EXISTS group_out_queued ON group_out (member, created) WHERE state = 'queued';
-- search over group posts, as messages_fts over messages (node/store/search.ts): trigram FTS5 kept by triggers
CREATE VIRTUAL TABLE IF NOT EXISTS group_posts_fts USING fts5(body, content = 'group_posts', content_rowid = 'rowid', tokenize = 'trigram');
CREATE TRIGGER IF NOT EXISTS group_posts_fts_insert AFTER INSERT ON group_posts BEGIN
  INSERT INTO group_posts_fts (rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER IF NOT EXISTS group_posts_fts_delete AFTER DELETE ON group_posts BEGIN
  INSERT INTO group_posts_fts (group_posts_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
-- posts that arrived before the record they were sent under
CREATE TABLE IF NOT EXISTS group_pending (
  id TEXT PRIMARY KEY, group_id TEXT NOT NULL, signed BLOB NOT NULL, received_at INTEGER NOT NULL
);
`

/** The schema version a profile database records (0: from before groups). */
export function profileSchemaVersion (db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
}

/** Refuses a profile written by a newer release, before any migration touches it. */
export function checkProfileSchema (db: DatabaseSync): void {
  const found = profileSchemaVersion(db)
  if (found > PROFILE_SCHEMA_VERSION) {
    throw new SchemaTooNewError(`this profile was written by a newer lanchat (schema ${found}; this one knows up to ${PROFILE_SCHEMA_VERSION}); install that release again`)
  }
}

/**
 * Creates the group tables and records the schema version, in one
 * transaction. Every statement is IF NOT EXISTS, so it runs at each start
 * (a profile made while version 2 was still growing gets what it lacks).
 */
export function migrateProfileSchema (db: DatabaseSync): void {
  checkProfileSchema(db)
  db.exec('BEGIN IMMEDIATE')
  try {
    db.exec(GROUPS_SCHEMA)
    db.exec(`PRAGMA user_version = ${PROFILE_SCHEMA_VERSION}`)
    db.exec('COMMIT')
  } catch (err) {
    db.exec('ROLLBACK')
    throw err
  }
}
