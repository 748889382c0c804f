/**
 * The profile database (`<profile>/lanchat.db`): history and outbox in one
 * table, receipts owed to peers, the contact cache, settings, and file
 * transfers (store/files.ts). WAL with
 * synchronous FULL: a message is durable before the API returns its id, and
 * before the receiver acks it.
 */
import { closeSync, existsSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { openDatabase } from '../../runtime/sqlite.js'
import { PROFILE_DB_FILE } from '../profile-files.js'
import { migrateContacts } from './contacts.js'
import { addMissingColumns } from './migrate.js'
import { ensureFileTables } from './files.js'
import { ensureSearchIndex } from './search.js'
import { checkProfileSchema, migrateProfileSchema } from '../groups/schema.js'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  peer_id TEXT NOT NULL,                 -- the other person of the conversation
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  from_name TEXT NOT NULL,
  to_name TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at INTEGER NOT NULL,              -- sender's clock, ms
  seq INTEGER NOT NULL,                  -- per-pair sequence of the sender
  state TEXT NOT NULL,                   -- queued | relayed | expired | delivered | read | received
  reason TEXT,                           -- why an expired message expired: retention | released | refused
  created_at INTEGER NOT NULL,           -- when this row was written here
  attempts INTEGER NOT NULL DEFAULT 0,   -- delivery attempts (outgoing)
  next_attempt_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS messages_by_peer ON messages (peer_id, sent_at, seq);
CREATE INDEX IF NOT EXISTS messages_outbox ON messages (next_attempt_at) WHERE direction = 'out' AND state = 'queued';
-- a peer's queue and the unread counts without reading the whole history (both only hold the few rows they cover)
CREATE INDEX IF NOT EXISTS messages_outbox_by_peer ON messages (peer_id, seq) WHERE direction = 'out' AND state = 'queued';
CREATE INDEX IF NOT EXISTS messages_unread ON messages (peer_id) WHERE direction = 'in' AND state = 'received';
CREATE TABLE IF NOT EXISTS seqs (peer_id TEXT PRIMARY KEY, next_out INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS receipts_out (
  peer_id TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('delivered', 'read')),
  PRIMARY KEY (peer_id, id, kind)
);
CREATE TABLE IF NOT EXISTS contacts (
  peer_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  verified INTEGER NOT NULL DEFAULT 0,   -- confirmed by the index server
  lan INTEGER NOT NULL DEFAULT 0,        -- found by mDNS on my segment
  accepted INTEGER NOT NULL DEFAULT 0,   -- I wrote to them: not a request
  blocked INTEGER NOT NULL DEFAULT 0,    -- nothing from them is shown or stored
  addrs TEXT NOT NULL DEFAULT '[]',      -- last known multiaddrs (JSON)
  status TEXT NOT NULL DEFAULT 'online',
  status_text TEXT NOT NULL DEFAULT '',
  last_seen INTEGER NOT NULL DEFAULT 0,
  first_seen INTEGER NOT NULL DEFAULT 0  -- an earlier claim to a name wins
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

/**
 * Opens (creating, mode 0600) the profile database and brings its schema up
 * to date; `progress` hears of a one-time upgrade that takes a while (the
 * search index of an older profile).
 */
export function openProfileDatabase (profileDir: string, progress?: (line: string) => void): DatabaseSync {
  const path = join(profileDir, PROFILE_DB_FILE)
  // created 0600 before SQLite opens it; SQLite gives the -wal and -shm files the same mode
  closeSync(openSync(path, 'a', 0o600))
  const db = openDatabase(path, 'FULL')
  try {
    checkProfileSchema(db)
  } catch (err) {
    db.close()
    throw err
  }
  db.exec(SCHEMA)
  addMissingColumns(db, 'messages', { reason: 'TEXT' })
  migrateContacts(db)
  ensureSearchIndex(db, progress)
  ensureFileTables(db)
  migrateProfileSchema(db)
  return db
}

export interface Settings {
  get(key: string): string | undefined
  set(key: string, value: string): void
}

export function settingsStore (db: DatabaseSync): Settings {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?')
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  return {
    get: (key) => (get.get(key) as { value: string } | undefined)?.value,
    set: (key, value) => { set.run(key, value) }
  }
}

/** The name a profile remembers, read only (the CLI's hint when no daemon runs); undefined when there is none or it cannot be read. */
export function rememberedName (profileDir: string): string | undefined {
  const path = join(profileDir, PROFILE_DB_FILE)
  if (!existsSync(path)) return undefined
  try {
    const db = new DatabaseSync(path, { readOnly: true })
    try {
      return (db.prepare("SELECT value FROM settings WHERE key = 'name'").get() as { value: string } | undefined)?.value
    } finally {
      db.close()
    }
  } catch {
    return undefined
  }
}
