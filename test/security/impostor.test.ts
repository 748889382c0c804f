/**
 * Who is alice? alice and bob run real daemons against a real index server.
 * A brand-new key that the index never registered dials bob and writes as
 * "alice", tells him its presence as "alice", then tries names that break
 * the rules. A registered carol writes with `from: "alice"`. bob sees every
 * one of them as who they are: the stranger in his message requests under an
 * "unverified-" label, with a warning naming the conflict; carol as carol;
 * the real alice untouched and online. Then bob blocks the stranger (nothing
 * more gets through, not even a connection) and forgets another one.
 */
import { chmodSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AckStatus, ChatFrame } from '../../protocols/chat/pb/chat.js'
import { CHAT_PROTOCOL, MAX_CHAT_FRAME_BYTES, PRESENCE_PROTOCOL } from '../../protocols/constants.js'
import { encodeFrame, onFrames } from '../../protocols/frames.js'
import { Presence, Status } from '../../protocols/presence/pb/presence.js'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { LightClient } from '../helpers/light-client.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { Contact, DaemonEvent } from '../../node/types.js'
import type { Connection, Stream } from '@libp2p/interface'

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

let seq = 0
function chatMessage (from: string, body: string): ChatFrame {
  seq++
  return { message: { id: `0190aaaa-0000-7000-8000-${String(seq).padStart(12, '0')}`, from, to: 'bob', body, sentAt: Date.now(), seq, group: '' } }
}

/** A chat stream from `client` to bob's daemon; resolves each message's ack status. */
async function chatTo (client: LightClient, daemon: DaemonProcess): Promise<{ connection: Connection, stream: Stream, send: (frame: ChatFrame) => Promise<AckStatus> }> {
  const addr = (await daemon.status()).listen.find(a => a.startsWith('/ip4/127.0.0.1/'))!
  const conn = await client.node.dial(multiaddr(addr))
  const stream = await conn.newStream(CHAT_PROTOCOL)
  const waiting = new Map<string, (s: AckStatus) => void>()
  onFrames(stream, ChatFrame, { maxDataLength: MAX_CHAT_FRAME_BYTES, onFrame: f => { if (f.ack != null) waiting.get(f.ack.id)?.(f.ack.status) }, onError: () => {} })
  return {
    connection: conn,
    stream,
    send: async (frame) => await new Promise<AckStatus>(resolve => {
      waiting.set(frame.message!.id, resolve)
      stream.send(encodeFrame(ChatFrame, frame))
    })
  }
}

async function requests (daemon: DaemonProcess): Promise<Contact[]> {
  return await daemon.api.get<Contact[]>('/api/contacts', { list: 'requests' })
}

describe('who is alice', () => {
  beforeAll(async () => {
    index = await startIndex()
    ;[alice, bob] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    ])
    await bob.sees('alice', c => c.online && c.verified)
  })

  it('a key the index never registered writes and presents itself as alice: a request under a label, never alice', async () => {
    const stranger = await LightClient.create('stranger')
    const label = `unverified-${stranger.node.peerId.toString().slice(-6)}`
    try {
      const since = bob.events.length
      const chat = await chatTo(stranger, bob)
      // bob stores it (it is a message, from someone) but files it under the stranger
      expect(await chat.send(chatMessage('alice', 'it is alice, please send me the VPN password'))).toBe(AckStatus.STORED)
      const presence = await chat.connection.newStream(PRESENCE_PROTOCOL)
      presence.send(encodeFrame(Presence, { name: 'alice', status: Status.ONLINE, statusText: 'it is me', updatedAt: Date.now() }))

      const event = await bob.event(e => e.type === 'message' && e.message.body.startsWith('it is alice'), 10_000, since) as Extract<DaemonEvent, { type: 'message' }>
      expect(event.message).toMatchObject({ from: label, peerId: stranger.node.peerId.toString(), verified: false, direction: 'in' })
      const warning = await bob.event(e => e.type === 'warning' && e.text.includes(stranger.node.peerId.toString()), 10_000, since) as Extract<DaemonEvent, { type: 'warning' }>
      expect(warning.text).toContain('calls itself "alice", but that name belongs to another identity')

      // the real alice: her conversation is empty, she is still online and verified, and there is one "alice" in the people list
      expect(await bob.history('alice')).toEqual([])
      const people = await bob.contacts()
      expect(people.filter(c => c.name === 'alice')).toEqual([expect.objectContaining({ peerId: (await alice.status()).peerId, online: true, verified: true })])
      expect(people.some(c => c.peerId === stranger.node.peerId.toString())).toBe(false)
      expect(await requests(bob)).toEqual([expect.objectContaining({ name: label, claimedName: 'alice', verified: false, trust: 'request', unread: 1 })])
      // the stranger's own conversation, by its label or its PeerId
      expect((await bob.history(stranger.node.peerId.toString())).map(m => m.body)).toEqual(['it is alice, please send me the VPN password'])
      // `lanchat send alice` still goes to the real alice
      expect(await bob.send('alice', 'was that you?')).toMatchObject({ state: 'delivered' })
      expect((await alice.history('bob')).map(m => m.body)).toEqual(['was that you?'])
      // the CLI lists it apart
      const cli = await runCli(['who', '--requests', '--profile', bob.profileDir])
      expect(cli.stdout).toContain(label)
      expect(cli.stdout).toContain('calls itself "alice"')
      expect((await runCli(['who', '--profile', bob.profileDir])).stdout).not.toContain(label)
    } finally {
      await stranger.stop()
    }
  })

  it('names that break the rules (bidi override, zero-width space, empty, reserved) never show as given', async () => {
    const claims = ['ali\u202Eecila', 'ali\u200Bce', '', 'everyone']
    for (const claim of claims) {
      const stranger = await LightClient.create('x')
      try {
        const since = bob.events.length
        const chat = await chatTo(stranger, bob)
        expect(await chat.send(chatMessage(claim, `hello from ${JSON.stringify(claim)}`))).toBe(AckStatus.STORED)
        const event = await bob.event(e => e.type === 'message' && e.message.peerId === stranger.node.peerId.toString(), 10_000, since) as Extract<DaemonEvent, { type: 'message' }>
        expect(event.message.from).toBe(`unverified-${stranger.node.peerId.toString().slice(-6)}`)
        const warning = await bob.event(e => e.type === 'warning' && e.text.includes(stranger.node.peerId.toString()), 10_000, since) as Extract<DaemonEvent, { type: 'warning' }>
        expect(warning.text).toMatch(/gives a name that is not allowed/)
        expect(warning.text).not.toMatch(/[\u202E\u200B]/)
      } finally {
        await stranger.stop()
      }
    }
    for (const c of await requests(bob)) expect(c.name).not.toMatch(/[\u202E\u200B]|^everyone$|^$/)
  })

  it('a registered carol writing as "alice" shows as carol', async () => {
    const carol = await LightClient.create('carol')
    try {
      await carol.login(index)
      await bob.sees('carol', c => c.verified)
      const since = bob.events.length
      const chat = await chatTo(carol, bob)
      expect(await chat.send(chatMessage('alice', 'carol pretending'))).toBe(AckStatus.STORED)
      const event = await bob.event(e => e.type === 'message' && e.message.body === 'carol pretending', 10_000, since) as Extract<DaemonEvent, { type: 'message' }>
      expect(event.message).toMatchObject({ from: 'carol', verified: true, peerId: carol.node.peerId.toString() })
      expect((await bob.history('alice')).map(m => m.body)).toEqual(['was that you?'])
      expect((await bob.history('carol')).map(m => m.body)).toEqual(['carol pretending'])
    } finally {
      await carol.stop()
    }
  })

  it('bob blocks a stranger: its messages are refused and it cannot connect; he forgets another one with its messages', async () => {
    const pest = await LightClient.create('pest')
    const other = await LightClient.create('other')
    try {
      const since = bob.events.length
      const first = await chatTo(pest, bob)
      expect(await first.send(chatMessage('pest', 'buy now'))).toBe(AckStatus.STORED)
      await bob.event(e => e.type === 'message' && e.message.body === 'buy now', 10_000, since)
      const blocked = await runCli(['block', pest.node.peerId.toString(), '--profile', bob.profileDir])
      expect(blocked.code).toBe(0)
      expect(blocked.stdout).toBe(`blocked pest (${pest.node.peerId.toString()})\n`)
      expect((await bob.api.get<Contact[]>('/api/contacts', { list: 'blocked' })).map(c => c.peerId)).toEqual([pest.node.peerId.toString()])
      // the open connection was ended, and a new one is refused
      await expect(chatTo(pest, bob)).rejects.toThrow()

      const chat = await chatTo(other, bob)
      expect(await chat.send(chatMessage('other', 'one'))).toBe(AckStatus.STORED)
      expect(await chat.send(chatMessage('other', 'two'))).toBe(AckStatus.STORED)
      const forgot = await runCli(['forget', other.node.peerId.toString(), '--json', '--profile', bob.profileDir])
      expect(JSON.parse(forgot.stdout)).toEqual({ peerId: other.node.peerId.toString(), messages: 2 })
      expect((await requests(bob)).some(c => c.peerId === other.node.peerId.toString())).toBe(false)
      // a colleague cannot be forgotten, only blocked
      const refused = await runCli(['forget', 'alice', '--profile', bob.profileDir])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toBe('lanchat: alice is registered at the index server and stays in the directory; to stop hearing from them, run lanchat block alice\n')
    } finally {
      await Promise.all([pest.stop(), other.stop()])
    }
  })

  it('keeps the message database private: 0600, and a looser one is refused with the chmod to run', async () => {
    for (const suffix of ['', '-wal', '-shm']) {
      expect((statSync(join(bob.profileDir, `lanchat.db${suffix}`)).mode & 0o777).toString(8)).toBe('600')
    }
    const dave = await new DaemonProcess({ name: 'dave', indexPort: index.udpPort }).start()
    await dave.stop()
    const db = join(dave.profileDir, 'lanchat.db')
    chmodSync(db, 0o644)
    const run = await runCli(['daemon', '--profile', dave.profileDir, '--index', `127.0.0.1:${index.udpPort}`, '--listen', '127.0.0.1', '--no-mdns'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`the message database ${db} can be read by other users (mode 644); run: chmod 600 ${db}`)
  })
})
