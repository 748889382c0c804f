/**
 * Who is who, and who is online: the daemon's view of people, merged from
 * the index server (snapshot + deltas: verified names), direct presence from
 * connected peers, and mDNS (addresses only). Persisted in the contact cache,
 * so the last known addresses survive an index outage and a restart.
 */
import { EventEmitter } from 'node:events'
import { nameKey } from '../../protocols/names.js'
import { addrsFromBytes, peerIdFromBytes } from '../../protocols/shared/peer-ids.js'
import { Status } from '../../protocols/directory/pb/directory.js'
import type { ContactRecord, ContactStore } from '../store/contacts.js'
import type { Contact, PresenceStatus } from '../types.js'
import type { Left, StatusChanged, User } from '../../protocols/directory/pb/directory.js'

export interface Person extends ContactRecord {
  /** the index server says this person is online */
  indexOnline: boolean
  /** a presence stream with this person is open */
  directOnline: boolean
}

export interface DirectoryEvents {
  /** anything about a person changed */
  change: [Person]
  /** a person just came online (from offline) */
  online: [Person]
  /** a person's name and key disagree with what was pinned */
  warning: [string]
}

export function statusFromWire (s: Status | string): PresenceStatus {
  switch (s) {
    case Status.ONLINE: return 'online'
    case Status.AWAY: return 'away'
    case Status.BUSY: return 'busy'
    default: return 'offline'
  }
}

export function statusToWire (s: PresenceStatus): Status {
  switch (s) {
    case 'online': return Status.ONLINE
    case 'away': return Status.AWAY
    case 'busy': return Status.BUSY
    default: return Status.OFFLINE
  }
}

function peerIdString (bytes: Uint8Array): string | undefined {
  try {
    return peerIdFromBytes(bytes).toString()
  } catch {
    return undefined
  }
}

export class Directory extends EventEmitter<DirectoryEvents> {
  private readonly store: ContactStore
  private readonly selfPeerId: string
  private readonly people = new Map<string, Person>()

  constructor (store: ContactStore, selfPeerId: string) {
    super()
    this.store = store
    this.selfPeerId = selfPeerId
    for (const record of store.all()) {
      this.people.set(record.peerId, { ...record, indexOnline: false, directOnline: false })
    }
  }

  private update (peerId: string, change: (p: Person) => void, create: () => Person | undefined): void {
    if (peerId === this.selfPeerId) return
    let person = this.people.get(peerId)
    if (person == null) {
      person = create()
      if (person == null) return
      this.people.set(peerId, person)
    }
    const wasOnline = isOnline(person)
    change(person)
    if (isOnline(person)) person.lastSeen = Date.now()
    this.store.save(person)
    this.emit('change', person)
    if (!wasOnline && isOnline(person)) this.emit('online', person)
  }

  /** The index server's word on a user: verified name, addresses, status. */
  private fromIndex (user: User, online: boolean): void {
    const peerId = peerIdString(user.peerId)
    if (peerId == null) return
    const addrs = addrsFromBytes(user.addrs).map(String)
    const pinnedTo = this.all().find(p => p.verified && p.peerId !== peerId && nameKey(p.name) === nameKey(user.name))
    if (pinnedTo != null) {
      // the index binds names (an administrator released this one): the new identity wins, visibly
      this.emit('warning', `${user.name} has a new identity (${peerId}, was ${pinnedTo.peerId}); messages to ${user.name} now go to the new one`)
      pinnedTo.verified = false
      pinnedTo.name = `${pinnedTo.name} (old)`
      this.store.save(pinnedTo)
    }
    this.update(peerId, (p) => {
      if (p.verified && nameKey(p.name) !== nameKey(user.name)) {
        this.emit('warning', `${p.name} now logs in as "${user.name}" (same identity ${peerId})`)
      }
      p.name = user.name
      p.verified = true
      p.indexOnline = online
      if (addrs.length > 0) p.addrs = addrs
      if (online) {
        p.status = statusFromWire(user.status)
        p.statusText = user.statusText
      }
      if (user.lastSeen > p.lastSeen) p.lastSeen = user.lastSeen
    }, () => ({ peerId, name: user.name, verified: true, addrs, status: 'online', statusText: '', lastSeen: 0, indexOnline: false, directOnline: false }))
  }

  applySnapshot (users: User[]): void {
    const listed = new Set<string>()
    for (const user of users) {
      const id = peerIdString(user.peerId)
      if (id != null) listed.add(id)
      this.fromIndex(user, user.status !== Status.OFFLINE)
    }
    for (const person of this.people.values()) {
      if (person.indexOnline && !listed.has(person.peerId)) this.update(person.peerId, p => { p.indexOnline = false }, () => undefined)
    }
  }

  applyJoined (user: User): void {
    this.fromIndex(user, true)
  }

  applyLeft (left: Left): void {
    const peerId = peerIdString(left.peerId)
    if (peerId == null) return
    this.update(peerId, (p) => { p.indexOnline = false }, () => undefined)
  }

  applyStatus (change: StatusChanged): void {
    const peerId = peerIdString(change.peerId)
    if (peerId == null) return
    this.update(peerId, (p) => {
      p.status = statusFromWire(change.status)
      p.statusText = change.statusText
    }, () => undefined)
  }

  /** The index server went away: what it said about who is online no longer holds. */
  indexLost (): void {
    for (const person of [...this.people.values()]) {
      if (person.indexOnline) this.update(person.peerId, p => { p.indexOnline = false }, () => undefined)
    }
  }

  /** A connected peer told us its presence directly. Unknown peers are added unverified. */
  applyPresence (peerId: string, name: string, status: PresenceStatus, statusText: string): void {
    if (!this.people.has(peerId) && this.pinnedElsewhere(name, peerId)) {
      this.emit('warning', `a peer on the LAN (${peerId}) calls itself "${name}", but ${name} is pinned to another identity; it stays unverified and messages to ${name} go to the pinned one`)
    }
    this.update(peerId, (p) => {
      if (p.verified && nameKey(p.name) !== nameKey(name)) {
        this.emit('warning', `a peer with ${p.name}'s identity calls itself "${name}"; keeping the verified name ${p.name}`)
      } else if (!p.verified) {
        p.name = name
      }
      p.directOnline = status !== 'offline'
      p.status = status
      p.statusText = statusText
    }, () => ({ peerId, name, verified: false, addrs: [], status, statusText, lastSeen: 0, indexOnline: false, directOnline: false }))
  }

  /** A peer we never heard of wrote to us: remember it, unverified, under the name it gave. */
  learn (peerId: string, name: string): Person | undefined {
    this.update(peerId, () => {}, () => ({ peerId, name, verified: false, addrs: [], status: 'online', statusText: '', lastSeen: 0, indexOnline: false, directOnline: false }))
    return this.people.get(peerId)
  }

  presenceGone (peerId: string): void {
    this.update(peerId, (p) => { p.directOnline = false }, () => undefined)
  }

  /** A direct connection proved alive after all (see Daemon.verifyDirect). */
  presenceBack (peerId: string): void {
    this.update(peerId, (p) => { p.directOnline = true }, () => undefined)
  }

  /** Addresses seen for a peer (mDNS, or a connection). */
  applyAddrs (peerId: string, addrs: string[]): void {
    if (addrs.length === 0) return
    const person = this.people.get(peerId)
    if (person == null || person.addrs.join() === addrs.join()) return
    person.addrs = addrs
    this.store.save(person)
  }

  byPeer (peerId: string): Person | undefined {
    return this.people.get(peerId)
  }

  /** Finds a person by name: a verified one first. */
  lookup (name: string): Person | undefined {
    const key = nameKey(name)
    let fallback: Person | undefined
    for (const p of this.people.values()) {
      if (nameKey(p.name) !== key) continue
      if (p.verified) return p
      fallback ??= p
    }
    return fallback
  }

  /** Is `name` pinned (verified by the index server) to an identity other than `peerId`? */
  pinnedElsewhere (name: string, peerId: string): boolean {
    const key = nameKey(name)
    return this.all().some(p => p.verified && p.peerId !== peerId && nameKey(p.name) === key)
  }

  isOnline (peerId: string): boolean {
    const p = this.people.get(peerId)
    return p != null && isOnline(p)
  }

  all (): Person[] {
    return [...this.people.values()]
  }

  /** The API's view: online first, then by name. */
  contacts (unread: Map<string, number>): Contact[] {
    return this.all()
      .map(p => toContact(p, unread.get(p.peerId) ?? 0))
      .sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name))
  }
}

export function isOnline (p: Person): boolean {
  return p.indexOnline || p.directOnline
}

export function toContact (p: Person, unread: number): Contact {
  const online = isOnline(p)
  return { name: p.name, peerId: p.peerId, online, status: online ? p.status : 'offline', statusText: online ? p.statusText : '', verified: p.verified, lastSeen: p.lastSeen, unread }
}
