/**
 * Direct presence between real libp2p nodes on 127.0.0.1: alice and bob
 * connect and learn who the other is; alice goes away and bob sees it within
 * a second; the connection drops and each hears the other is gone; a peer
 * with a bad name is not believed.
 */
import { EventEmitter } from 'node:events'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_STATUS_TEXT_CHARS, PRESENCE_PROTOCOL } from '../../protocols/constants.js'
import { encodeFrame } from '../../protocols/frames.js'
import { Presence, Status } from '../../protocols/presence/pb/presence.js'
import { presence } from '../../node/services/presence/index.js'
import { until, waitForEvent } from '../helpers/wait.js'
import type { PresenceInit, PresenceService, SelfPresence } from '../../node/services/presence/index.js'
import type { Libp2p, PeerId, Stream } from '@libp2p/interface'

/** What the presence service tells the daemon, as events. */
class Heard extends EventEmitter<{ presence: [string, Presence], gone: [string] }> {
  readonly presences: Array<{ peer: string, presence: Presence }> = []
  readonly gone: string[] = []
}

interface Peer {
  node: Libp2p
  presence: PresenceService
  heard: Heard
}

const nodes: Libp2p[] = []

afterEach(async () => {
  // one after the other: stopping both at once races two TCP closes and costs ~0.5 s in libp2p's close timeout
  for (const node of nodes.splice(0)) await node.stop()
})

async function peer (self?: SelfPresence, init: PresenceInit = {}): Promise<Peer> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), presence: presence(init) }
  })
  nodes.push(node)
  const heard = new Heard()
  node.services.presence.setHandlers({
    onPresence: (p: PeerId, value: Presence) => {
      heard.presences.push({ peer: p.toString(), presence: value })
      heard.emit('presence', p.toString(), value)
    },
    onGone: (p: PeerId) => {
      heard.gone.push(p.toString())
      heard.emit('gone', p.toString())
    }
  })
  if (self != null) node.services.presence.setSelf(self)
  return { node, presence: node.services.presence, heard }
}

/** A plain node with no presence service: plays a foreign or broken peer. */
async function bare (): Promise<Libp2p> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() }
  })
  nodes.push(node)
  return node
}

/** Resolves with the first presence from `from` that matches, already heard or within `ms`. */
async function hears (who: Peer, from: Libp2p, match: (p: Presence) => boolean = () => true, ms = 2_000): Promise<Presence> {
  const id = from.peerId.toString()
  const seen = who.heard.presences.find(h => h.peer === id && match(h.presence))
  if (seen != null) return seen.presence
  const [, value] = await waitForEvent<[string, Presence]>(who.heard, 'presence', (p, value) => p === id && match(value), ms)
  return value
}

function presenceStreams (from: Libp2p, to: Libp2p): Stream[] {
  return from.getConnections(to.peerId).flatMap(c => c.streams).filter(s => s.protocol === PRESENCE_PROTOCOL && s.status === 'open')
}

describe('presence between peers', () => {
  it('alice and bob connect and each learns the other\'s presence; one stream is kept', async () => {
    const alice = await peer({ name: 'alice', status: Status.ONLINE, statusText: 'hello' })
    const bob = await peer({ name: 'bob', status: Status.BUSY, statusText: 'deploying' })

    await alice.node.dial(bob.node.getMultiaddrs()[0])

    expect(await hears(bob, alice.node)).toMatchObject({ name: 'alice', status: Status.ONLINE, statusText: 'hello' })
    expect(await hears(alice, bob.node)).toMatchObject({ name: 'bob', status: Status.BUSY, statusText: 'deploying' })
    // both opened one at the same moment; both keep the same one and close the other
    await until(() => presenceStreams(alice.node, bob.node).length === 1 && presenceStreams(bob.node, alice.node).length === 1 ? true : undefined, 2_000, 'one presence stream')
    expect(presenceStreams(alice.node, bob.node)[0].id).toBe(presenceStreams(bob.node, alice.node)[0].id)
    expect(alice.presence.hasStream(bob.node.peerId)).toBe(true)
    // the duplicate stream closing is not "gone"
    expect(alice.heard.gone).toEqual([])
    expect(bob.heard.gone).toEqual([])
  })

  it('alice goes away: bob sees the change within one second, once', async () => {
    const alice = await peer({ name: 'alice', status: Status.ONLINE, statusText: '' })
    const bob = await peer({ name: 'bob', status: Status.ONLINE, statusText: '' })
    await alice.node.dial(bob.node.getMultiaddrs()[0])
    await hears(bob, alice.node)

    const changed = Date.now()
    alice.presence.setSelf({ name: 'alice', status: Status.AWAY, statusText: 'lunch' })
    const away = await hears(bob, alice.node, p => p.status === Status.AWAY, 1_000)

    expect(Date.now() - changed).toBeLessThan(1_000)
    expect(away.statusText).toBe('lunch')
    expect(away.updatedAt).toBeGreaterThanOrEqual(changed)
    expect(bob.heard.presences.filter(h => h.presence.status === Status.AWAY)).toHaveLength(1)
  })

  it('a peer that connects before its presence is set tells it as soon as it is set', async () => {
    const alice = await peer()
    const bob = await peer({ name: 'bob', status: Status.ONLINE, statusText: '' })
    await alice.node.dial(bob.node.getMultiaddrs()[0])
    await hears(alice, bob.node)
    await until(() => presenceStreams(alice.node, bob.node).length === 1 ? true : undefined, 2_000, 'one presence stream')
    expect(bob.heard.presences).toHaveLength(0)

    alice.presence.setSelf({ name: 'alice', status: Status.ONLINE, statusText: 'just started' })
    expect(await hears(bob, alice.node, () => true, 1_000)).toMatchObject({ name: 'alice', statusText: 'just started' })
  })

  it('the connection drops: each hears the other is gone; announce after reconnecting tells presence again', async () => {
    const alice = await peer({ name: 'alice', status: Status.ONLINE, statusText: '' })
    const bob = await peer({ name: 'bob', status: Status.ONLINE, statusText: '' })
    await alice.node.dial(bob.node.getMultiaddrs()[0])
    await hears(bob, alice.node)
    await hears(alice, bob.node)

    const bobGone = waitForEvent(alice.heard, 'gone', p => p === bob.node.peerId.toString(), 2_000)
    const aliceGone = waitForEvent(bob.heard, 'gone', p => p === alice.node.peerId.toString(), 2_000)
    await alice.node.hangUp(bob.node.peerId)
    await Promise.all([bobGone, aliceGone])
    expect(alice.presence.hasStream(bob.node.peerId)).toBe(false)

    bob.heard.presences.length = 0
    await alice.node.dial(bob.node.getMultiaddrs()[0])
    await alice.presence.announce(bob.node.peerId)
    expect(await hears(bob, alice.node)).toMatchObject({ name: 'alice' })
  })

  it('a presence stream that breaks while the connection stays is reopened: nobody is gone, changes still arrive', async () => {
    const alice = await peer({ name: 'alice', status: Status.ONLINE, statusText: '' })
    const bob = await peer({ name: 'bob', status: Status.ONLINE, statusText: '' })
    await alice.node.dial(bob.node.getMultiaddrs()[0])
    await hears(bob, alice.node)
    await until(() => presenceStreams(alice.node, bob.node).length === 1 ? presenceStreams(alice.node, bob.node)[0] : undefined, 2_000, 'one presence stream')
      .then(stream => { stream.abort(new Error('a hiccup')) })

    await until(() => alice.presence.hasStream(bob.node.peerId) && bob.presence.hasStream(alice.node.peerId) ? true : undefined, 2_000, 'the stream reopened')
    alice.presence.setSelf({ name: 'alice', status: Status.BUSY, statusText: 'back' })
    await hears(bob, alice.node, p => p.status === Status.BUSY, 1_000)
    expect(alice.heard.gone).toEqual([])
    expect(bob.heard.gone).toEqual([])
  })

  it('a presence with an invalid name is dropped and its stream aborted; a valid one on a new stream is heard, its text cleaned', async () => {
    const bob = await peer({ name: 'bob', status: Status.ONLINE, statusText: '' })
    const mallory = await bare()
    await mallory.dial(bob.node.getMultiaddrs()[0])

    const bad = await mallory.dialProtocol(bob.node.peerId, PRESENCE_PROTOCOL)
    const reset = new Promise<Error | undefined>(resolve => { bad.addEventListener('close', (evt) => { resolve(evt.error) }) })
    bad.addEventListener('message', () => {})
    bad.send(encodeFrame(Presence, { name: 'not a valid name!', status: Status.ONLINE, statusText: '', updatedAt: Date.now() }))
    expect((await reset)?.name).toBe('StreamResetError')
    expect(bob.heard.presences).toHaveLength(0)
    expect(bob.heard.gone).toHaveLength(0)

    const good = await mallory.dialProtocol(bob.node.peerId, PRESENCE_PROTOCOL)
    good.addEventListener('message', () => {})
    good.send(encodeFrame(Presence, { name: 'mallory', status: Status.AWAY, statusText: 'line\none' + 'x'.repeat(300), updatedAt: Date.now() }))
    const heard = await hears(bob, mallory)
    expect(heard.name).toBe('mallory')
    expect(heard.statusText.startsWith('line one')).toBe(true)
    expect([...heard.statusText]).toHaveLength(MAX_STATUS_TEXT_CHARS)
  })

  it('a peer without the presence protocol (like the index server) is left alone', async () => {
    const alice = await peer({ name: 'alice', status: Status.ONLINE, statusText: '' })
    const index = await bare()
    await alice.node.dial(index.getMultiaddrs()[0])

    const err = await alice.presence.announce(index.peerId).then(() => undefined, (e: Error) => e)
    expect(err?.name).toBe('UnsupportedProtocolError')
    expect(alice.presence.hasStream(index.peerId)).toBe(false)
    expect(alice.heard.gone).toHaveLength(0)
  })
})
