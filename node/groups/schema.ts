/**
 * The group tables of the profile database (records held, posts, per-member
 * progress of what I send, receipts I owe, items that wait for a record),
 * and the profile database's recorded schema version (PRAGMA user_version):
 * 0 is a profile from before groups, 2 has them. A profile made by a newer
 * release than this one is refused with a sentence, never half-read.
 */
import type { DatabaseSync } from 'node:sqlite'

/** The schema this code writes: 1 was the release before groups (which never recorded it, so it reads 0). */
export const PROFILE_SCHEMA_VERSION = 2

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
CREATE TABLE IF NOT EXISTS group_owed (
  peer_id TEXT NOT NULL, group_id TEXT NOT NULL, id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('delivered', 'read')),
  PRIMARY KEY (peer_id, id, kind)
);
-- posts that arrived before the record they were sent under
CREATE TABLE IF NOT EXISTS group_pending (
  id TEXT PRIMARY KEY, group_id TEXT NOT NULL, signed BLOB NOT NULL, received_at INTEGER NOT NULL
);
`

/** Creates the group tables and records the schema version; refuses a profile from a newer release. */
export function migrateProfileSchema (db: DatabaseSync): void {
  const { user_version: found } = db.prepare('PRAGMA user_version').get() as { user_version: number }
  if (found > PROFILE_SCHEMA_VERSION) {
    throw new SchemaTooNewError(`this profile was written by a newer lanchat (schema ${found}; this one knows up to ${PROFILE_SCHEMA_VERSION}); install that release again`)
  }
  db.exec(GROUPS_SCHEMA)
  if (found !== PROFILE_SCHEMA_VERSION) db.exec(`PRAGMA user_version = ${PROFILE_SCHEMA_VERSION}`)
}
