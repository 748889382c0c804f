/**
 * The chat service between real libp2p nodes on 127.0.0.1 (alice, bob), and
 * focused cases on a stream pair: alice sends, bob stores then acks, alice's
 * send resolves with bob's status; one stream carries everything; limits,
 * timeouts, broken channels and bad frames each end the way they should.
 */
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { tcp } from '@libp2p/tcp'
import { streamPair } from '@libp2p/utils'
import { createLibp2p } from 'libp2p'
import { encode as lpEncode } from 'it-length-prefixed'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { CHAT_PROTOCOL, MAX_CHAT_BODY_BYTES, MAX_CHAT_FRAME_BYTES } from '../../protocols/constants.js'
import { encodeFrame } from '../../protocols/frames.js'
import { AckStatus, ChatFrame } from '../../protocols/chat/pb/chat.js'
import { chat } from '../../node/services/chat/index.js'
import { onFrames as readFrames } from '../../protocols/frames.js'
import { until, waitForEvent } from '../helpers/wait.js'
import type { ChatHandlers, ChatInit, ChatService } from '../../node/services/chat/index.js'
import type { Ack, Message } from '../../protocols/chat/pb/chat.js'
import type { Connection, Libp2p, MessageStream, PeerId, Startable, Stream, StreamHandler } from '@libp2p/interface'

/** Records what a chat service hands to the daemon, and answers like the daemon would. */
class Recorder extends EventEmitter<{ message: [Message], ack: [Ack], receipt: [string[]], typing: [boolean], channel: [], close: [] }> {
  readonly messages: Message[] = []
  readonly acks: Ack[] = []
  readonly receipts: string[][] = []
  readonly typing: boolean[] = []
  /** what onMessage returns (the daemon's commit result) */
  answer: (message: Message) => AckStatus = () => AckStatus.STORED
  readonly story: string[]

  constructor (story: string[] = []) {
    super()
    this.story = story
  }

  handlers (who: string): ChatHandlers {
    return {
      onMessage: (_peer, message) => {
        this.messages.push(message)
        this.story.push(`${who} stores ${message.id}`)
        this.emit('message', message)
        return this.answer(message)
      },
      onAck: (_peer, ack) => {
        this.acks.push(ack)
        this.story.push(`${who} hears ack ${ack.id} ${ack.status}`)
        this.emit('ack', ack)
      },
      onReceipt: (_peer, ids) => { this.receipts.push(ids); this.emit('receipt', ids) },
      onTyping: (_peer, on) => { this.typing.push(on); this.emit('typing', on) },
      onChannel: () => { this.emit('channel') },
      onChannelClose: () => { this.emit('close') }
    }
  }
}

interface Peer {
  name: string
  node: Libp2p
  chat: ChatService
  rec: Recorder
}

const nodes: Libp2p[] = []

afterEach(async () => {
  // one after the other: stopping both at once races two TCP closes and costs ~0.5 s in libp2p's close timeout
  for (const node of nodes.splice(0)) await node.stop()
})

/** A real node on 127.0.0.1; `init === null` means no chat service at all. */
async function peer (name: string, init: ChatInit | null = {}, story?: string[]): Promise<Peer> {
  const services: Record<string, any> = { identify: identify() }
  if (init != null) services.chat = chat(init)
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services
  })
  nodes.push(node)
  const rec = new Recorder(story)
  const service = (node.services as Record<string, unknown>).chat as ChatService
  service?.setHandlers(rec.handlers(name))
  return { name, node, chat: service, rec }
}

/** Dials and waits until both sides have the connection (the dialled side registers it a moment later). */
async function connect (a: Peer, b: Peer): Promise<Connection> {
  const connection = await a.node.dial(b.node.getMultiaddrs()[0])
  await until(() => b.node.getConnections(a.node.peerId).length > 0 ? true : undefined, 2_000, 'the connection on both sides')
  return connection
}

let seq = 0
function message (from: string, to: string, body = 'hello', id: string = randomUUID()): Message {
  return { id, from, to, body, sentAt: Date.now(), seq: ++seq, group: '', item: new Uint8Array() }
}

/** Open chat streams between two nodes, as `from` sees them. */
function chatStreams (from: Peer, to: Peer): Stream[] {
  return from.node.getConnections(to.node.peerId).flatMap(c => c.streams).filter(s => s.protocol === CHAT_PROTOCOL && s.status === 'open')
}

async function rejection (promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a rejection')
}

describe('chat between two nodes', () => {
  it('alice sends bob a message: bob stores it before the ack arrives, and send resolves STORED', async () => {
    const story: string[] = []
    const alice = await peer('alice', {}, story)
    const bob = await peer('bob', {}, story)
    await connect(alice, bob)

    const m = message('alice', 'bob', 'lunch at noon?')
    const status = await alice.chat.send(bob.node.peerId, m)
    story.push(`alice's send resolves ${status}`)

    expect(status).toBe(AckStatus.STORED)
    expect(bob.rec.messages).toEqual([m])
    expect(story).toEqual([`bob stores ${m.id}`, `alice hears ack ${m.id} STORED`, `alice's send resolves STORED`])
    expect(alice.chat.hasChannel(bob.node.peerId)).toBe(true)
    expect(bob.chat.hasChannel(alice.node.peerId)).toBe(true)
  })

  it('many sends, acks, receipts and typing all go over one stream, in both directions', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)

    for (let i = 0; i < 20; i++) {
      expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob', `line ${i}`))).toBe(AckStatus.STORED)
      expect(await bob.chat.send(alice.node.peerId, message('bob', 'alice', `reply ${i}`))).toBe(AckStatus.STORED)
    }
    await bob.chat.sendReceipt(alice.node.peerId, [alice.rec.messages[0]?.id ?? 'x'])
    await bob.chat.sendTyping(alice.node.peerId, true)
    await waitForEvent(alice.rec, 'typing', () => true, 2_000)

    expect(bob.rec.messages.map(m => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`))
    expect(chatStreams(alice, bob)).toHaveLength(1)
    expect(chatStreams(bob, alice)).toHaveLength(1)
  })

  it('a duplicate id reaches onMessage again and is acked again (the daemon dedupes); concurrent sends of one id share one write', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)
    const m = message('alice', 'bob', 'once is enough')

    expect(await alice.chat.send(bob.node.peerId, m)).toBe(AckStatus.STORED)
    expect(await alice.chat.send(bob.node.peerId, m)).toBe(AckStatus.STORED)
    expect(bob.rec.messages.map(x => x.id)).toEqual([m.id, m.id])
    expect(alice.rec.acks.map(a => a.id)).toEqual([m.id, m.id])

    const again = message('alice', 'bob', 'retry storm')
    const both = await Promise.all([alice.chat.send(bob.node.peerId, again), alice.chat.send(bob.node.peerId, again)])
    expect(both).toEqual([AckStatus.STORED, AckStatus.STORED])
    expect(bob.rec.messages.filter(x => x.id === again.id)).toHaveLength(1)
  })

  it('a body over the limit: send refuses it before writing; a receiver acks TOO_LARGE without calling the handler', async () => {
    // alice's own limit is raised so she writes what bob must refuse
    const alice = await peer('alice', { maxBodyBytes: MAX_CHAT_BODY_BYTES + 1024 })
    const bob = await peer('bob')
    await connect(alice, bob)

    // counted in UTF-8 bytes: 2 bytes per "é"
    const tooBig = message('bob', 'alice', 'é'.repeat(MAX_CHAT_BODY_BYTES / 2 + 1))
    const refused = await rejection(bob.chat.send(alice.node.peerId, tooBig))
    expect(refused.name).toBe('BodyTooLargeError')
    expect(bob.chat.hasChannel(alice.node.peerId)).toBe(false)
    expect(alice.rec.messages).toHaveLength(0)

    const status = await alice.chat.send(bob.node.peerId, message('alice', 'bob', 'x'.repeat(MAX_CHAT_BODY_BYTES + 1)))
    expect(status).toBe(AckStatus.TOO_LARGE)
    expect(bob.rec.messages).toHaveLength(0)
    // the channel survives a refused message
    expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob', 'short'))).toBe(AckStatus.STORED)
  })

  it('the daemon\'s answer travels back as the ack: STORAGE_FAILED, and a throwing handler becomes STORAGE_FAILED', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)

    bob.rec.answer = () => AckStatus.STORAGE_FAILED
    expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob'))).toBe(AckStatus.STORAGE_FAILED)
    bob.rec.answer = () => { throw new Error('disk full') }
    expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob'))).toBe(AckStatus.STORAGE_FAILED)
    const badId = await rejection(alice.chat.send(bob.node.peerId, message('alice', 'bob', 'x', 'i'.repeat(65))))
    expect(badId.name).toBe('InvalidMessageError')
  })

  it('receipts (split at 256 ids) and typing reach the peer, opening the channel when needed', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)
    const ids = Array.from({ length: 300 }, () => randomUUID())

    await alice.chat.sendReceipt(bob.node.peerId, ids)
    await alice.chat.sendTyping(bob.node.peerId, true)
    await alice.chat.sendTyping(bob.node.peerId, false)
    await until(() => bob.rec.typing.length === 2 ? true : undefined, 2_000, 'typing')

    expect(bob.rec.receipts.map(r => r.length)).toEqual([256, 44])
    expect(bob.rec.receipts.flat()).toEqual(ids)
    expect(bob.rec.typing).toEqual([true, false])
  })

  it('bob without a chat service: send rejects with the protocol error, not a timeout', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob', null)
    await connect(alice, bob)

    const err = await rejection(alice.chat.send(bob.node.peerId, message('alice', 'bob')))
    expect(err.name).toBe('UnsupportedProtocolError')
    expect(alice.chat.hasChannel(bob.node.peerId)).toBe(false)
  })

  it('a receiver that never acks: AckTimeoutError after ackTimeoutMs (or the caller\'s signal), and a late ack still reaches onAck', async () => {
    const alice = await peer('alice', { ackTimeoutMs: 300 })
    const bob = await peer('bob', null)
    const silent = Promise.withResolvers<Stream>()
    await bob.node.handle(CHAT_PROTOCOL, (stream) => {
      stream.addEventListener('message', () => {}) // reads, never answers
      silent.resolve(stream)
    })
    await connect(alice, bob)
    const m = message('alice', 'bob')

    const started = Date.now()
    const err = await rejection(alice.chat.send(bob.node.peerId, m))
    expect(err.name).toBe('AckTimeoutError')
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(Date.now() - started).toBeLessThan(2_000)

    const stream = await silent.promise
    stream.send(encodeFrame(ChatFrame, { ack: { id: m.id, status: AckStatus.STORED } }))
    const [ack] = await waitForEvent<[Ack]>(alice.rec, 'ack', a => a.id === m.id, 2_000)
    expect(ack.status).toBe(AckStatus.STORED)

    // a caller's own signal is the deadline instead, and its reason is the error
    const own = await rejection(alice.chat.send(bob.node.peerId, message('alice', 'bob'), { signal: AbortSignal.timeout(100) }))
    expect(own.name).toBe('TimeoutError')
  })

  it('a channel that breaks: a send waiting for its ack rejects with ChannelClosedError, and the next send reopens', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)
    expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob', 'first'))).toBe(AckStatus.STORED)

    // the cable is pulled while bob commits: his ack never leaves
    bob.rec.answer = () => {
      bob.node.getConnections(alice.node.peerId)[0].abort(new Error('cable pulled'))
      return AckStatus.STORED
    }
    const err = await rejection(alice.chat.send(bob.node.peerId, message('alice', 'bob', 'lost ack')))
    expect(err.name).toBe('ChannelClosedError')
    await until(() => alice.chat.hasChannel(bob.node.peerId) ? undefined : true, 2_000, 'channel closed')
    await until(() => alice.node.getConnections(bob.node.peerId).length === 0 ? true : undefined, 2_000, 'connection gone')

    bob.rec.answer = () => AckStatus.STORED
    expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob', 'after the break'))).toBe(AckStatus.STORED)
    expect(bob.rec.messages.map(m => m.body)).toEqual(['first', 'lost ack', 'after the break'])
    expect(chatStreams(alice, bob)).toHaveLength(1)
  })

  it('a malformed or oversized frame aborts that stream only; bob keeps working and a later send succeeds', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)
    const garbage = [
      Uint8Array.from([5, 0xff, 0xff, 0xff, 0xff, 0xff]), // a 5-byte frame that is not protobuf
      lpEncode.single(new Uint8Array(MAX_CHAT_FRAME_BYTES + 1)).subarray() // one byte over the frame limit
    ]
    for (const bytes of garbage) {
      const raw = await alice.node.dialProtocol(bob.node.peerId, CHAT_PROTOCOL)
      const closed = new Promise<Error | undefined>(resolve => { raw.addEventListener('close', (evt) => { resolve(evt.error) }) })
      raw.send(bytes)
      expect((await closed)?.name).toBe('StreamResetError')
    }
    expect(bob.rec.messages).toHaveLength(0)
    expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob', 'still here?'))).toBe(AckStatus.STORED)
  })

  it('backpressure: 2 000 messages pipelined are all stored and acked in order, the writer waiting for drain', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)
    await alice.chat.send(bob.node.peerId, message('alice', 'bob', 'warm-up'))
    const [stream] = chatStreams(alice, bob)
    let drains = 0
    stream.addEventListener('drain', () => { drains++ })

    const batch = Array.from({ length: 2_000 }, (_, i) => message('alice', 'bob', `${i} `.padEnd(1_000, '.')))
    const statuses = await Promise.all(batch.map(async m => await alice.chat.send(bob.node.peerId, m)))

    expect(statuses.every(s => s === AckStatus.STORED)).toBe(true)
    expect(bob.rec.messages.slice(1).map(m => m.id)).toEqual(batch.map(m => m.id))
    expect(alice.rec.acks.slice(1).map(a => a.id)).toEqual(batch.map(m => m.id))
    expect(drains).toBeGreaterThan(0)
    expect(chatStreams(alice, bob)).toHaveLength(1)
  })

  it('a peer that does not read: writes over the cap are refused at once, and the channel is aborted when nothing drains', async () => {
    const alice = await peer('alice', { maxWriteBufferBytes: 512 * 1024, drainTimeoutMs: 300, ackTimeoutMs: 5_000 })
    const bob = await peer('bob', null)
    const bobStream = Promise.withResolvers<Stream>()
    await bob.node.handle(CHAT_PROTOCOL, (stream) => {
      stream.pause() // never reads: yamux stops granting window
      bobStream.resolve(stream)
    })
    await connect(alice, bob)

    const started = Date.now()
    const batch = Array.from({ length: 100 }, () => message('alice', 'bob', 'x'.repeat(8 * 1024)))
    const outcomes = await Promise.all(batch.map(async m => await rejection(alice.chat.send(bob.node.peerId, m))))

    const refused = outcomes.filter(e => e.name === 'WriteBufferFullError')
    const aborted = outcomes.filter(e => e.name === 'ChannelClosedError')
    expect(refused.length).toBeGreaterThan(0)
    expect(aborted.length).toBeGreaterThan(0)
    expect(refused.length + aborted.length).toBe(batch.length)
    expect(aborted.every(e => (e.cause as Error)?.name === 'PeerNotReadingError')).toBe(true)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(alice.chat.hasChannel(bob.node.peerId)).toBe(false)
    const stream = await bobStream.promise
    await until(() => stream.status === 'open' ? undefined : true, 2_000, 'bob\'s stream reset')
  })

  it('both open a channel at the same moment: two streams, every message delivered both ways, later frames too', async () => {
    const alice = await peer('alice')
    const bob = await peer('bob')
    await connect(alice, bob)

    const fromAlice = Array.from({ length: 50 }, (_, i) => message('alice', 'bob', `a${i}`))
    const fromBob = Array.from({ length: 50 }, (_, i) => message('bob', 'alice', `b${i}`))
    const statuses = await Promise.all([
      ...fromAlice.map(async m => await alice.chat.send(bob.node.peerId, m)),
      ...fromBob.map(async m => await bob.chat.send(alice.node.peerId, m))
    ])
    expect(statuses.every(s => s === AckStatus.STORED)).toBe(true)
    expect(chatStreams(alice, bob)).toHaveLength(2)
    expect(bob.rec.messages.map(m => m.body)).toEqual(fromAlice.map(m => m.body))
    expect(alice.rec.messages.map(m => m.body)).toEqual(fromBob.map(m => m.body))

    expect(await alice.chat.send(bob.node.peerId, message('alice', 'bob', 'after'))).toBe(AckStatus.STORED)
    expect(await bob.chat.send(alice.node.peerId, message('bob', 'alice', 'after'))).toBe(AckStatus.STORED)
    expect(chatStreams(alice, bob)).toHaveLength(2)
  })

  it('stopping the service rejects what waits for an ack and closes its channels', async () => {
    const alice = await peer('alice', { ackTimeoutMs: 5_000 })
    const bob = await peer('bob', null)
    await bob.node.handle(CHAT_PROTOCOL, (stream) => {
      stream.addEventListener('message', () => {}) // reads, never acks
      stream.addEventListener('remoteCloseWrite', () => { void stream.close() })
    })
    await connect(alice, bob)

    const waiting = rejection(alice.chat.send(bob.node.peerId, message('alice', 'bob')))
    await until(() => chatStreams(alice, bob).length === 1 ? true : undefined, 2_000, 'channel open')
    await (alice.chat as ChatService & Startable).stop()
    expect((await waiting).name).toBe('ChannelClosedError')
    expect(alice.chat.hasChannel(bob.node.peerId)).toBe(false)
    expect((await rejection(alice.chat.send(bob.node.peerId, message('alice', 'bob')))).name).toBe('NotStartedError')
  })
})

describe('chat service on a stream pair', () => {
  async function service (init: ChatInit = {}, withHandlers = true): Promise<{ chat: ChatService & Startable, rec: Recorder, accept: (stream: Stream) => void, remote: PeerId }> {
    let handler: StreamHandler | undefined
    const components = {
      registrar: {
        handle: async (_protocol: string, h: StreamHandler) => { handler = h },
        unhandle: async () => {}
      },
      connectionManager: { openStream: async (): Promise<Stream> => { throw new Error('no dialing here') } }
    }
    const svc = chat(init)(components) as ChatService & Startable
    await svc.start()
    const rec = new Recorder()
    if (withHandlers) svc.setHandlers(rec.handlers('bob'))
    const remote = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const accept = (stream: Stream): void => { void handler?.(stream, { remotePeer: remote } as unknown as Connection) }
    return { chat: svc, rec, accept, remote }
  }

  /** The test plays alice on the outbound end: returns the acks she reads; she closes when bob does. */
  function acksOn (stream: Stream): Ack[] {
    const acks: Ack[] = []
    stream.addEventListener('remoteCloseWrite', () => { void stream.close() })
    readFrames(stream, ChatFrame, { maxDataLength: MAX_CHAT_FRAME_BYTES, onFrame: f => { if (f.ack != null) acks.push(f.ack) }, onError: () => {} })
    return acks
  }

  it('near-limit frames arriving in one chunk are all read (not taken for one oversized frame)', async () => {
    const bob = await service()
    const [alice, inbound] = await streamPair()
    bob.accept(inbound)
    const acks = acksOn(alice)
    const burst = Array.from({ length: 3 }, () => message('alice', 'bob', 'y'.repeat(MAX_CHAT_BODY_BYTES - 100)))

    alice.send(Uint8Array.from(burst.flatMap(m => [...encodeFrame(ChatFrame, { message: m })])))
    await until(() => acks.length === 3 ? true : undefined, 2_000, 'three acks')

    expect(bob.rec.messages.map(m => m.id)).toEqual(burst.map(m => m.id))
    expect(acks.map(a => a.status)).toEqual([AckStatus.STORED, AckStatus.STORED, AckStatus.STORED])
    await bob.chat.stop()
  })

  it('an empty or over-long id is acked INVALID without calling the handler; no handlers yet means STORAGE_FAILED', async () => {
    const bob = await service()
    const [alice, inbound] = await streamPair()
    bob.accept(inbound)
    const acks = acksOn(alice)

    alice.send(encodeFrame(ChatFrame, { message: message('alice', 'bob', 'x', '') }))
    alice.send(encodeFrame(ChatFrame, { message: message('alice', 'bob', 'x', 'i'.repeat(65)) }))
    await until(() => acks.length === 2 ? true : undefined, 2_000, 'two acks')
    expect(acks.map(a => a.status)).toEqual([AckStatus.INVALID, AckStatus.INVALID])
    expect(bob.rec.messages).toHaveLength(0)

    const fresh = await service({}, false)
    const [carol, inbound2] = await streamPair()
    fresh.accept(inbound2)
    const carolAcks = acksOn(carol)
    carol.send(encodeFrame(ChatFrame, { message: message('carol', 'bob') }))
    await until(() => carolAcks.length === 1 ? true : undefined, 2_000, 'an ack')
    expect(carolAcks[0].status).toBe(AckStatus.STORAGE_FAILED)
    await bob.chat.stop()
    await fresh.chat.stop()
  })

  it('an unknown (empty) frame is ignored and the stream stays usable', async () => {
    const bob = await service()
    const [alice, inbound] = await streamPair()
    bob.accept(inbound)
    const acks = acksOn(alice)

    alice.send(encodeFrame(ChatFrame, {}))
    alice.send(encodeFrame(ChatFrame, { message: message('alice', 'bob') }))
    await until(() => acks.length === 1 ? true : undefined, 2_000, 'an ack')
    expect(acks[0].status).toBe(AckStatus.STORED)
    expect(inbound.status).toBe('open')
    await bob.chat.stop()
  })
})

describe('frame reader', () => {
  /** Feeds `chunks` as message events to readFrames; returns the bodies read, or the error. */
  function read (chunks: Uint8Array[], maxDataLength = MAX_CHAT_FRAME_BYTES): { bodies: string[], error?: Error } {
    const target = new EventTarget()
    const out: { bodies: string[], error?: Error } = { bodies: [] }
    readFrames(target as unknown as MessageStream, ChatFrame, {
      maxDataLength,
      onFrame: (f) => { out.bodies.push(f.message?.body ?? '') },
      onError: (err) => { out.error = err }
    })
    for (const data of chunks) target.dispatchEvent(Object.assign(new Event('message'), { data }))
    return out
  }

  function wire (bodies: string[]): Uint8Array {
    return Uint8Array.from(bodies.flatMap(body => [...encodeFrame(ChatFrame, { message: message('alice', 'bob', body, 'id') })]))
  }

  it('reads frames fed one byte at a time', () => {
    const bodies = ['a', 'é'.repeat(200), '', 'z'.repeat(5_000)]
    const bytes = wire(bodies)
    expect(read([...bytes].map(b => Uint8Array.of(b)))).toEqual({ bodies })
  })

  it('reads frames split at any points, up to the largest allowed', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: MAX_CHAT_BODY_BYTES }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      (sizes, cuts) => {
        const bodies = sizes.map(n => 'b'.repeat(n))
        const bytes = wire(bodies)
        const points = [...new Set(cuts.map(c => c % bytes.byteLength))].sort((a, b) => a - b)
        const chunks = [0, ...points].map((start, i) => bytes.subarray(start, [...points, bytes.byteLength][i])).filter(c => c.byteLength > 0)
        expect(read(chunks)).toEqual({ bodies })
      }
    ), { numRuns: 40 })
  })

  it('rejects a frame one byte over the limit as FrameTooLargeError, before its body arrives', () => {
    const prefix = lpEncode.single(new Uint8Array(1_001)).subarray(0, 2)
    const result = read([prefix], 1_000)
    expect(result.bodies).toEqual([])
    expect(result.error?.name).toBe('FrameTooLargeError')
  })
})
