/**
 * libp2p dials by PeerId from its peer store, which lives in memory only:
 * this gives it every address the directory knows of a person, those the
 * profile kept from before (at start: a daemon started while the index
 * server is unreachable can still try the people it knows where they were,
 * as the outbox and the group fan-out do) and each one learned later.
 *
 * @example
 * ```ts
 * await libp2p.start()
 * await feedPeerStore(libp2p.peerStore, directory)   // before delivery starts
 * ```
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { Directory, Person } from '../directory/directory.js'
import type { PeerStore } from '@libp2p/interface'

export async function feedPeerStore (peerStore: Pick<PeerStore, 'merge'>, directory: Pick<Directory, 'all' | 'on'>): Promise<void> {
  const known = new Map<string, string>()
  const teach = async (person: Person): Promise<void> => {
    const addrs = person.addrs.join(' ')
    if (addrs === '' || known.get(person.peerId) === addrs) return
    known.set(person.peerId, addrs)
    try {
      await peerStore.merge(peerIdFromString(person.peerId), { multiaddrs: person.addrs.map(a => multiaddr(a)) })
    } catch {}
  }
  directory.on('change', (person) => { void teach(person) })
  await Promise.all(directory.all().map(teach))
}
