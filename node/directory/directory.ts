/**
 * Who is who, and who is online: the daemon's view of people by PeerId,
 * merged from the index server (snapshot + deltas: verified names), direct
 * presence from connected peers, mDNS (addresses, and "on my segment"), and
 * strangers who wrote to me. Persisted in the contact cache, so the last
 * known addresses survive an index outage and a restart.
 *
 * People are keyed by PeerId everywhere; the name shown for each comes from
 * names-shown.ts, so a key that is not the one pinned for a name never shows
 * under that name. A stranger who only reached me by writing is a request
 * (kept apart from the people list) until I answer or block them.
 */
import { EventEmitter } from 'node:events'
import { nameKey } from '../../protocols/names.js'
import { addrsFromBytes } from '../../protocols/shared/peer-ids.js'
import { asPeerId, peerIdString, statusFromWire } from './wire.js'
import { Status } from '../../protocols/directory/pb/directory.js'
import { MAX_LAN_SEEN, MAX_MESSAGE_REQUESTS } from './constants.js'
import { conflictWarning, quoteClaim, shownNames, trustOf } from './names-shown.js'
import type { ShownName } from './names-shown.js'
import type { ContactRecord, ContactStore } from '../store/contacts.js'
import type { Contact, ContactList, PresenceStatus, Trust } from '../types.js'
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

/** Which list each trust level puts a person in. */
const LIST_OF: Record<Trust, Exclude<ContactList, 'all'>> = { verified: 'people', lan: 'people', accepted: 'people', request: 'requests', blocked: 'blocked' }

function newPerson (peerId: string, name: string, status: PresenceStatus = 'offline'): Person {
  return { peerId, name, verified: false, lan: false, accepted: false, blocked: false, addrs: [], status, statusText: '', lastSeen: 0, firstSeen: Date.now(), indexOnline: false, directOnline: false }
}

export class Directory extends EventEmitter<DirectoryEvents> {
  private readonly store: ContactStore
  private readonly selfPeerId: string
  private readonly selfName: () => string
  private readonly people = new Map<string, Person>()
  /** PeerIds mDNS found on my segment before I knew them (oldest first, bounded) */
  private readonly lanSeen = new Set<string>()
  /** shown names, worked out again after any change of a name or of trust */
  private shown?: Map<string, ShownName>
  /** claims already warned about (peerId + claim), so a warning is said once */
  private readonly warned = new Set<string>()

  constructor (store: ContactStore, selfPeerId: string, selfName: () => string) {
    super()
    this.store = store
    this.selfPeerId = selfPeerId
    this.selfName = selfName
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
      if (this.lanSeen.delete(peerId)) person.lan = true
      this.people.set(peerId, person)
      this.shown = undefined
    }
    const wasOnline = isOnline(person)
    const before = `${person.name}|${trustOf(person)}`
    change(person)
    if (`${person.name}|${trustOf(person)}` !== before) this.shown = undefined
    if (isOnline(person)) person.lastSeen = Date.now()
    this.store.save(person)
    this.explain(person)
    this.emit('change', person)
    if (!wasOnline && isOnline(person)) this.emit('online', person)
  }

  /** Says once, as a warning, why a person's own name is not shown. */
  private explain (p: Person): void {
    if (p.blocked || p.verified) return
    const shown = this.show(p)
    if (shown.conflict == null) return
    const said = `${p.peerId}|${p.name}`
    if (this.warned.has(said)) return
    this.warned.add(said)
    this.emit('warning', conflictWarning(p, shown, shown.conflict))
  }

  private names (): Map<string, ShownName> {
    this.shown ??= shownNames([...this.people.values()], this.selfName())
    return this.shown
  }

  /** The name a person is shown under, and what they call themselves. */
  show (p: ContactRecord): ShownName {
    return this.names().get(p.peerId) ?? { name: p.name, claimed: p.name }
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
      pinnedTo.accepted = true
      pinnedTo.name = `${pinnedTo.name} (old)`
      this.shown = undefined
      this.store.save(pinnedTo)
      this.warned.add(`${pinnedTo.peerId}|${pinnedTo.name}`)
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
    }, () => ({ ...newPerson(peerId, user.name, 'online'), verified: true }))
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

  /**
   * A connected peer told us its presence directly. A peer we never heard of
   * is added unverified: in the people list when mDNS found it on my segment,
   * else as a request. Nothing from a blocked peer is taken.
   */
  applyPresence (peerId: string, name: string, status: PresenceStatus, statusText: string): void {
    const known = this.people.get(peerId)
    if (known?.blocked === true) return
    if (known == null && !this.lanSeen.has(peerId) && !this.roomForRequest()) return
    this.update(peerId, (p) => {
      if (p.verified && nameKey(p.name) !== nameKey(name)) {
        this.emit('warning', `a peer with ${p.name}'s identity calls itself ${quoteClaim(name)}; keeping the verified name ${p.name}`)
      } else if (!p.verified) {
        p.name = name
      }
      p.directOnline = status !== 'offline'
      p.status = status
      p.statusText = statusText
    }, () => newPerson(peerId, name, status))
  }

  /**
   * A peer we never heard of wrote to us: remember it as a request, under
   * the name it gives (shown only if it is free). Undefined when it is
   * blocked, or when the requests list is full.
   */
  learn (peerId: string, name: string): Person | undefined {
    const known = this.people.get(peerId)
    if (known != null) return known.blocked ? undefined : known
    if (!this.lanSeen.has(peerId) && !this.roomForRequest()) return undefined
    this.update(peerId, () => {}, () => newPerson(peerId, name, 'online'))
    return this.people.get(peerId)
  }

  /** Room for one more stranger in the requests list; when full, says so (once per restart) and refuses. */
  private roomForRequest (): boolean {
    let requests = 0
    for (const p of this.people.values()) if (trustOf(p) === 'request') requests++
    if (requests < MAX_MESSAGE_REQUESTS) return true
    if (!this.warned.has('requests-full')) {
      this.warned.add('requests-full')
      this.emit('warning', `${MAX_MESSAGE_REQUESTS} message requests from strangers are waiting; new strangers are refused until you answer, block or forget some (lanchat who --requests)`)
    }
    return false
  }

  /** mDNS found this peer on my own segment: it belongs in the people list (unverified). */
  seenOnLan (peerId: string, addrs: string[]): void {
    const person = this.people.get(peerId)
    if (person == null) {
      this.lanSeen.delete(peerId)
      this.lanSeen.add(peerId)
      if (this.lanSeen.size > MAX_LAN_SEEN) this.lanSeen.delete(this.lanSeen.values().next().value as string)
      return
    }
    const changedAddrs = addrs.length > 0 && person.addrs.join() !== addrs.join()
    if (person.lan && !changedAddrs) return
    this.update(peerId, (p) => {
      p.lan = true
      if (changedAddrs) p.addrs = addrs
    }, () => undefined)
  }

  /** I wrote to this person: a request becomes a person. */
  accept (peerId: string): void {
    const p = this.people.get(peerId)
    if (p == null || p.accepted || p.verified || p.lan) return
    this.update(peerId, (q) => { q.accepted = true }, () => undefined)
  }

  /** Blocks a PeerId (known or not): nothing from it is shown, stored or connected. */
  block (peerId: string): Person {
    this.update(peerId, (p) => {
      p.blocked = true
      p.directOnline = false
    }, () => newPerson(peerId, ''))
    return this.people.get(peerId) as Person
  }

  unblock (peerId: string): Person | undefined {
    this.update(peerId, (p) => { p.blocked = false }, () => undefined)
    const p = this.people.get(peerId)
    // blocked before we ever heard of it: nothing left to keep
    if (p != null && p.name === '' && !p.verified) this.remove(peerId)
    return p
  }

  /** Drops a person from the contact cache (the caller drops their conversation). */
  remove (peerId: string): void {
    if (!this.people.delete(peerId)) return
    this.store.delete(peerId)
    this.shown = undefined
  }

  presenceGone (peerId: string): void {
    this.update(peerId, (p) => { p.directOnline = false }, () => undefined)
  }

  /** A direct connection proved alive after all (see Daemon.verifyDirect). */
  presenceBack (peerId: string): void {
    this.update(peerId, (p) => { p.directOnline = true }, () => undefined)
  }

  /** Addresses seen for a peer on a connection. */
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

  isBlocked (peerId: string): boolean {
    return this.people.get(peerId)?.blocked === true
  }

  /**
   * Finds a person by PeerId, or by the name they are shown under (case does
   * not matter): people first, then requests; blocked ones only when asked.
   */
  resolve (target: string, opts: { blocked?: boolean } = {}): Person | undefined {
    const peerId = asPeerId(target)
    if (peerId != null) return this.people.get(peerId)
    const key = nameKey(target)
    let request: Person | undefined
    for (const p of this.people.values()) {
      if (nameKey(this.show(p).name) !== key) continue
      const list = LIST_OF[trustOf(p)]
      if (list === 'people') return p
      if (list === 'requests' || opts.blocked === true) request ??= p
    }
    return request
  }

  /** Is `name` the verified name of an identity other than `peerId`? */
  pinnedElsewhere (name: string, peerId: string): boolean {
    const key = nameKey(name)
    return this.all().some(p => p.verified && p.peerId !== peerId && nameKey(p.name) === key)
  }

  isOnline (peerId: string): boolean {
    const p = this.people.get(peerId)
    return p != null && !p.blocked && isOnline(p)
  }

  all (): Person[] {
    return [...this.people.values()]
  }

  /** The API's view of one person. */
  contact (p: Person, unread: number): Contact {
    const online = isOnline(p) && !p.blocked
    const shown = this.show(p)
    return {
      name: shown.name,
      peerId: p.peerId,
      online,
      status: online ? p.status : 'offline',
      statusText: online ? p.statusText : '',
      verified: p.verified,
      trust: trustOf(p),
      claimedName: shown.claimed,
      lastSeen: p.lastSeen,
      unread
    }
  }

  /** One list as the API shows it: online first, then by name. */
  contacts (unread: Map<string, number>, list: ContactList = 'people'): Contact[] {
    return this.all()
      .filter(p => list === 'all' || LIST_OF[trustOf(p)] === list)
      .map(p => this.contact(p, unread.get(p.peerId) ?? 0))
      .sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name))
  }
}

export function isOnline (p: Person): boolean {
  return p.indexOnline || p.directOnline
}

export function listOf (p: ContactRecord): Exclude<ContactList, 'all'> {
  return LIST_OF[trustOf(p)]
}
