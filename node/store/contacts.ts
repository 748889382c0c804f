/**
 * The contact cache: everyone this profile has seen, by PeerId, with the
 * last known name, addresses and status, and how far the person trusts them
 * (seen on the LAN, answered, blocked). It survives restarts, so when the
 * index server is down the daemon can still dial people it knew, and a
 * stranger stays a stranger.
 */
import { addMissingColumns } from './migrate.js'
import type { DatabaseSync } from 'node:sqlite'
import type { PresenceStatus } from '../types.js'

export interface ContactRecord {
  peerId: string
  /** the index server's name for a verified person; otherwise the name the peer gives itself (unchecked) */
  name: string
  /** the index server binds `name` to this PeerId */
  verified: boolean
  /** found by mDNS on my own network segment */
  lan: boolean
  /** I wrote to this person (or accepted them): they are no longer a request */
  accepted: boolean
  /** I blocked this person: nothing from them is shown or stored */
  blocked: boolean
  addrs: string[]
  status: PresenceStatus
  statusText: string
  lastSeen: number
  /** ms when this profile first heard of the person: an earlier claim to a name wins */
  firstSeen: number
}

interface Row {
  peer_id: string
  name: string
  verified: number
  lan: number
  accepted: number
  blocked: number
  addrs: string
  status: PresenceStatus
  status_text: string
  last_seen: number
  first_seen: number
}

/** Columns added after the first release, with their definitions (ALTER TABLE on older profiles). */
const ADDED_COLUMNS: Record<string, string> = {
  lan: 'INTEGER NOT NULL DEFAULT 0',
  accepted: 'INTEGER NOT NULL DEFAULT 0',
  blocked: 'INTEGER NOT NULL DEFAULT 0',
  first_seen: 'INTEGER NOT NULL DEFAULT 0'
}

function toRecord (r: Row): ContactRecord {
  let addrs: string[] = []
  try {
    addrs = JSON.parse(r.addrs)
  } catch {}
  return {
    peerId: r.peer_id,
    name: r.name,
    verified: r.verified === 1,
    lan: r.lan === 1,
    accepted: r.accepted === 1,
    blocked: r.blocked === 1,
    addrs,
    status: r.status,
    statusText: r.status_text,
    lastSeen: r.last_seen,
    firstSeen: r.first_seen
  }
}

/**
 * Brings an older contacts table up to date. Unverified contacts of an older
 * profile that I wrote to count as answered; the others become requests.
 */
export function migrateContacts (db: DatabaseSync): void {
  const missing = addMissingColumns(db, 'contacts', ADDED_COLUMNS)
  if (missing.includes('accepted')) {
    db.exec(`UPDATE contacts SET accepted = 1 WHERE verified = 0 AND peer_id IN (SELECT DISTINCT peer_id FROM messages WHERE direction = 'out')`)
  }
}

export class ContactStore {
  private readonly q

  constructor (db: DatabaseSync) {
    this.q = {
      all: db.prepare('SELECT * FROM contacts'),
      upsert: db.prepare(`INSERT INTO contacts (peer_id, name, verified, lan, accepted, blocked, addrs, status, status_text, last_seen, first_seen)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (peer_id) DO UPDATE SET name = excluded.name, verified = excluded.verified, lan = excluded.lan, accepted = excluded.accepted,
        blocked = excluded.blocked, addrs = excluded.addrs, status = excluded.status, status_text = excluded.status_text,
        last_seen = excluded.last_seen, first_seen = excluded.first_seen`),
      delete: db.prepare('DELETE FROM contacts WHERE peer_id = ?')
    }
  }

  all (): ContactRecord[] {
    return (this.q.all.all() as unknown as Row[]).map(toRecord)
  }

  save (c: ContactRecord): void {
    this.q.upsert.run(c.peerId, c.name, c.verified ? 1 : 0, c.lan ? 1 : 0, c.accepted ? 1 : 0, c.blocked ? 1 : 0,
      JSON.stringify(c.addrs), c.status, c.statusText, c.lastSeen, c.firstSeen)
  }

  delete (peerId: string): void {
    this.q.delete.run(peerId)
  }
}
