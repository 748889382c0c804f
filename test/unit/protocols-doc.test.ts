/**
 * docs/protocols.md's worked examples are real: the LOGIN's bytes are what
 * the codec makes from the inputs the page names, the chat frame decodes to
 * the message it describes, and bob opens the sealed envelope with his seed
 * (so the sealing construction on the page is the one the code uses).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { ChatFrame } from '../../protocols/chat/pb/chat.js'
import { decodeDatagram, encodeLogin } from '../../protocols/login/codec.js'
import { openSealed } from '../../protocols/relay/seal.js'
import { decodeFrame } from '../../protocols/frames.js'
import { ROOT } from '../helpers/index-process.js'

const doc = readFileSync(resolve(ROOT, 'docs/protocols.md'), 'utf8')

function example (name: string): Uint8Array {
  const m = new RegExp('```hex ' + name + '\\n([0-9a-f]+)\\n```').exec(doc)
  if (m == null) throw new Error(`docs/protocols.md has no \`\`\`hex ${name} block`)
  return Uint8Array.from(Buffer.from(m[1], 'hex'))
}

async function person (byte: number): Promise<{ key: Awaited<ReturnType<typeof generateKeyPairFromSeed>>, peer: ReturnType<typeof peerIdFromPrivateKey> }> {
  const key = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(byte))
  return { key, peer: peerIdFromPrivateKey(key) }
}

describe('docs/protocols.md worked examples', () => {
  it('names the PeerIds the seeds give', async () => {
    const [alice, bob] = [await person(1), await person(2)]
    expect(doc).toContain(`alice is \`${alice.peer.toString()}\``)
    expect(doc).toContain(Buffer.from(alice.peer.toMultihash().bytes).toString('hex'))
    expect(doc).toContain(`bob is\n\`${bob.peer.toString()}\``)
    expect(doc).toContain(Buffer.from(bob.peer.toMultihash().bytes).toString('hex'))
  })

  it('the LOGIN is exactly what the codec makes, padded to 1024 bytes', async () => {
    const alice = await person(1)
    const nonce = Uint8Array.from({ length: 16 }, (_, i) => i)
    const bytes = encodeLogin(nonce, { name: 'alice', peerId: alice.peer.toMultihash().bytes, addrs: [multiaddr('/ip4/192.168.1.10/tcp/47472').bytes], agent: 'lanchat/0.1.0', padding: new Uint8Array() })
    const shown = example('login')
    expect(bytes.length).toBe(1024)
    expect(Buffer.from(bytes.subarray(0, shown.length)).equals(Buffer.from(shown))).toBe(true)
    expect(bytes.subarray(shown.length).every(b => b === 0)).toBe(true)
    const decoded = decodeDatagram(bytes)
    expect(decoded.datagram.login).toMatchObject({ name: 'alice', agent: 'lanchat/0.1.0' })
  })

  it('the chat frame decodes to the message the page describes', () => {
    const frame = example('chat')
    expect(frame[0]).toBe(frame.length - 1)
    expect(decodeFrame(ChatFrame, frame.subarray(1)).message).toEqual({ id: 'm1', from: 'alice', to: 'bob', body: 'hi', sentAt: 1767605460000, seq: 1, group: '', item: new Uint8Array() })
  })

  it('bob opens the sealed envelope with his seed; it is alice\'s signed content', async () => {
    const [alice, bob] = [await person(1), await person(2)]
    const content = openSealed(example('sealed'), bob.key, bob.peer)
    expect(content).toMatchObject({ id: '0190aaaa-0000-7000-8000-000000000001', seq: 1, sentAt: 1767605460000, body: 'lunch at noon?', fromName: 'alice', toName: 'bob', group: '' })
    expect(Buffer.from(content.from).equals(Buffer.from(alice.peer.toMultihash().bytes))).toBe(true)
    const carol = await person(3)
    expect(() => openSealed(example('sealed'), carol.key, carol.peer)).toThrow()
  })
})
