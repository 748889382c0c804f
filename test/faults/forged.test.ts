/**
 * Acks and read receipts only count from the person a message was sent to:
 * mallory acks and "reads" alice's messages to bob, and acks ids never sent;
 * alice's messages stay relayed, and alice keeps working.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, describe, expect, it } from 'vitest'
import { AckStatus, ChatFrame } from '../../protocols/chat/pb/chat.js'
import { CHAT_PROTOCOL, MAX_CHAT_FRAME_BYTES } from '../../protocols/constants.js'
import { encodeFrame, onFrames } from '../../protocols/frames.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { LightClient } from '../helpers/light-client.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('forged acks', () => {
  it('ignores acks and receipts from anyone but the recipient, and for ids never sent', async () => {
    const index = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
    await bob.stop()
    await alice.sees('bob', c => !c.online)
    const sent = [await alice.send('bob', 'one'), await alice.send('bob', 'two')]
    expect(sent.map(s => s.state)).toEqual(['relayed', 'relayed'])

    const mallory = await LightClient.create('mallory')
    try {
      await mallory.login(index)
      const aliceAddr = (await alice.status()).listen.find(a => a.startsWith('/ip4/127.0.0.1/'))!
      const conn = await mallory.node.dial(multiaddr(aliceAddr))
      const stream = await conn.newStream(CHAT_PROTOCOL)
      const acks: string[] = []
      onFrames(stream, ChatFrame, { maxDataLength: MAX_CHAT_FRAME_BYTES, onFrame: f => { if (f.ack != null) acks.push(f.ack.id) }, onError: () => {} })
      for (const { id } of sent) stream.send(encodeFrame(ChatFrame, { ack: { id, status: AckStatus.STORED } }))
      stream.send(encodeFrame(ChatFrame, { receipt: { ids: sent.map(s => s.id) } }))
      stream.send(encodeFrame(ChatFrame, { ack: { id: 'never-sent', status: AckStatus.STORED } }))
      // a real message after them: once alice acks it, she has processed everything before it
      stream.send(encodeFrame(ChatFrame, { message: { id: '01a2b3c4-0000-7000-8000-000000000001', from: 'mallory', to: 'alice', body: 'hi', sentAt: Date.now(), seq: 1, group: '', item: new Uint8Array() } }))
      await alice.received('mallory', ['01a2b3c4-0000-7000-8000-000000000001'])
      expect((await alice.history('bob')).map(m => m.state)).toEqual(['relayed', 'relayed'])
      expect(alice.events.filter(e => e.type === 'state' && sent.some(s => s.id === e.id) && e.state !== 'relayed')).toEqual([])
      stream.abort(new Error('done'))
    } finally {
      await mallory.stop()
    }
  })
})
