/**
 * Name bindings in SQLite (the `users` table): trust on first use, one name
 * per PeerId, and no new name that looks like a registered one. Each row
 * keeps its look-alike keys (`confusableKeys`), so the check is two indexed
 * lookups inside the binding's transaction.
 *
 * Databases from before look-alike keys get the columns on open, and every
 * row's keys are recomputed whenever the key algorithm or its Unicode data
 * change (NAME_KEYS_VERSION). Bindings that already look alike stay valid:
 * only new ones are refused.
 */
import { confusableKeys, nameKey } from '../protocols/names.js'
import { CONFUSABLES_VERSION, loadConfusables } from '../protocols/shared/confusables.js'
import { transaction } from '../runtime/sqlite.js'
import type { DatabaseSync } from 'node:sqlite'

export interface UserRecord {
  name: string
  peerId: string
  firstSeen: number
  lastSeen: number
  online: boolean
  logoutCounter: number
}

/** `look-alike`: the name is free, but looks like a registered one (see lookAlike) */
export type BindResult = 'bound' | 'existing' | 'taken' | 'identity-has-name' | 'look-alike'

export interface NameStore {
  byName(name: string): UserRecord | undefined
  byPeer(peerId: string): UserRecord | undefined
  /** a registered user whose name a reader could take for this one (equal look-alike keys), if any */
  lookAlike(name: string): UserRecord | undefined
  /** binds name to peerId if the name is free, looks like no registered name, and the PeerId has no other name (one transaction) */
  bind(name: string, peerId: string, now: number): BindResult
  setOnline(peerId: string, online: boolean, now: number): void
  /** everyone offline: called at start, since no session survives a restart */
  resetOnline(): void
  list(): UserRecord[]
  /** frees a name and drops what waits for it, noting each dropped envelope for its sender (released); returns the released record */
  release(name: string, now?: number): UserRecord | undefined
  /** stores a logout counter if it is larger than the last one; false for a replay */
  advanceLogoutCounter(peerId: string, counter: number): boolean
}

/** Changes whenever confusableKeys() would give other keys: stored keys are then recomputed. */
export const NAME_KEYS_VERSION = `uts39-${CONFUSABLES_VERSION};nfkc-casefold-17.0.0;separators;shown;1`

export const USERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  name_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  peer_id TEXT NOT NULL UNIQUE,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  online INTEGER NOT NULL DEFAULT 0,
  logout_counter INTEGER NOT NULL DEFAULT 0,
  confusable_key TEXT,
  shown_key TEXT
);
`

interface UserRow { name: string, peer_id: string, first_seen: number, last_seen: number, online: number, logout_counter: number }

function toUser (row: UserRow | undefined): UserRecord | undefined {
  if (row == null) return undefined
  return {
    name: row.name,
    peerId: row.peer_id,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    online: row.online === 1,
    logoutCounter: row.logout_counter
  }
}

/** The two key columns of a name: its confusableKey, and its second key (or the first again). */
function keyColumns (name: string): [string, string] {
  const keys = confusableKeys(name)
  return [keys[0], keys[1] ?? keys[0]]
}

/** Adds the key columns to a database from before them, and (re)computes every row's keys when they are stale. */
export function migrateUsers (db: DatabaseSync, state: { get(key: string): string | undefined, set(key: string, value: string): void }): void {
  const columns = (db.prepare('PRAGMA table_info(users)').all() as Array<{ name: string }>).map(c => c.name)
  if (!columns.includes('confusable_key')) db.exec('ALTER TABLE users ADD COLUMN confusable_key TEXT')
  if (!columns.includes('shown_key')) db.exec('ALTER TABLE users ADD COLUMN shown_key TEXT')
  db.exec(`CREATE INDEX IF NOT EXISTS users_by_confusable_key ON users (confusable_key);
    CREATE INDEX IF NOT EXISTS users_by_shown_key ON users (shown_key);`)
  if (state.get('name_keys_version') === NAME_KEYS_VERSION) return
  const rows = db.prepare('SELECT name_key, name FROM users').all() as Array<{ name_key: string, name: string }>
  const update = db.prepare('UPDATE users SET confusable_key = ?, shown_key = ? WHERE name_key = ?')
  transaction(db, () => {
    for (const row of rows) update.run(...keyColumns(row.name), row.name_key)
    state.set('name_keys_version', NAME_KEYS_VERSION)
  })
}

/**
 * The name store on `db`. `dropWaitingFor` removes what waits at the relay
 * for a released name's PeerId (noting it for its senders), in the release's
 * transaction.
 */
export function nameStore (db: DatabaseSync, dropWaitingFor: (peerId: string, now: number) => void): NameStore {
  loadConfusables()
  const byKey = db.prepare('SELECT * FROM users WHERE name_key = ?')
  const byPeer = db.prepare('SELECT * FROM users WHERE peer_id = ?')
  const alike = db.prepare('SELECT * FROM users WHERE confusable_key IN (?, ?) OR shown_key IN (?, ?) ORDER BY first_seen LIMIT 1')
  const insert = db.prepare('INSERT INTO users (name_key, name, peer_id, first_seen, last_seen, confusable_key, shown_key) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const setOnline = db.prepare('UPDATE users SET online = ?, last_seen = ? WHERE peer_id = ?')
  const all = db.prepare('SELECT * FROM users ORDER BY name_key')
  const del = db.prepare('DELETE FROM users WHERE name_key = ?')
  const advance = db.prepare('UPDATE users SET logout_counter = ? WHERE peer_id = ? AND logout_counter < ?')
  const lookAlike = (name: string): UserRecord | undefined => {
    const [first, second] = keyColumns(name)
    return toUser(alike.get(first, second, first, second) as UserRow | undefined)
  }

  return {
    byName: (name) => toUser(byKey.get(nameKey(name)) as UserRow | undefined),
    byPeer: (peerId) => toUser(byPeer.get(peerId) as UserRow | undefined),
    lookAlike,
    bind: (name, peerId, now) => transaction(db, () => {
      const owner = toUser(byKey.get(nameKey(name)) as UserRow | undefined)
      if (owner != null) return owner.peerId === peerId ? 'existing' : 'taken'
      if (byPeer.get(peerId) != null) return 'identity-has-name'
      if (lookAlike(name) != null) return 'look-alike'
      insert.run(nameKey(name), name, peerId, now, now, ...keyColumns(name))
      return 'bound'
    }),
    setOnline: (peerId, online, now) => { setOnline.run(online ? 1 : 0, now, peerId) },
    resetOnline: () => { db.exec('UPDATE users SET online = 0 WHERE online = 1') },
    list: () => (all.all() as unknown as UserRow[]).map(r => toUser(r) as UserRecord),
    release: (name, now = Date.now()) => transaction(db, () => {
      const user = toUser(byKey.get(nameKey(name)) as UserRow | undefined)
      if (user == null) return undefined
      dropWaitingFor(user.peerId, now)
      del.run(nameKey(name))
      return user
    }),
    advanceLogoutCounter: (peerId, counter) => Number(advance.run(counter, peerId, counter).changes) === 1
  }
}
