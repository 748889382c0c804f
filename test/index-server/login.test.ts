/**
 * The UDP login service of a real lanchat-index process, driven with real
 * datagrams on 127.0.0.1.
 */
import { createSocket } from 'node:dgram'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOGIN_DATAGRAM_BYTES } from '../../protocols/constants.js'
import { decodeDatagram, encodeDatagram, encodeLogin, newNonce, RejectReason } from '../../protocols/login/codec.js'
import { udpLogin } from '../../node/services/index-client/udp-login.js'
import { LightClient } from '../helpers/light-client.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { Socket } from 'node:dgram'

let index: IndexProcess
let socket: Socket

/** Sends one datagram and resolves with the reply, or undefined after `ms`. */
async function exchange (bytes: Uint8Array, ms = 1500): Promise<Uint8Array | undefined> {
  return await new Promise(resolve => {
    const timer = setTimeout(() => { socket.off('message', onMessage); resolve(undefined) }, ms)
    const onMessage = (msg: Buffer): void => { clearTimeout(timer); socket.off('message', onMessage); resolve(new Uint8Array(msg)) }
    socket.on('message', onMessage)
    socket.send(bytes, index.udpPort, '127.0.0.1')
  })
}

async function loginBytes (name: string): Promise<{ bytes: Uint8Array, nonce: Uint8Array }> {
  const peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  const nonce = newNonce()
  return { nonce, bytes: encodeLogin(nonce, { name, peerId: peerId.toMultihash().bytes as Uint8Array<ArrayBuffer>, addrs: [], agent: 'test', padding: new Uint8Array() }) }
}

beforeAll(async () => {
  index = await startIndex()
  socket = createSocket('udp4')
  await new Promise<void>(resolve => { socket.bind(0, '127.0.0.1', resolve) })
})

afterAll(async () => {
  socket?.close()
  await stopAllIndexes()
})

describe('UDP login', () => {
  it('accepts a LOGIN with the index PeerId and addresses, no larger than the request', async () => {
    const { bytes, nonce } = await loginBytes('alice')
    const reply = await exchange(bytes)
    expect(reply).toBeDefined()
    expect(reply!.length).toBeLessThanOrEqual(bytes.length)
    const { nonce: echoed, datagram } = decodeDatagram(reply!)
    expect(echoed).toEqual(nonce)
    expect(datagram.accept).toBeDefined()
    expect(datagram.accept!.heartbeatMs).toBe(2000)
  })

  it('the client library resolves the index PeerId and a dialable address', async () => {
    const key = await generateKeyPair('Ed25519')
    const accepted = await udpLogin({ host: '127.0.0.1', port: index.udpPort }, { name: 'carol', peerId: peerIdFromPrivateKey(key), addrs: [], agent: 'test' })
    expect(accepted.indexPeerId.toString()).toBe(index.peerId)
    expect(accepted.dialAddrs[0].toString()).toBe(index.tcpAddr)
  })

  it('rejects an invalid name with a reason a person can read', async () => {
    for (const bad of ['', 'x'.repeat(33), 'bad name', '-dash', 'everyone']) {
      const { bytes } = await loginBytes(bad)
      const reply = decodeDatagram((await exchange(bytes))!)
      expect(reply.datagram.reject?.reason).toBe(RejectReason.INVALID_NAME)
      expect(reply.datagram.reject?.message).toMatch(/cannot be used/)
    }
  })

  it('rejects a name bound to another key, and a key that already has a name', async () => {
    const dave = await LightClient.create('dave')
    try {
      await dave.login(index)
      const { bytes } = await loginBytes('Dave') // case-insensitive: the same name
      const reply = decodeDatagram((await exchange(bytes))!)
      expect(reply.datagram.reject?.reason).toBe(RejectReason.NAME_TAKEN)
      expect(reply.datagram.reject?.message).toContain('lanchat-index release dave')

      const rename = await udpLogin({ host: '127.0.0.1', port: index.udpPort }, { name: 'dave2', peerId: dave.node.peerId, addrs: [], agent: 'test' }).catch(err => err)
      expect(rename.name).toBe('LoginRejectedError')
      expect(rename.reason).toBe(RejectReason.IDENTITY_HAS_NAME)
    } finally {
      await dave.stop()
    }
  })

  it('answers a future wire version with UNSUPPORTED_VERSION and the request nonce', async () => {
    const peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const nonce = newNonce()
    const bytes = encodeLogin(nonce, { name: 'eve', peerId: peerId.toMultihash().bytes as Uint8Array<ArrayBuffer>, addrs: [], agent: 'test', padding: new Uint8Array() }, 7)
    const reply = decodeDatagram((await exchange(bytes))!)
    expect(reply.nonce).toEqual(nonce)
    expect(reply.datagram.reject?.reason).toBe(RejectReason.UNSUPPORTED_VERSION)
    expect(reply.datagram.reject?.message).toMatch(/version 1.*version 7/)
  })

  it('drops unpadded LOGINs and datagrams that do not decode, answering nothing', async () => {
    const peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const unpadded = encodeDatagram(newNonce(), { login: { name: 'frank', peerId: peerId.toMultihash().bytes as Uint8Array<ArrayBuffer>, addrs: [], agent: '', padding: new Uint8Array() } })
    expect(unpadded.length).toBeLessThan(LOGIN_DATAGRAM_BYTES)
    const ignored = [
      unpadded,
      new TextEncoder().encode('login,frank,127.0.0.1:5000'),
      // an ACCEPT sent to the server is not a request
      encodeDatagram(newNonce(), { accept: { indexPeerId: new Uint8Array(), indexAddrs: [], heartbeatMs: 1 } })
    ]
    for (const bytes of ignored) socket.send(bytes, index.udpPort, '127.0.0.1')
    // the first reply that comes back answers the valid LOGIN sent after them: nothing answered the rest
    const { bytes, nonce } = await loginBytes('frank')
    const reply = decodeDatagram((await exchange(bytes))!)
    expect(reply.nonce).toEqual(nonce)
    expect(reply.datagram.accept).toBeDefined()
  })

  it('stays up after 10 000 random datagrams and still answers a valid LOGIN at once', async () => {
    const garbage = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 1400 }), { numRuns: 10_000, seed: 42 })
    // a quarter start with the magic and version, so the decoder gets past the header
    for (let i = 0; i < garbage.length; i += 4) garbage[i].set([0x4c, 0x43, 0x48, 0x54, 1].slice(0, garbage[i].length))
    for (let i = 0; i < garbage.length; i += 500) {
      await Promise.all(garbage.slice(i, i + 500).map(async g => { await new Promise(resolve => { socket.send(g, index.udpPort, '127.0.0.1', resolve) }) }))
      await new Promise(resolve => setImmediate(resolve))
    }
    // log in as a real client does (UDP is lossy: it retries each second)
    const started = Date.now()
    const accepted = await udpLogin({ host: '127.0.0.1', port: index.udpPort }, { name: 'grace', peerId: peerIdFromPrivateKey(await generateKeyPair('Ed25519')), addrs: [], agent: 'test' })
    console.log(`valid LOGIN answered ${Date.now() - started} ms after the flood`)
    expect(accepted.indexPeerId.toString()).toBe(index.peerId)
    expect(index.proc.exitCode).toBeNull()
  })
})
