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
import { Directory } from '../../node/directory/directory.js'
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
  const dir = new Directory(new ContactStore(openProfileDatabase(tempDir())), (await newPeer()).toString(), () => 'me')
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
    expect(warnings).toEqual([expect.stringContaining(`(${impostor.toString()}) calls itself "alice", but that name belongs to another identity`)])
    expect(dir.resolve('alice')?.peerId).toBe(alice.toString())
    const shown = dir.contact(dir.byPeer(impostor.toString()) as any, 0)
    expect(shown).toMatchObject({ verified: false, claimedName: 'alice', trust: 'request' })
    expect(shown.name).toBe(`unverified-${impostor.toString().slice(-6)}`)
  })

  it('warns when the index binds a pinned name to a new identity', async () => {
    const { dir, warnings } = await directory()
    const old = await newPeer()
    const renewed = await newPeer()
    dir.applySnapshot([user('bob', old)])
    dir.applyJoined(user('bob', renewed))
    expect(warnings).toEqual([expect.stringContaining(`bob has a new identity (${renewed.toString()}, was ${old.toString()})`)])
    expect(dir.resolve('bob')?.peerId).toBe(renewed.toString())
    expect(dir.byPeer(old.toString())).toMatchObject({ name: 'bob (old)', verified: false })
  })

  it('warns when a pinned identity appears under a new name', async () => {
    const { dir, warnings } = await directory()
    const carol = await newPeer()
    dir.applySnapshot([user('carol', carol)])
    dir.applyJoined(user('caroline', carol))
    expect(warnings).toEqual([`carol now logs in as "caroline" (same identity ${carol.toString()})`])
  })

  it('marks names learned only from the LAN unverified, in the people list', async () => {
    const { dir } = await directory()
    const dave = await newPeer()
    dir.seenOnLan(dave.toString(), [])
    dir.applyPresence(dave.toString(), 'dave', 'away', 'lunch')
    expect(dir.contacts(new Map())).toEqual([expect.objectContaining({ name: 'dave', verified: false, trust: 'lan', online: true, status: 'away' })])
  })

  it('keeps a stranger who writes under a colleague\'s name apart, as a request, never under that name', async () => {
    const { dir, warnings } = await directory()
    const alice = await newPeer()
    const stranger = await newPeer()
    dir.applySnapshot([user('alice', alice)])
    const person = dir.learn(stranger.toString(), 'alice')
    expect(person?.peerId).toBe(stranger.toString())
    expect(dir.contacts(new Map()).map(c => c.peerId)).toEqual([alice.toString()])
    expect(dir.contacts(new Map(), 'requests')).toEqual([expect.objectContaining({ peerId: stranger.toString(), name: `unverified-${stranger.toString().slice(-6)}`, claimedName: 'alice', trust: 'request' })])
    expect(dir.resolve('alice')?.peerId).toBe(alice.toString())
    expect(dir.resolve(stranger.toString())?.peerId).toBe(stranger.toString())
    expect(warnings).toHaveLength(1)
  })

  it('never shows a name that breaks the rules, is mine, or is reserved, and warns once each', async () => {
    const { dir, warnings } = await directory()
    const claims = ['ali\u202Ece', 'ali\u200Bce', '', 'everyone', 'me', 'ME']
    const peers = await Promise.all(claims.map(async () => await newPeer()))
    claims.forEach((claim, i) => { dir.learn(peers[i].toString(), claim) })
    for (const [i, claim] of claims.entries()) {
      const c = dir.contact(dir.byPeer(peers[i].toString()) as any, 0)
      expect(c.name, claim).toBe(`unverified-${peers[i].toString().slice(-6)}`)
      expect(c.name).not.toContain('\u202E')
    }
    expect(warnings).toHaveLength(claims.length)
    expect(warnings.join('\n')).not.toMatch(/[\u202E\u200B]/)
  })

  it('keeps look-alikes of a colleague\'s name off the screen: Cyrillic, fullwidth, capital I for l, digit 1', async () => {
    const { dir } = await directory()
    const alice = await newPeer()
    dir.applySnapshot([user('alice', alice)])
    for (const claim of ['\u0430lice', 'aIice', 'a1ice', 'a.lice', 'ALICE']) {
      const peer = await newPeer()
      dir.learn(peer.toString(), claim)
      expect(dir.contact(dir.byPeer(peer.toString()) as any, 0).name, claim).toBe(`unverified-${peer.toString().slice(-6)}`)
    }
  })

  it('lets the first of two unverified peers keep a name, LAN peers before strangers', async () => {
    const { dir } = await directory()
    const early = await newPeer()
    const lan = await newPeer()
    dir.learn(early.toString(), 'dave')
    dir.seenOnLan(lan.toString(), [])
    dir.applyPresence(lan.toString(), 'dave', 'online', '')
    expect(dir.resolve('dave')?.peerId).toBe(lan.toString())
    expect(dir.contact(dir.byPeer(early.toString()) as any, 0).name).toBe(`unverified-${early.toString().slice(-6)}`)
  })

  it('bounds the requests list, refuses a blocked peer, and forgets on request', async () => {
    const { dir, warnings } = await directory()
    const { MAX_MESSAGE_REQUESTS } = await import('../../node/directory/constants.js')
    for (let i = 0; i < MAX_MESSAGE_REQUESTS; i++) expect(dir.learn((await newPeer()).toString(), `s${i}`)).toBeDefined()
    expect(dir.learn((await newPeer()).toString(), 'one-too-many')).toBeUndefined()
    expect(warnings.at(-1)).toContain('message requests from strangers are waiting')
    const first = dir.contacts(new Map(), 'requests')[0].peerId
    dir.block(first)
    expect(dir.learn(first, 'again')).toBeUndefined()
    expect(dir.contacts(new Map(), 'blocked').map(c => c.peerId)).toEqual([first])
    expect(dir.learn((await newPeer()).toString(), 'room-again')).toBeDefined()
    dir.remove(first)
    expect(dir.byPeer(first)).toBeUndefined()
  })
})
