/**
 * Hostile input against live processes: garbage UDP datagrams at a real
 * index server, and bad frames on every protocol stream (index and relay at
 * the index server; chat and presence at a daemon). The processes stay up,
 * answer nothing invalid, and a valid login and message work at once after.
 * `npm run fuzz` runs 100 000 datagrams and many more frames (bounded in time).
 */
import { createSocket } from 'node:dgram'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { AckStatus, ChatFrame } from '../../protocols/chat/pb/chat.js'
import { CHAT_PROTOCOL, FILES_PROTOCOL, INDEX_PROTOCOL, MAX_CHAT_FRAME_BYTES, PRESENCE_PROTOCOL, RELAY_PROTOCOL } from '../../protocols/constants.js'
import { encodeFrame, onFrames } from '../../protocols/frames.js'
import { udpLogin } from '../../node/services/index-client/udp-login.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { LightClient } from '../helpers/light-client.js'
import { count, FULL } from './counts.js'
import { until } from '../helpers/wait.js'
import type { Connection } from '@libp2p/interface'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

function lp (body: Uint8Array): Uint8Array {
  const len: number[] = []
  let n = body.length
  while (n >= 0x80) { len.push((n & 0x7f) | 0x80); n >>>= 7 }
  len.push(n)
  return Uint8Array.from([...len, ...body])
}

/** Bad frames: garbage bodies with honest lengths, lying lengths, endless varints. */
const badFrames = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 512 }).map(lp),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map(b => Uint8Array.from([0xff, 0xff, 0xff, 0x7f, ...b])),
  fc.constant(new Uint8Array(16).fill(0xff))
)

/** Opens a stream per bad frame (a bad frame ends its stream) until `n` are sent or `ms` pass. */
async function flood (conn: Connection, protocol: string, n: number, ms: number): Promise<number> {
  const frames = fc.sample(badFrames, { numRuns: Math.min(n, 5_000), seed: 3 })
  const started = Date.now()
  let sent = 0
  while (sent < n && Date.now() - started < ms) {
    await Promise.all(Array.from({ length: 4 }, async () => {
      try {
        const stream = await conn.newStream(protocol, { signal: AbortSignal.timeout(5_000) })
        stream.send(frames[sent % frames.length])
        sent++
        // close our end: the other side sees the end of its input at once, instead of waiting for a body that never comes
        await stream.close({ signal: AbortSignal.timeout(2_000) }).catch(() => { stream.abort(new Error('done')) })
      } catch {}
    }))
  }
  return sent
}

describe('hostile input against live processes', () => {
  it('garbage datagrams and bad frames on every protocol leave both processes up and working', { timeout: FULL ? 300_000 : 60_000 }, async () => {
    const index = await startIndex({ args: ['--login-rate', '1000'] })
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)

    // 1. garbage datagrams
    const socket = createSocket('udp4')
    let answered = 0
    socket.on('message', () => { answered++ })
    await new Promise<void>(resolve => { socket.bind(0, '127.0.0.1', resolve) })
    const DATAGRAMS = count(10_000, 100_000)
    const garbage = fc.sample(fc.uint8Array({ maxLength: 1400 }), { numRuns: 2_000, seed: 5 })
    for (let i = 0; i < DATAGRAMS; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, DATAGRAMS - i) }, async (_, j) => {
        await new Promise(resolve => { socket.send(garbage[(i + j) % garbage.length], index.udpPort, '127.0.0.1', resolve) })
      }))
    }
    const accepted = await udpLogin({ host: '127.0.0.1', port: index.udpPort }, { name: 'fresh', peerId: peerIdFromPrivateKey(await generateKeyPair('Ed25519')), addrs: [], agent: 'x' })
    expect(accepted.indexPeerId.toString()).toBe(index.peerId)
    socket.close()
    expect(answered).toBe(0)

    // 2. bad frames on every protocol stream
    const FRAMES = count(100, 20_000)
    const mallory = await LightClient.create('mallory')
    const report: string[] = [`${DATAGRAMS} datagrams, none answered`]
    try {
      await mallory.login(index)
      const toIndex = await mallory.node.dial(mallory.accepted!.dialAddrs[0].encapsulate(`/p2p/${index.peerId}`))
      const bobAddr = (await bob.status()).listen.find(a => a.startsWith('/ip4/127.0.0.1/'))!
      const toBob = await mallory.node.dial(multiaddr(bobAddr))
      for (const [conn, protocol] of [[toIndex, INDEX_PROTOCOL], [toIndex, RELAY_PROTOCOL], [toBob, CHAT_PROTOCOL], [toBob, PRESENCE_PROTOCOL], [toBob, FILES_PROTOCOL]] as const) {
        report.push(`${protocol}: ${await flood(conn, protocol, FRAMES, count(20_000, 25_000))} bad frames`)
      }
      // well-formed but invalid messages on one chat stream are answered INVALID, never stored
      const stream = await toBob.newStream(CHAT_PROTOCOL)
      let invalid = 0
      onFrames(stream, ChatFrame, { maxDataLength: MAX_CHAT_FRAME_BYTES, onFrame: f => { if (f.ack?.status === AckStatus.INVALID) invalid++ }, onError: () => {} })
      const INVALID = count(1_000, 100_000)
      const frame = encodeFrame(ChatFrame, { message: { id: '', from: 'mallory', to: 'bob', body: 'x', sentAt: 0, seq: 0, group: '' } })
      for (let i = 0; i < INVALID; i += 1_000) {
        const n = Math.min(1_000, INVALID - i)
        stream.send(Buffer.concat(Array.from({ length: n }, () => frame)))
        // like a peer that reads its answers: the next batch once this one is answered
        await until(async () => invalid >= i + n ? true : undefined, 30_000, `answers to batch ${i / 1_000}`)
      }
      report.push(`${invalid} invalid chat messages answered INVALID`)
      expect(invalid).toBe(INVALID)
      stream.abort(new Error('done'))
    } finally {
      await mallory.stop()
    }
    console.log(report.join('; '))

    // both still up, and a message goes through at once
    expect(index.proc.exitCode).toBeNull()
    expect(bob.proc.exitCode).toBeNull()
    const sent = await alice.send('bob', 'still working')
    expect(sent.state).toBe('delivered')
    expect((await bob.history('mallory'))).toEqual([])
    // and no garbage became a file offer
    expect(await bob.api.get('/api/files')).toEqual([])
  })
})
