/**
 * The contact cache: everyone this profile has seen, by PeerId, with the
 * last known name, addresses and status. It survives restarts, so when the
 * index server is down the daemon can still dial people it knew.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { PresenceStatus } from '../types.js'

export interface ContactRecord {
  peerId: string
  name: string
  verified: boolean
  addrs: string[]
  status: PresenceStatus
  statusText: string
  lastSeen: number
}

interface Row { peer_id: string, name: string, verified: number, addrs: string, status: PresenceStatus, status_text: string, last_seen: number }

function toRecord (r: Row): ContactRecord {
  let addrs: string[] = []
  try {
    addrs = JSON.parse(r.addrs)
  } catch {}
  return { peerId: r.peer_id, name: r.name, verified: r.verified === 1, addrs, status: r.status, statusText: r.status_text, lastSeen: r.last_seen }
}

export class ContactStore {
  private readonly q

  constructor (db: DatabaseSync) {
    this.q = {
      all: db.prepare('SELECT * FROM contacts'),
      upsert: db.prepare(`INSERT INTO contacts (peer_id, name, verified, addrs, status, status_text, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (peer_id) DO UPDATE SET name = excluded.name, verified = excluded.verified, addrs = excluded.addrs,
        status = excluded.status, status_text = excluded.status_text, last_seen = excluded.last_seen`)
    }
  }

  all (): ContactRecord[] {
    return (this.q.all.all() as unknown as Row[]).map(toRecord)
  }

  save (c: ContactRecord): void {
    this.q.upsert.run(c.peerId, c.name, c.verified ? 1 : 0, JSON.stringify(c.addrs), c.status, c.statusText, c.lastSeen)
  }
}
