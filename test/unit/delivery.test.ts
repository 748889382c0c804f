/**
 * The delivery chain against stubs of its ports (chat, relay, directory),
 * with a real message store: what a send does when bob is online, offline,
 * or nobody can be reached; what arrives directly and through the relay,
 * from whom; the relay's notes of dropped messages; read receipts.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { describe, expect, it } from 'vitest'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { ExpiryReason } from '../../protocols/relay/pb/relay.js'
import { seal } from '../../protocols/relay/seal.js'
import { peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { Delivery } from '../../node/delivery/delivery.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { MessageStore } from '../../node/store/messages.js'
import { tempDir } from '../helpers/index-process.js'
import type { ChatPort, DirectoryPort, RelayPort } from '../../node/delivery/delivery.js'
import type { Person } from '../../node/directory/directory.js'
import type { DaemonEvent } from '../../node/types.js'
import type { Envelope, Expired } from '../../protocols/relay/pb/relay.js'
import type { Message } from '../../protocols/chat/pb/chat.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

interface Who { key: PrivateKey, peer: PeerId, id: string }

async function who (): Promise<Who> {
  const key = await generateKeyPair('Ed25519')
  const peer = peerIdFromPrivateKey(key)
  return { key, peer, id: peer.toString() }
}

function person (peerId: string, name: string, over: Partial<Person> = {}): Person {
  return { peerId, name, verified: true, lan: false, accepted: false, blocked: false, addrs: [], status: 'online', statusText: '', lastSeen: 0, firstSeen: 0, indexOnline: true, directOnline: false, ...over }
}

/** A directory of a few people, by PeerId; `online` and `blocked` set per test. */
class StubDirectory implements DirectoryPort {
  readonly people = new Map<string, Person>()
  readonly online = new Set<string>()
  add (p: Person): void { this.people.set(p.peerId, p) }
  byPeer (peerId: string): Person | undefined { return this.people.get(peerId) }
  resolve (target: string): Person | undefined { return this.people.get(target) ?? [...this.people.values()].find(p => p.name === target) }
  show (p: Person): { name: string, claimed: string } { return { name: p.name, claimed: p.name } }
  isOnline (peerId: string): boolean { return this.online.has(peerId) }
  isBlocked (peerId: string): boolean { return this.people.get(peerId)?.blocked === true }
  pinnedElsewhere (name: string, peerId: string): boolean { return [...this.people.values()].some(p => p.verified && p.name === name && p.peerId !== peerId) }
  learn (peerId: string, name: string): Person | undefined {
    const known = this.people.get(peerId)
    if (known != null) return known.blocked ? undefined : known
    const p = person(peerId, name, { verified: false })
    this.add(p)
    return p
  }

  accept (peerId: string): void { const p = this.people.get(peerId); if (p != null) p.accepted = true }
}

class StubChat implements ChatPort {
  answer: AckStatus | Error = AckStatus.STORED
  readonly sent: Array<{ to: string, message: Message }> = []
  readonly acks: Array<{ to: string, id: string }> = []
  readonly receipts: Array<{ to: string, ids: string[] }> = []
  async send (peer: PeerId, message: Message): Promise<AckStatus> {
    this.sent.push({ to: peer.toString(), message })
    if (this.answer instanceof Error) throw this.answer
    return this.answer
  }

  async sendAck (peer: PeerId, ack: { id: string }): Promise<void> { this.acks.push({ to: peer.toString(), id: ack.id }) }
  async sendReceipt (peer: PeerId, ids: string[]): Promise<void> { this.receipts.push({ to: peer.toString(), ids }) }
}

class StubRelay implements RelayPort {
  up = true
  readonly deposits: Envelope[] = []
  waiting: Envelope[] = []
  notes: Expired[] = []
  readonly acked: string[] = []
  readonly refused: string[] = []
  readonly notesAcked: string[] = []
  available (): boolean { return this.up }
  async deposit (envelope: Envelope): Promise<void> { if (!this.up) throw new Error('down'); this.deposits.push(envelope) }
  async fetch (max: number): Promise<{ envelopes: Envelope[], more: boolean }> { const envelopes = this.waiting.splice(0, max); return { envelopes, more: this.waiting.length > 0 } }
  async ack (ids: string[]): Promise<void> { this.acked.push(...ids) }
  async refuse (ids: string[]): Promise<void> { this.refused.push(...ids) }
  async fetchExpired (max: number): Promise<{ expired: Expired[], more: boolean }> { const expired = this.notes.splice(0, max); return { expired, more: this.notes.length > 0 } }
  async ackExpired (ids: string[]): Promise<void> { this.notesAcked.push(...ids) }
}

async function setup (): Promise<{ me: Who, bob: Who, delivery: Delivery, messages: MessageStore, directory: StubDirectory, chat: StubChat, relay: StubRelay, events: DaemonEvent[] }> {
  const me = await who()
  const bob = await who()
  const messages = new MessageStore(openProfileDatabase(tempDir('lanchat-delivery-')))
  const directory = new StubDirectory()
  directory.add(person(bob.id, 'bob'))
  const chat = new StubChat()
  const relay = new StubRelay()
  const events: DaemonEvent[] = []
  const delivery = new Delivery({ self: me.peer, key: me.key, selfName: () => 'alice', messages, directory, chat, relay, emit: e => { events.push(e) } })
  return { me, bob, delivery, messages, directory, chat, relay, events }
}

function envelopeFrom (sender: Who, to: Who, id: string, body: string, over: Partial<Envelope> = {}): Envelope {
  const payload = seal({ id, seq: 1, from: peerIdToBytes(sender.peer), to: peerIdToBytes(to.peer), sentAt: Date.now(), body, fromName: 'bob', toName: 'alice', group: '' }, sender.key, to.peer)
  return { id, sender: peerIdToBytes(sender.peer), recipient: 'alice', recipientPeerId: peerIdToBytes(to.peer), depositedAt: Date.now(), payload, ...over }
}

describe('sending', () => {
  it('bob online: the message goes on his chat stream and is delivered once he acks', async () => {
    const { bob, delivery, chat, directory, relay } = await setup()
    directory.online.add(bob.id)
    const result = await delivery.send('bob', 'hi')
    expect(result.state).toBe('delivered')
    expect(chat.sent.map(s => [s.to, s.message.body])).toEqual([[bob.id, 'hi']])
    expect(relay.deposits).toEqual([])
  })

  it('bob offline: sealed and deposited at the relay for his registered name; relayed', async () => {
    const { bob, delivery, chat, relay } = await setup()
    const result = await delivery.send('bob', 'are you there?')
    expect(result.state).toBe('relayed')
    expect(chat.sent).toEqual([])
    expect(relay.deposits.map(e => [e.id, e.recipient])).toEqual([[result.id, 'bob']])
    expect(relay.deposits[0].payload.length).toBeGreaterThan(0)
    expect(Buffer.from(relay.deposits[0].payload).includes('are you there?')).toBe(false)
    expect(bob.id).toBeTruthy()
  })

  it('nobody reachable: it stays queued (in the outbox) and goes out when bob is back', async () => {
    const { bob, delivery, directory, relay, chat, messages } = await setup()
    relay.up = false
    const result = await delivery.send('bob', 'later')
    expect(result.state).toBe('queued')
    expect(messages.queuedCount()).toBe(1)
    directory.online.add(bob.id)
    delivery.peerOnline(bob.id)
    await expect.poll(() => messages.stateOf(result.id)).toBe('delivered')
    expect(chat.sent.map(s => s.message.id)).toEqual([result.id])
  })

  it('a refused direct send (e.g. bob blocked me) falls back to the relay', async () => {
    const { bob, delivery, directory, chat } = await setup()
    directory.online.add(bob.id)
    chat.answer = AckStatus.INVALID
    expect((await delivery.send('bob', 'x')).state).toBe('relayed')
  })

  it('refuses an unknown person, a blocked one, an empty or oversized text, in plain words', async () => {
    const { delivery, directory, bob } = await setup()
    await expect(delivery.send('zed', 'hi')).rejects.toThrow('nobody called zed is known; see lanchat who')
    await expect(delivery.send('bob', '   ')).rejects.toThrow('a message needs some text')
    await expect(delivery.send('bob', 'x'.repeat(70_000))).rejects.toThrow('a message can have at most 64 KiB of text')
    directory.people.get(bob.id)!.blocked = true
    await expect(delivery.send('bob', 'hi')).rejects.toThrow('you blocked bob; run lanchat unblock bob to write to them again')
  })

  it('acks and read receipts only count from the recipient', async () => {
    const { bob, delivery, messages } = await setup()
    const { id } = await delivery.send('bob', 'hi')
    const mallory = await who()
    const handlers = delivery.chatHandlers()
    handlers.onAck(mallory.peer, { id, status: AckStatus.STORED })
    handlers.onReceipt(mallory.peer, [id])
    expect(messages.stateOf(id)).toBe('relayed')
    handlers.onReceipt(bob.peer, [id])
    expect(messages.stateOf(id)).toBe('read')
  })
})

describe('receiving', () => {
  it('stores a direct message once and acks STORED; a stranger becomes a request; a blocked peer is refused', async () => {
    const { bob, delivery, messages, directory } = await setup()
    const { onMessage } = delivery.chatHandlers()
    const message = { id: 'm1', from: 'bob', to: 'alice', body: 'hi', sentAt: Date.now(), seq: 1, group: '', item: new Uint8Array() }
    expect(await onMessage(bob.peer, message)).toBe(AckStatus.STORED)
    expect(await onMessage(bob.peer, message)).toBe(AckStatus.STORED)
    expect(messages.history(bob.id).map(m => m.id)).toEqual(['m1'])
    const stranger = await who()
    expect(await onMessage(stranger.peer, { ...message, id: 'm2', from: 'bob' })).toBe(AckStatus.STORED)
    expect(directory.byPeer(stranger.id)?.verified).toBe(false)
    directory.byPeer(stranger.id)!.blocked = true
    expect(await onMessage(stranger.peer, { ...message, id: 'm3' })).toBe(AckStatus.INVALID)
    expect(await onMessage(bob.peer, { ...message, id: '' })).toBe(AckStatus.INVALID)
  })

  it('fetches relayed envelopes: stores and acks the good ones, refuses the tampered, drops a blocked sender\'s quietly', async () => {
    const { me, bob, delivery, relay, messages, directory, events } = await setup()
    const carol = await who()
    directory.add(person(carol.id, 'carol', { blocked: true }))
    const tampered = envelopeFrom(bob, me, 'bad', 'x')
    tampered.payload[tampered.payload.length - 3] ^= 1
    relay.waiting = [envelopeFrom(bob, me, 'good', 'lunch?'), tampered, envelopeFrom(bob, me, 'renamed', 'y', { id: 'other-id' }), envelopeFrom(carol, me, 'quiet', 'z')]
    await delivery.fetchRelayed()
    expect(messages.history(bob.id).map(m => m.body)).toEqual(['lunch?'])
    expect(relay.acked.sort()).toEqual(['good', 'quiet'])
    expect(relay.refused.sort()).toEqual(['bad', 'other-id'])
    expect(events.filter(e => e.type === 'warning').length).toBe(2)
    expect(messages.owed(bob.id)).toEqual([{ id: 'good', kind: 'delivered' }])
  })

  it('marks my messages expired from the relay\'s notes, with the reason, and acks the notes', async () => {
    const { bob, delivery, relay, messages, events } = await setup()
    const { id } = await delivery.send('bob', 'for later')
    const stranger = await who()
    relay.notes = [
      { id, recipientPeerId: peerIdToBytes(bob.peer), recipient: 'bob', reason: ExpiryReason.RELEASED, at: Date.now() },
      // a note about a message that is not mine to that person changes nothing
      { id, recipientPeerId: peerIdToBytes(stranger.peer), recipient: 'x', reason: ExpiryReason.REFUSED, at: Date.now() }
    ]
    await delivery.fetchExpiredNotes()
    expect(messages.get(id)).toMatchObject({ state: 'expired', reason: 'released' })
    expect(events.filter(e => e.type === 'state' && e.state === 'expired')).toEqual([{ type: 'state', id, peer: 'bob', peerId: bob.id, state: 'expired', reason: 'released' }])
    expect(relay.notesAcked).toEqual([id, id])
  })

  it('read receipts go to people I answered, not to strangers', async () => {
    const { bob, delivery, directory, chat } = await setup()
    const { onMessage } = delivery.chatHandlers()
    const stranger = await who()
    await onMessage(bob.peer, { id: 'b1', from: 'bob', to: 'alice', body: 'hi', sentAt: Date.now(), seq: 1, group: '', item: new Uint8Array() })
    await onMessage(stranger.peer, { id: 's1', from: 'x', to: 'alice', body: 'hi', sentAt: Date.now(), seq: 1, group: '', item: new Uint8Array() })
    directory.online.add(bob.id)
    directory.online.add(stranger.id)
    expect(delivery.markRead(bob.id)).toBe(1)
    expect(delivery.markRead(stranger.id)).toBe(1)
    await expect.poll(() => chat.receipts).toEqual([{ to: bob.id, ids: ['b1'] }])
  })
})
