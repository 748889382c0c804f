/**
 * The daemon's parts as the groups' ports (node/groups/ports.ts): the
 * directory as GroupPeoplePort, the message store's receipts_out as
 * GroupReceiptsPort. The daemon wires them, so node/groups knows neither.
 *
 * @example
 * ```ts
 * const people = groupPeople(directory)
 * people.resolve('bob')   // { peerId, name: 'bob', registeredName: 'bob' }
 * ```
 */
import type { Directory, Person } from '../directory/directory.js'
import type { GroupPeoplePort, GroupPerson, GroupReceiptsPort } from '../groups/ports.js'
import type { MessageStore } from '../store/messages.js'

/** `self`: my PeerId (the directory may list me too). */
export function groupPeople (directory: Directory, self: string): GroupPeoplePort {
  const person = (p: Person | undefined): GroupPerson | undefined => p == null
    ? undefined
    : { peerId: p.peerId, name: directory.show(p).name, registeredName: p.verified ? p.name : '' }
  return {
    resolve: (who) => person(directory.resolve(who)),
    byPeer: (peerId) => person(directory.byPeer(peerId)),
    isOnline: (peerId) => directory.isOnline(peerId),
    knownAddrs: (peerId) => (directory.byPeer(peerId)?.addrs.length ?? 0) > 0,
    isBlocked: (peerId) => directory.isBlocked(peerId),
    registered: () => directory.all().filter(p => p.verified && !p.blocked && p.peerId !== self).map(p => person(p) as GroupPerson),
    isRegistered: (peerId) => {
      const p = directory.byPeer(peerId)
      return p != null && p.verified && !p.blocked
    }
  }
}

export function groupReceipts (messages: MessageStore, payIfOnline: (peerId: string) => void): GroupReceiptsPort {
  return {
    owe: async (peerId, ids, kind) => { await messages.commitOwed(peerId, ids, kind) },
    payIfOnline
  }
}
