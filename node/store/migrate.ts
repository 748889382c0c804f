/**
 * Schema upgrades of the profile database: columns added after the first
 * release are added to an older table in place (SQLite's ALTER TABLE ADD
 * COLUMN), so an existing profile keeps its history.
 */
import type { DatabaseSync } from 'node:sqlite'

/** Adds each column of `columns` (name -> definition) that `table` lacks; returns the ones added. */
export function addMissingColumns (db: DatabaseSync, table: string, columns: Record<string, string>): string[] {
  const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(c => c.name))
  const missing = Object.keys(columns).filter(c => !have.has(c))
  for (const column of missing) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${columns[column]}`)
  return missing
}
