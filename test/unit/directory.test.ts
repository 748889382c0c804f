/**
 * The daemon's directory never switches identities silently: a LAN peer
 * using a pinned name stays unverified and is warned about; a pinned name
 * that the index server binds to a new identity is a visible warning; an
 * identity seen under a new name is too.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { describe, expect, it } from 'vitest'
import { Status } from '../../protocols/directory/pb/directory.js'
import { Directory } from '../../node/daemon/directory.js'
import { ContactStore } from '../../node/store/contacts.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { tempDir } from '../helpers/index-process.js'
import type { User } from '../../protocols/directory/pb/directory.js'

async function newPeer (): Promise<ReturnType<typeof peerIdFromPrivateKey>> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

function user (name: string, peer: Awaited<ReturnType<typeof newPeer>>): User {
  return { name, peerId: peer.toMultihash().bytes as Uint8Array<ArrayBuffer>, addrs: [], status: Status.ONLINE, statusText: '', lastSeen: 0 }
}

async function directory (): Promise<{ dir: Directory, warnings: string[] }> {
  const dir = new Directory(new ContactStore(openProfileDatabase(tempDir())), (await newPeer()).toString())
  const warnings: string[] = []
  dir.on('warning', w => { warnings.push(w) })
  return { dir, warnings }
}

describe('directory identities', () => {
  it('keeps a LAN impostor of a pinned name unverified, warns, and routes the name to the pinned one', async () => {
    const { dir, warnings } = await directory()
    const alice = await newPeer()
    const impostor = await newPeer()
    dir.applySnapshot([user('alice', alice)])
    dir.applyPresence(impostor.toString(), 'alice', 'online', '')
    expect(warnings).toEqual([expect.stringContaining(`calls itself "alice", but alice is pinned to another identity`)])
    expect(dir.lookup('alice')?.peerId).toBe(alice.toString())
    expect(dir.byPeer(impostor.toString())?.verified).toBe(false)
  })

  it('warns when the index binds a pinned name to a new identity', async () => {
    const { dir, warnings } = await directory()
    const old = await newPeer()
    const renewed = await newPeer()
    dir.applySnapshot([user('bob', old)])
    dir.applyJoined(user('bob', renewed))
    expect(warnings).toEqual([expect.stringContaining(`bob has a new identity (${renewed.toString()}, was ${old.toString()})`)])
    expect(dir.lookup('bob')?.peerId).toBe(renewed.toString())
    expect(dir.byPeer(old.toString())).toMatchObject({ name: 'bob (old)', verified: false })
  })

  it('warns when a pinned identity appears under a new name', async () => {
    const { dir, warnings } = await directory()
    const carol = await newPeer()
    dir.applySnapshot([user('carol', carol)])
    dir.applyJoined(user('caroline', carol))
    expect(warnings).toEqual([`carol now logs in as "caroline" (same identity ${carol.toString()})`])
  })

  it('marks names learned only from the LAN unverified', async () => {
    const { dir } = await directory()
    const dave = await newPeer()
    dir.applyPresence(dave.toString(), 'dave', 'away', 'lunch')
    expect(dir.contacts(new Map())).toEqual([expect.objectContaining({ name: 'dave', verified: false, online: true, status: 'away' })])
  })
})

describe('history order', () => {
  it('keeps each sender in sequence order even when its clock went back, interleaving the two by time', async () => {
    const { mergeBySender } = await import('../../node/store/messages.js')
    const m = (direction: 'in' | 'out', seq: number, sentAt: number): any => ({ id: `${direction}${seq}`, direction, seq, sentAt })
    // bob's clock jumped back 10 s between his 2nd and 3rd message
    const rows = [m('in', 1, 100), m('in', 2, 200), m('in', 3, 190), m('out', 1, 150), m('out', 2, 250)]
    expect(mergeBySender(rows).map(r => r.id)).toEqual(['in1', 'out1', 'in2', 'in3', 'out2'])
  })
})
