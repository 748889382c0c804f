/**
 * The UDP login service cannot be used as a reflector: a burst of valid
 * LOGINs from one source (a spoofed victim address looks the same to the
 * server) gets replies no larger than the requests, and only as many as the
 * per-source token bucket allows; the server keeps answering others.
 */
import { createSocket } from 'node:dgram'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { afterAll, describe, expect, it } from 'vitest'
import { LOGIN_DATAGRAM_BYTES } from '../../protocols/constants.js'
import { encodeLogin, newNonce } from '../../protocols/login/codec.js'
import { udpLogin } from '../../node/services/index-client/udp-login.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'

afterAll(async () => { await stopAllIndexes() })

describe('UDP reflection', () => {
  it('answers a burst from one source with at most its token bucket, each reply no larger than its request', async () => {
    const index = await startIndex()
    const peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toMultihash().bytes as Uint8Array<ArrayBuffer>
    const socket = createSocket('udp4')
    const replies: number[] = []
    socket.on('message', (msg) => { replies.push(msg.length) })
    await new Promise<void>(resolve => { socket.bind(0, '127.0.0.1', resolve) })
    const BURST = 300
    const started = Date.now()
    for (let i = 0; i < BURST; i++) {
      const bytes = encodeLogin(newNonce(), { name: `victim${i}`, peerId, addrs: [], agent: 'x', padding: new Uint8Array() })
      await new Promise(resolve => { socket.send(bytes, index.udpPort, '127.0.0.1', resolve) })
    }
    const elapsed = (Date.now() - started) / 1000
    // another source is still served at once (the limit is per source)
    const other = await udpLogin({ host: '127.0.0.1', port: index.udpPort }, { name: 'bystander', peerId: peerIdFromPrivateKey(await generateKeyPair('Ed25519')), addrs: [], agent: 'x' })
    expect(other.indexPeerId.toString()).toBe(index.peerId)
    socket.close()
    // bucket: 2 s worth (40) up front, then 20/s; the bystander's login proves the server processed the burst
    const allowed = 40 + Math.ceil(20 * (elapsed + 0.5))
    console.log(`${BURST} LOGINs in ${elapsed.toFixed(2)} s from one source: ${replies.length} replies (allowed up to ${allowed}), largest ${Math.max(...replies)} bytes`)
    expect(replies.length).toBeLessThanOrEqual(allowed)
    expect(replies.length).toBeGreaterThan(0)
    expect(Math.max(...replies)).toBeLessThanOrEqual(LOGIN_DATAGRAM_BYTES)
  })
})
