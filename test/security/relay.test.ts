/**
 * The index server can neither read nor forge what it relays. alice writes a
 * marked message to offline bob: the marker is nowhere in the index server's
 * files. mallory (a registered user) deposits forged, tampered, re-addressed
 * and replayed envelopes for bob: none of them ever shows in bob's history;
 * mallory's one honest message does.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { peerIdFromString } from '@libp2p/peer-id'
import { afterAll, describe, expect, it } from 'vitest'
import { SealedEnvelope } from '../../protocols/relay/pb/seal.js'
import { seal } from '../../protocols/relay/seal.js'
import { deposit } from '../../node/services/index-client/relay-client.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { LightClient } from '../helpers/light-client.js'
import type { SealedContent } from '../../protocols/relay/seal.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('sealed relay against a real index server', () => {
  it('keeps the index server blind and drops every forgery', async () => {
    const index = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    const carol = await new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
    const bobPeer = peerIdFromString(bob.peerId)
    const carolPeer = peerIdFromString(carol.peerId)
    await bob.stop()
    await carol.stop()
    await alice.sees('bob', c => !c.online)

    // 1. the marker of a relayed message is nowhere in the index server's files
    const marker = `marker-${randomUUID()}`
    const honest = await alice.send('bob', `the code is ${marker}`)
    expect(honest.state).toBe('relayed')
    for (const file of readdirSync(index.dataDir)) {
      expect(readFileSync(join(index.dataDir, file)).includes(marker), `${file} holds the marker`).toBe(false)
    }

    // 2. mallory, a registered user, deposits for bob
    const mallory = await LightClient.create('mallory')
    try {
      await mallory.login(index)
      const idx = mallory.accepted!.indexPeerId
      const me = mallory.node.peerId.toMultihash().bytes as Uint8Array<ArrayBuffer>
      const content = (id: string, over: Partial<SealedContent> = {}): SealedContent => ({
        id, seq: 1, from: me, to: bobPeer.toMultihash().bytes as Uint8Array<ArrayBuffer>, sentAt: Date.now(), body: `from mallory ${id}`, fromName: 'mallory', toName: 'bob', group: '', ...over
      })
      const put = async (id: string, payload: Uint8Array): Promise<void> => {
        await deposit(mallory.node, idx, { id, sender: new Uint8Array(), recipient: 'bob', recipientPeerId: new Uint8Array(), depositedAt: 0, payload: payload as Uint8Array<ArrayBuffer> })
      }
      const tampered = SealedEnvelope.decode(seal(content('tampered'), mallory.key, bobPeer))
      tampered.ciphertext[5] ^= 1
      await put('tampered', SealedEnvelope.encode(tampered))
      // sealed to carol, re-addressed to bob
      await put('readdressed', seal(content('readdressed', { to: carolPeer.toMultihash().bytes as Uint8Array<ArrayBuffer> }), mallory.key, carolPeer))
      // claims to come from alice (alice's PeerId), signed by mallory
      await put('impostor', seal(content('impostor', { from: peerIdFromString(alice.peerId).toMultihash().bytes as Uint8Array<ArrayBuffer>, fromName: 'alice' }), mallory.key, bobPeer))
      // signed by mallory, but under alice's pinned name
      await put('stolen-name', seal(content('stolen-name', { fromName: 'alice' }), mallory.key, bobPeer))
      // a genuine one, then the same sealed bytes replayed under another id
      const genuine = seal(content('genuine'), mallory.key, bobPeer)
      await put('genuine', genuine)
      await put('replayed', genuine)

      await bob.start()
      await bob.received('alice', [honest.id])
      const fromMallory = await bob.received('mallory', ['genuine'])
      expect(fromMallory.map(m => m.body)).toEqual(['from mallory genuine'])
      expect((await bob.history('alice')).map(m => m.id)).toEqual([honest.id])
      expect(bob.stderr().match(/warning: dropped a relayed message/g)?.length ?? 0).toBeGreaterThanOrEqual(4)
      // everything was acked: the relay holds nothing for bob
      const { runIndexCommand } = await import('../helpers/index-process.js')
      const status = JSON.parse((await runIndexCommand(['status', '--data', index.dataDir, '--json'])).stdout)
      expect(status.relay).toEqual([])
    } finally {
      await mallory.stop()
    }
  })
})
