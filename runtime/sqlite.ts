/**
 * Opens a node:sqlite database in WAL mode with the synchronous level the
 * caller's durability contract needs, and checks that both took effect.
 */
import { DatabaseSync } from 'node:sqlite'

export type SyncLevel = 'FULL' | 'NORMAL'

const SYNC_VALUES: Record<SyncLevel, number> = { NORMAL: 1, FULL: 2 }

/** Thrown when a database cannot be opened with the mode the program needs. */
export class DatabaseModeError extends Error {
  static name = 'DatabaseModeError'
  name = 'DatabaseModeError'
}

export function openDatabase (path: string, synchronous: SyncLevel): DatabaseSync {
  const db = new DatabaseSync(path)
  db.exec('PRAGMA busy_timeout = 5000')
  db.exec('PRAGMA journal_mode = WAL')
  db.exec(`PRAGMA synchronous = ${synchronous}`)
  db.exec('PRAGMA foreign_keys = ON')
  const mode = (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode
  const sync = (db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous
  if (mode !== 'wal' || sync !== SYNC_VALUES[synchronous]) {
    db.close()
    throw new DatabaseModeError(`${path}: expected WAL with synchronous=${synchronous}, got ${mode} with ${sync}`)
  }
  return db
}

/** Runs `fn` in one transaction (BEGIN IMMEDIATE), rolling back on error. */
export function transaction<T> (db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const out = fn()
    db.exec('COMMIT')
    return out
  } catch (err) {
    db.exec('ROLLBACK')
    throw err
  }
}
