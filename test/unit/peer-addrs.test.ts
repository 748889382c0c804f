/**
 * libp2p's peer store lives in memory: a daemon started while the index
 * server is unreachable must still dial the people whose addresses its
 * profile kept (the outbox and the group fan-out try them then). The daemon
 * gives the peer store those addresses at start, and each address learned
 * later once.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { Status } from '../../protocols/directory/pb/directory.js'
import { feedPeerStore } from '../../node/daemon/peer-addrs.js'
import { Directory } from '../../node/directory/directory.js'
import { ContactStore } from '../../node/store/contacts.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { tempDir } from '../helpers/index-process.js'
import type { User } from '../../protocols/directory/pb/directory.js'
import type { PeerId } from '@libp2p/interface'

async function newPeer (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

function user (name: string, peer: PeerId, addr: string): User {
  return { name, peerId: peer.toMultihash().bytes as Uint8Array<ArrayBuffer>, addrs: [multiaddr(addr).bytes as Uint8Array<ArrayBuffer>], status: Status.ONLINE, statusText: '', lastSeen: 0 }
}

/** What the daemon hands libp2p: `peerId addr addr...` per merge, in order. */
function peerStore (): { merges: string[], merge: (peer: PeerId, data: { multiaddrs?: Array<{ toString: () => string }> }) => Promise<any> } {
  const merges: string[] = []
  return {
    merges,
    merge: async (peer, data) => { merges.push([peer.toString(), ...(data.multiaddrs ?? []).map(String)].join(' ')) }
  }
}

describe('the peer store is fed from the directory', () => {
  it('at start, with the addresses the profile kept; later, each new address once', async () => {
    const dir = tempDir()
    const me = (await newPeer()).toString()
    const bob = await newPeer()
    const carol = await newPeer()
    // the last run: the index server told where bob and carol were
    const before = new Directory(new ContactStore(openProfileDatabase(dir)), me, () => 'me')
    before.applySnapshot([user('bob', bob, '/ip4/10.0.0.12/tcp/47472'), user('carol', carol, '/ip4/10.0.0.13/tcp/47472')])

    // this run starts with no index server: the profile is all it knows
    const directory = new Directory(new ContactStore(openProfileDatabase(dir)), me, () => 'me')
    const store = peerStore()
    await feedPeerStore(store, directory)
    expect([...store.merges].sort()).toEqual([`${bob.toString()} /ip4/10.0.0.12/tcp/47472`, `${carol.toString()} /ip4/10.0.0.13/tcp/47472`].sort())

    // carol moved; bob only changed his status: one merge, carol's new address
    store.merges.length = 0
    directory.applyJoined(user('carol', carol, '/ip4/10.0.0.23/tcp/47472'))
    directory.applyStatus({ peerId: bob.toMultihash().bytes as Uint8Array<ArrayBuffer>, name: 'bob', status: Status.AWAY, statusText: 'lunch', version: 2 })
    await Promise.resolve()
    expect(store.merges).toEqual([`${carol.toString()} /ip4/10.0.0.23/tcp/47472`])
  })

  it('a peer store that refuses an address does not stop the others', async () => {
    const dir = tempDir()
    const me = (await newPeer()).toString()
    const [bob, carol] = [await newPeer(), await newPeer()]
    const before = new Directory(new ContactStore(openProfileDatabase(dir)), me, () => 'me')
    before.applySnapshot([user('bob', bob, '/ip4/10.0.0.12/tcp/47472'), user('carol', carol, '/ip4/10.0.0.13/tcp/47472')])
    const merged: string[] = []
    await feedPeerStore({
      merge: async (peer) => {
        if (peer.equals(bob)) throw new Error('refused')
        merged.push(peer.toString())
        return undefined as any
      }
    }, new Directory(new ContactStore(openProfileDatabase(dir)), me, () => 'me'))
    expect(merged).toEqual([carol.toString()])
  })
})
