/**
 * Store-and-forward at a real lanchat-index: alice deposits for bob while he
 * is offline; the server is killed and restarted; bob logs in, hears that
 * envelopes wait, fetches them in order, acks them, and they are gone.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { MAX_RELAY_PAYLOAD_BYTES } from '../../protocols/constants.js'
import { RelayRefusal } from '../../protocols/relay/pb/relay.js'
import { ackEnvelopes, deposit, fetchEnvelopes } from '../../node/services/index-client/relay-client.js'
import { udpLogin } from '../../node/services/index-client/udp-login.js'
import { RejectReason } from '../../protocols/login/codec.js'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { LightClient } from '../helpers/light-client.js'
import { runIndexCommand, startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { waitForEvent } from '../helpers/wait.js'
import type { Envelope } from '../../protocols/relay/pb/relay.js'
import type { Delta } from '../helpers/light-client.js'

const clients: LightClient[] = []
async function client (name: string, key?: Parameters<typeof LightClient.create>[1]): Promise<LightClient> {
  const c = await LightClient.create(name, key)
  clients.push(c)
  return c
}

function envelope (id: string, recipient: string, text: string): Envelope {
  return { id, sender: new Uint8Array(), recipient, recipientPeerId: new Uint8Array(), depositedAt: 0, payload: new TextEncoder().encode(text) }
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map(async c => { await c.stop() }))
})
afterAll(async () => { await stopAllIndexes() })

describe('offline relay', () => {
  it('keeps deposits across a SIGKILL of the server; fetch -> ack -> gone', async () => {
    const dataDir = tempDir()
    let index = await startIndex({ dataDir })
    const alice = await client('alice')
    await alice.login(index)
    const bobKey = await generateKeyPair('Ed25519')
    const bob = await client('bob', bobKey)
    await bob.login(index)
    await bob.session!.logout()
    await bob.stop()

    const idx = alice.accepted!.indexPeerId
    for (const n of [1, 2, 3]) {
      expect(await deposit(alice.node, idx, envelope(`m${n}`, 'bob', `hello ${n}`))).toEqual({ duplicate: false })
    }
    // a retry of the same id is stored once
    expect(await deposit(alice.node, idx, envelope('m2', 'bob', 'hello 2'))).toEqual({ duplicate: true })

    // acked deposits survive a crash of the server
    await index.kill()
    await alice.stop()
    index = await startIndex({ dataDir })
    // the name bindings survived too: bob's name is still his alone
    const thief = await udpLogin({ host: '127.0.0.1', port: index.udpPort }, { name: 'bob', peerId: peerIdFromPrivateKey(await generateKeyPair('Ed25519')), addrs: [], agent: 'test' }).catch(e => e)
    expect(thief.reason).toBe(RejectReason.NAME_TAKEN)
    const status = JSON.parse((await runIndexCommand(['status', '--data', dataDir, '--json'])).stdout)
    expect(status.relay).toEqual([expect.objectContaining({ recipient: 'bob', count: 3 })])
    expect(JSON.stringify(status)).not.toContain('hello')

    const bob2 = await client('bob', bobKey)
    await bob2.login(index)
    await until(bob2, 'pending')
    const { envelopes, more } = await fetchEnvelopes(bob2.node, bob2.accepted!.indexPeerId, 100)
    expect(more).toBe(false)
    expect(envelopes.map(e => new TextDecoder().decode(e.payload))).toEqual(['hello 1', 'hello 2', 'hello 3'])
    expect(Buffer.from(envelopes[0].sender).equals(alice.node.peerId.toMultihash().bytes)).toBe(true)
    expect(await ackEnvelopes(bob2.node, bob2.accepted!.indexPeerId, envelopes.map(e => e.id))).toBe(3)
    expect((await fetchEnvelopes(bob2.node, bob2.accepted!.indexPeerId, 100)).envelopes).toEqual([])
    const after = JSON.parse((await runIndexCommand(['status', '--data', dataDir, '--json'])).stdout)
    expect(after.relay).toEqual([])
  })

  it('tells an online recipient at once that something waits', async () => {
    const index = await startIndex()
    const alice = await client('alice')
    await alice.login(index)
    const bob = await client('bob')
    await bob.login(index)
    await deposit(alice.node, alice.accepted!.indexPeerId, envelope('x1', 'bob', 'while you were online'))
    const delta = await until(bob, 'pending')
    expect(delta.frame).toBe(1)
  })

  it('refuses with a clear reason: sender share, quota, unknown recipient, unregistered sender, wrong key, too large', async () => {
    const index = await startIndex({ args: ['--relay-quota', '4', '--relay-sender-share', '0.5'] })
    const alice = await client('alice')
    await alice.login(index)
    const bob = await client('bob')
    await bob.login(index)
    const carol = await client('carol')
    await carol.login(index)
    const dave = await client('dave')
    await dave.login(index)
    const idx = alice.accepted!.indexPeerId
    const refusal = async (p: Promise<unknown>): Promise<{ name: string, reason: string, message: string }> => await p.then(() => ({ name: 'none', reason: '', message: '' }), e => e)

    // alice fills her half of bob's quota of 4
    await deposit(alice.node, idx, envelope('q1', 'bob', 'one'))
    await deposit(alice.node, idx, envelope('q2', 'bob', 'two'))
    const share = await refusal(deposit(alice.node, idx, envelope('q3', 'bob', 'three')))
    expect(share.name).toBe('RelayRefusedError')
    expect(share.reason).toBe(RelayRefusal.SENDER_SHARE)
    expect(share.message).toContain('as much waiting for bob at the index server as one sender may (2 messages')
    // carol fills the other half; then bob's quota is full for dave too
    await deposit(carol.node, idx, envelope('c1', 'bob', 'one'))
    await deposit(carol.node, idx, envelope('c2', 'bob', 'two'))
    const full = await refusal(deposit(dave.node, idx, envelope('d1', 'bob', 'one')))
    expect(full.name).toBe('RelayRefusedError')
    expect(full.reason).toBe(RelayRefusal.QUOTA_COUNT)
    expect(full.message).toContain('bob already has 4 messages waiting')

    const nobody = await refusal(deposit(alice.node, idx, envelope('u1', 'nobody', 'hi')))
    expect(nobody.reason).toBe(RelayRefusal.UNKNOWN_RECIPIENT)

    const tooBig = { ...envelope('b1', 'bob', ''), payload: new Uint8Array(MAX_RELAY_PAYLOAD_BYTES + 1) }
    expect((await refusal(deposit(alice.node, idx, tooBig))).reason).toBe(RelayRefusal.TOO_LARGE)

    const wrongKey = { ...envelope('k1', 'bob', 'hi'), recipientPeerId: alice.node.peerId.toMultihash().bytes as Uint8Array<ArrayBuffer> }
    expect((await refusal(deposit(alice.node, idx, wrongKey))).reason).toBe(RelayRefusal.KEY_MISMATCH)

    // a stranger who never logged in cannot fill anyone's queue
    const stranger = await client('stranger')
    await stranger.node.dial(alice.accepted!.dialAddrs[0].encapsulate(`/p2p/${idx.toString()}`))
    expect((await refusal(deposit(stranger.node, idx, envelope('s1', 'alice', 'spam')))).reason).toBe(RelayRefusal.NOT_LOGGED_IN)
  })
})

async function until (c: LightClient, kind: Delta['kind']): Promise<Delta> {
  const seen = c.deltas.find(d => d.kind === kind)
  if (seen != null) return seen
  const [delta] = await waitForEvent<[Delta]>(c, 'delta', d => d.kind === kind)
  return delta
}
