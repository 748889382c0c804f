/**
 * The send chain. A message is committed to the outbox (durable, state
 * queued) before `send` answers; then, per peer and in sequence order:
 * direct (a sliding window of messages in flight on the peer's chat stream,
 * each acked after the peer's commit) -> relay deposit at the index server
 * (peer offline or unreachable) -> stays queued and is retried with backoff,
 * and at once when the peer or the index comes back. Acks and read receipts
 * from the peer move a message forward (never back).
 */
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { v7 as uuidv7 } from 'uuid'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { MAX_CHAT_BODY_BYTES } from '../../protocols/constants.js'
import { nameKey } from '../../protocols/names.js'
import { seal } from '../../protocols/relay/seal.js'
import { failpoint } from '../../runtime/failpoint.js'
import { peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { BlockedContactError, EmptyMessageError, MessageTooLargeError, SendToSelfError, StorageFailedError, UnknownContactError, UnknownMessageError } from './errors.js'
import {
  DEPOSIT_TIMEOUT_MS, DIRECT_GUESS_TIMEOUT_MS, DIRECT_TIMEOUT_MS, DIRECT_WINDOW, DIRECT_WINDOW_BYTES, OUTBOX_TICK_MS,
  RETRY_MAX_MS, RETRY_MIN_MS, SEND_ANSWER_DEADLINE_MS
} from './constants.js'
import { shownName, toApi, toWire } from './view.js'
import type { DeliveryDeps } from './ports.js'
import type { Person } from '../directory/directory.js'
import type { StoredMessage } from '../store/messages.js'
import type { MessageState, SendResult } from '../types.js'
import type { Ack } from '../../protocols/chat/pb/chat.js'
import type { PeerId } from '@libp2p/interface'

const log = logger('lanchat:delivery:outbox')
/** Queued messages read per query while draining a peer's queue. */
const QUEUE_PAGE = 500

export class Outbox {
  private readonly d: DeliveryDeps
  private readonly chains = new Map<string, Promise<void>>()
  /** per peer, a forced drain queued behind the running one and not started yet: later requests join it */
  private readonly waiting = new Map<string, Promise<void>>()
  private timer?: NodeJS.Timeout

  constructor (deps: DeliveryDeps) {
    this.d = deps
  }

  start (): void {
    this.timer = setInterval(() => { this.flushDue() }, OUTBOX_TICK_MS)
    this.timer.unref()
    this.flushDue()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    await Promise.allSettled([...this.chains.values()])
  }

  /** Commits the message, runs the chain, answers with the state reached within the deadline. */
  async send (to: string, body: string): Promise<SendResult> {
    if (nameKey(to) === nameKey(this.d.selfName()) || to === this.d.self.toString()) throw new SendToSelfError(this.d.selfName())
    const person = this.d.directory.resolve(to, { blocked: true })
    if (person == null) throw new UnknownContactError(to)
    const name = this.d.directory.show(person).name
    if (person.blocked) throw new BlockedContactError(name)
    if (body.trim() === '') throw new EmptyMessageError()
    if (Buffer.byteLength(body) > MAX_CHAT_BODY_BYTES) throw new MessageTooLargeError(MAX_CHAT_BODY_BYTES)
    let m: StoredMessage
    try {
      // durable before we answer; sends of the same burst share one commit (one fsync)
      m = await this.d.messages.commitOutgoing({ id: uuidv7(), peerId: person.peerId, fromName: this.d.selfName(), toName: name, body, sentAt: Date.now() })
    } catch (err) {
      log.error('outbox commit failed: %e', err)
      throw new StorageFailedError()
    }
    failpoint('outbox-committed')
    // writing to a stranger answers their request
    this.d.directory.accept(person.peerId)
    // local clients hear of it after the send is on its way (a JSON write per subscriber)
    const committed = m
    setImmediate(() => { this.d.emit({ type: 'message', message: toApi(this.d.directory, committed) }) })
    const done = this.flushPeer(person.peerId, true)
    let deadline: NodeJS.Timeout | undefined
    await Promise.race([done, new Promise(resolve => { deadline = setTimeout(resolve, SEND_ANSWER_DEADLINE_MS) })])
    clearTimeout(deadline)
    return { id: m.id, state: this.d.messages.stateOf(m.id) ?? 'queued' }
  }

  /** Sends the text of one of my messages again, as a new message to the same person. */
  async resend (id: string): Promise<SendResult> {
    const m = this.d.messages.get(id)
    if (m == null || m.direction !== 'out') throw new UnknownMessageError(id)
    return await this.send(m.peerId, m.body)
  }

  /** Retries every queued message whose time has come. */
  flushDue (): void {
    const peers = new Set(this.d.messages.due().map(m => m.peerId))
    for (const peer of peers) void this.flushPeer(peer, false)
  }

  /** Something changed for this peer (came online, channel opened): try its queue now. */
  flushPeer (peerId: string, force = true): Promise<void> {
    // a forced drain that has not started will read the queue when it starts: it covers this request too
    const waiting = this.waiting.get(peerId)
    if (waiting != null) return waiting
    const previous = this.chains.get(peerId) ?? Promise.resolve()
    const next = previous.then(async () => {
      if (this.waiting.get(peerId) === next) this.waiting.delete(peerId)
      await this.drain(peerId, force)
    }).catch(err => { log.error('flush %s failed: %e', peerId, err) })
    if (force) this.waiting.set(peerId, next)
    this.chains.set(peerId, next)
    void next.then(() => { if (this.chains.get(peerId) === next) this.chains.delete(peerId) })
    return next
  }

  /** Everything queued, now (the index came back). */
  flushAll (): void {
    const peers = new Set(this.d.messages.due(Number.MAX_SAFE_INTEGER).map(m => m.peerId))
    for (const peer of peers) void this.flushPeer(peer, true)
  }

  /** The peer stored my message (an ack, also one that arrives after its send gave up waiting). */
  onAck (peer: PeerId, ack: Ack): void {
    if (ack.status === AckStatus.STORED) this.advance(ack.id, 'delivered', peer.toString())
  }

  onReceipt (peer: PeerId, ids: string[]): void {
    for (const id of ids) this.advance(id, 'read', peer.toString())
  }

  /** Sends the peer's queue in order, a page at a time, until it is empty or an attempt fails. */
  private async drain (peerId: string, force: boolean): Promise<void> {
    for (;;) {
      const now = Date.now()
      const page = this.d.messages.queuedFor(peerId, QUEUE_PAGE)
      let queue = page.filter(m => force || m.nextAttemptAt <= now)
      if (queue.length === 0) return
      queue = await this.pipeline(queue)
      for (let i = 0; i < queue.length; i++) {
        const state = await this.attempt(queue[i])
        if (state === 'queued') {
          // the rest would fail the same way: retry them later, in order
          for (const m of queue.slice(i)) this.d.messages.defer(m.id, now + Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** m.attempts))
          return
        }
      }
      // a full page: more may wait (requests that joined this drain rely on it reading them)
      if (page.length < QUEUE_PAGE) return
    }
  }

  /**
   * While the peer is online, keeps up to DIRECT_WINDOW messages in flight on
   * its chat stream (a sliding window: written in sequence order, each acked
   * after the peer's commit, the next sent as soon as one is answered)
   * instead of one round trip each. Resolves with what is left for the
   * one-at-a-time chain (relay, outbox), in order: the unanswered messages,
   * then those never sent.
   */
  private async pipeline (queue: StoredMessage[]): Promise<StoredMessage[]> {
    if (queue.length < 2) return queue
    const peerId = queue[0].peerId
    const unanswered = new Set<number>()
    let next = 0
    let inFlight = 0
    let bytes = 0
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        while (unanswered.size === 0 && next < queue.length && inFlight < DIRECT_WINDOW &&
          (inFlight === 0 || bytes < DIRECT_WINDOW_BYTES) && this.d.directory.isOnline(peerId)) {
          const k = next++
          const size = Buffer.byteLength(queue[k].body)
          inFlight++
          bytes += size
          void this.direct(queue[k], DIRECT_TIMEOUT_MS).then((state) => {
            inFlight--
            bytes -= size
            if (state == null) unanswered.add(k)
            pump()
          })
        }
        if (inFlight === 0) resolve()
      }
      pump()
    })
    return [...queue.filter((_, k) => unanswered.has(k)), ...queue.slice(next)]
  }

  private async attempt (m: StoredMessage): Promise<MessageState> {
    const person = this.d.directory.byPeer(m.peerId)
    const online = person != null && this.d.directory.isOnline(m.peerId)
    const indexUp = this.d.relay.available()
    // direct when the peer is online, or when the index is down and we know where the peer was
    if (online || (!indexUp && (person?.addrs.length ?? 0) > 0)) {
      const state = await this.direct(m, online ? DIRECT_TIMEOUT_MS : DIRECT_GUESS_TIMEOUT_MS)
      if (state != null) return state
    }
    if (indexUp) {
      const state = await this.relay(m, person)
      if (state != null) return state
    }
    return 'queued'
  }

  /**
   * One message on the peer's chat stream; resolves with its state once
   * acked STORED, or undefined (the chain goes on). The ack also reaches
   * onAck, which records it: recording happens here, once; onAck's second
   * advance is a no-op.
   */
  private async direct (m: StoredMessage, timeout: number): Promise<MessageState | undefined> {
    const peer = peerIdFromString(m.peerId)
    try {
      const status = await this.d.chat.send(peer, toWire(m), { signal: AbortSignal.timeout(timeout) })
      failpoint('ack-received')
      if (status === AckStatus.STORED) return this.advance(m.id, 'delivered', m.peerId)
      log('%s refused %s: %s', m.to, m.id, status)
    } catch (err) {
      log('direct to %s failed: %e', m.to, err)
    }
    return undefined
  }

  /** Seals the message to the recipient and deposits it at the index server; relayed once the index committed it. */
  private async relay (m: StoredMessage, person: Person | undefined): Promise<MessageState | undefined> {
    const peer = peerIdFromString(m.peerId)
    try {
      const payload = seal({
        id: m.id,
        seq: m.seq,
        from: peerIdToBytes(this.d.self),
        to: peerIdToBytes(peer),
        sentAt: m.sentAt,
        body: m.body,
        fromName: m.from,
        toName: m.to,
        group: ''
      }, this.d.key, peer)
      await this.d.relay.deposit({
        id: m.id,
        sender: new Uint8Array(),
        // the index addresses by the registered name: a verified person's, which person.name is
        recipient: person?.name ?? m.to,
        recipientPeerId: peerIdToBytes(peer),
        depositedAt: 0,
        payload
      }, { signal: AbortSignal.timeout(DEPOSIT_TIMEOUT_MS) })
      return this.advance(m.id, 'relayed', m.peerId)
    } catch (err) {
      log('relay deposit for %s failed: %e', m.to, err)
      return undefined
    }
  }

  /** Moves an outgoing message forward and tells local clients; returns its state now. */
  private advance (id: string, state: MessageState, from: string): MessageState {
    const changed = this.d.messages.advance(id, state, from)
    if (changed != null) {
      setImmediate(() => { this.d.emit({ type: 'state', id: changed.id, peer: shownName(this.d.directory, changed.peerId, changed.to), peerId: changed.peerId, state: changed.state }) })
      return changed.state
    }
    return this.d.messages.stateOf(id) ?? state
  }
}
