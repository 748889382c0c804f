/**
 * @libp2p/gossipsub on lanchat's stack (TCP, Noise, yamux, identify, libp2p
 * v3), as the everyone room will use it: the signed post is the message
 * data (gossipsub's own signature off: StrictNoSign; ids are the SHA-256 of
 * the data), and three nodes connected in a line (alice - bob - carol, no
 * alice - carol connection) all get alice's post: dissemination over
 * existing connections, without a full mesh.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { tcp } from '@libp2p/tcp'
import { sha256 } from '@noble/hashes/sha2.js'
import { createLibp2p } from 'libp2p'
import { afterAll, describe, expect, it } from 'vitest'
import { GroupPost, ItemKind, SignedItem, openPost, signItem } from '../../protocols/groups/item.js'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Libp2p, PrivateKey } from '@libp2p/interface'

const TOPIC = 'lanchat/everyone/1'
const nodes: Array<Libp2p<{ pubsub: GossipSub }>> = []

async function node (key: PrivateKey): Promise<Libp2p<{ pubsub: GossipSub }>> {
  const n = await createLibp2p({
    privateKey: key,
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      pubsub: gossipsub({
        globalSignaturePolicy: 'StrictNoSign',
        msgIdFn: (msg) => sha256(msg.data),
        allowPublishToZeroTopicPeers: true,
        floodPublish: false,
        allowedTopics: [TOPIC]
      })
    }
  })
  nodes.push(n)
  n.services.pubsub.subscribe(TOPIC)
  return n
}

afterAll(async () => { await Promise.all(nodes.map(async n => { await n.stop() })) })

async function until (check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

describe('gossipsub on our stack', () => {
  it('a post published by alice reaches carol through bob: no alice-carol connection', async () => {
    const keys = await Promise.all([0, 1, 2].map(async () => await generateKeyPair('Ed25519')))
    const [alice, bob, carol] = await Promise.all(keys.map(node))
    await alice.dial(bob.getMultiaddrs()[0])
    await carol.dial(bob.getMultiaddrs()[0])
    // the mesh forms on gossipsub's heartbeat (1 s)
    await until(() => alice.services.pubsub.getSubscribers(TOPIC).length === 1 && carol.services.pubsub.getSubscribers(TOPIC).length === 1 && bob.services.pubsub.getSubscribers(TOPIC).length === 2, 10_000)
    const got: Array<{ at: string, body: string, sender: string }> = []
    for (const [name, n] of [['bob', bob], ['carol', carol]] as const) {
      n.services.pubsub.addEventListener('message', (evt) => {
        const opened = openPost(SignedItem.decode(evt.detail.data))
        got.push({ at: name, body: opened.post.body, sender: opened.sender })
      })
    }
    const from = peerIdFromPrivateKey(keys[0])
    const post: GroupPost = { group: 'everyone', id: 'p1', from: from.toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: 'alice', seq: 1, sentAt: Date.now(), body: 'cake in the kitchen', groupVersion: 0 }
    const data = SignedItem.encode(signItem(ItemKind.POST, GroupPost.encode(post), keys[0]))
    await alice.services.pubsub.publish(TOPIC, data)
    await until(() => got.length === 2, 10_000)
    expect(got.map(g => g.at).sort()).toEqual(['bob', 'carol'])
    expect(got.every(g => g.body === 'cake in the kitchen' && g.sender === from.toString())).toBe(true)
    expect(alice.getConnections(carol.peerId)).toHaveLength(0)
  })
})
