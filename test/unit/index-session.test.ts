/**
 * The daemon's index session, driven on an in-memory stream: the server's
 * side is played by the test, byte for byte. The story of issue 19: the end
 * of the snapshot and the deltas behind it arrive in one read (or split
 * anywhere); the owner must see the snapshot, then every delta, in order.
 * Then the directory versions: a missed delta is noticed and repaired with a
 * fresh snapshot; an unnumbered (older) server is followed as before.
 */
import { streamPair } from '@libp2p/utils'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { describe, expect, it } from 'vitest'
import { MAX_INDEX_FRAME_BYTES } from '../../protocols/constants.js'
import { encodeFrame, onFrames } from '../../protocols/frames.js'
import { IndexFrame, LeftReason, Status } from '../../protocols/directory/pb/directory.js'
import { IndexSession } from '../../node/services/index-client/session.js'
import { until } from '../helpers/wait.js'
import type { User } from '../../protocols/directory/pb/directory.js'
import type { PeerId, Stream } from '@libp2p/interface'

const hello = { name: 'ann', addrs: [], status: Status.ONLINE, statusText: '', agent: 'test' }

async function peer (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

function user (name: string, id: PeerId, status = Status.ONLINE): User {
  return { name, peerId: id.toMultihash().bytes, addrs: [], status, statusText: '', lastSeen: 1 }
}

function bytes (...frames: IndexFrame[]): Uint8Array {
  return Uint8Array.from(frames.flatMap(f => [...encodeFrame(IndexFrame, f)]))
}

interface Story {
  /** everything the owner of a session was told, in order, as short lines */
  told: string[]
  /** resolves once `n` lines were told; rejects after 2 s */
  reached(n: number): Promise<void>
}

function story (session: IndexSession): Story {
  const told: string[] = []
  let waiter: { n: number, resolve: () => void } | undefined
  const tell = (line: string): void => {
    told.push(line)
    if (waiter != null && told.length >= waiter.n) waiter.resolve()
  }
  session.on('snapshot', (users, version) => { tell(`snapshot@${version}: ${users.map(u => `${u.name}${u.status === Status.OFFLINE ? '(off)' : ''}`).join(' ')}`) })
  session.on('joined', (u) => { tell(`joined ${u.name}`) })
  session.on('left', (l) => { tell(`left ${l.name}`) })
  session.on('status', (s) => { tell(`status ${s.name}`) })
  session.on('pending', (n) => { tell(`pending ${n}`) })
  session.on('gap', ({ expected, got }) => { tell(`gap: expected ${expected}, got ${got}`) })
  const reached = async (n: number): Promise<void> => {
    if (told.length >= n) return
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`told ${told.length} of ${n}: ${told.join('; ')}`)) }, 2_000)
      waiter = { n, resolve: () => { clearTimeout(timer); resolve() } }
    })
  }
  return { told, reached }
}

/** The server's end: collects what the client sends. */
function serverEnd (stream: Stream): IndexFrame[] {
  const heard: IndexFrame[] = []
  onFrames(stream, IndexFrame, { maxDataLength: MAX_INDEX_FRAME_BYTES, onFrame: (f) => { heard.push(f) }, onError: () => {} })
  return heard
}

describe('index session: the snapshot and what comes right behind it', async () => {
  const [ann, bob, cat, dan] = await Promise.all([peer(), peer(), peer(), peer()])
  const login = bytes(
    { snapshot: { users: [user('ann', ann), user('bob', bob)], last: false, heartbeatMs: 2000, version: 0 } },
    { snapshot: { users: [user('cat', cat, Status.OFFLINE)], last: true, heartbeatMs: 2000, version: 5 } },
    { joined: { user: user('ann', ann), version: 6 } },
    { joined: { user: user('cat', cat), version: 7 } },
    { statusChanged: { peerId: bob.toMultihash().bytes, name: 'bob', status: Status.AWAY, statusText: 'lunch', version: 8 } },
    { left: { peerId: bob.toMultihash().bytes, name: 'bob', reason: LeftReason.LOGOUT, lastSeen: 2, version: 9 } },
    { relayPending: { count: 3 } }
  )
  const expected = ['snapshot@5: ann bob cat(off)', 'joined ann', 'joined cat', 'status bob', 'left bob', 'pending 3']

  it('the end of the snapshot and four deltas in one read: the owner hears the snapshot, then every delta', async () => {
    const [client, server] = await streamPair()
    const session = new IndexSession(ann)
    const told = story(session)
    const heard = serverEnd(server)
    const opened = session.start(client, hello)
    await until(() => heard.length > 0 ? true : undefined, 2_000, 'Hello')
    expect(heard[0].hello?.name).toBe('ann')

    server.send(login)
    await opened
    await told.reached(expected.length)
    expect(told.told).toEqual(expected)
    expect(session.version).toBe(9)
    expect(heard.filter(f => f.resync != null)).toEqual([])
  })

  it(`split at every one of the ${login.byteLength - 1} offsets: always the same story`, async () => {
    for (let at = 1; at < login.byteLength; at++) {
      const [client, server] = await streamPair({ delay: 0 })
      const session = new IndexSession(ann)
      const told = story(session)
      const opened = session.start(client, hello)
      server.send(login.subarray(0, at))
      server.send(login.subarray(at))
      await opened
      await told.reached(expected.length)
      expect(told.told, `split at ${at}`).toEqual(expected)
      client.abort(new Error('done'))
    }
  })
})

describe('index session: directory versions', async () => {
  const [ann, bob, cat] = await Promise.all([peer(), peer(), peer()])

  it('a missed delta is noticed: the session asks for a fresh snapshot, applies it, and goes on from its version', async () => {
    const [client, server] = await streamPair()
    const session = new IndexSession(ann)
    const told = story(session)
    const heard = serverEnd(server)
    const opened = session.start(client, hello)
    server.send(bytes({ snapshot: { users: [user('ann', ann)], last: true, heartbeatMs: 2000, version: 10 } }))
    await opened

    // version 11 (bob joined) never arrives; 12 (cat joined) does
    server.send(bytes({ joined: { user: user('cat', cat), version: 12 } }))
    await until(() => heard.some(f => f.resync != null) ? true : undefined, 2_000, 'a Resync')
    server.send(bytes(
      { joined: { user: user('cat', cat), version: 13 } },
      { snapshot: { users: [user('ann', ann), user('bob', bob), user('cat', cat)], last: true, heartbeatMs: 2000, version: 13 } },
      { statusChanged: { peerId: cat.toMultihash().bytes, name: 'cat', status: Status.BUSY, statusText: '', version: 14 } }
    ))
    await told.reached(6)
    expect(told.told).toEqual([
      'snapshot@10: ann',
      'gap: expected 11, got 12',
      'joined cat',
      'joined cat',
      'snapshot@13: ann bob cat',
      'status cat'
    ])
    expect(heard.filter(f => f.resync != null)).toHaveLength(1)
    expect(session.version).toBe(14)
  })

  it('deltas a snapshot already covers, and deltas before the first snapshot, are not applied', async () => {
    const [client, server] = await streamPair()
    const session = new IndexSession(ann)
    const told = story(session)
    const opened = session.start(client, hello)
    server.send(bytes(
      { joined: { user: user('bob', bob), version: 3 } },
      { snapshot: { users: [user('ann', ann)], last: true, heartbeatMs: 2000, version: 4 } },
      { joined: { user: user('bob', bob), version: 4 } },
      { joined: { user: user('cat', cat), version: 5 } }
    ))
    await opened
    await told.reached(2)
    expect(told.told).toEqual(['snapshot@4: ann', 'joined cat'])
  })

  it('an index server from before versions (every version 0): every delta applies, no Resync', async () => {
    const [client, server] = await streamPair()
    const session = new IndexSession(ann)
    const told = story(session)
    const heard = serverEnd(server)
    const opened = session.start(client, hello)
    server.send(bytes(
      { snapshot: { users: [user('ann', ann)], last: true, heartbeatMs: 2000, version: 0 } },
      { joined: { user: user('bob', bob), version: 0 } },
      { left: { peerId: bob.toMultihash().bytes, name: 'bob', reason: LeftReason.TIMEOUT, lastSeen: 2, version: 0 } }
    ))
    await opened
    await told.reached(3)
    expect(told.told).toEqual(['snapshot@0: ann', 'joined bob', 'left bob'])
    expect(heard.filter(f => f.resync != null)).toEqual([])
  })
})
