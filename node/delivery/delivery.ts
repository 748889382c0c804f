/**
 * The delivery chain. Sending: commit to the outbox (durable, state queued),
 * then direct (chat stream, wait for the ack) -> relay deposit at the index
 * server (peer offline or unreachable) -> stay queued and retry when the peer
 * or the index comes back. Per peer, messages go in sequence order.
 * Receiving: direct messages and relayed envelopes are written to history
 * before they are acknowledged; delivery and read receipts owed to a peer
 * wait in the database until a chat channel to it opens.
 */
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { v7 as uuidv7 } from 'uuid'
import { MAX_CHAT_BODY_BYTES, MAX_MESSAGE_ID_CHARS } from '../../protocols/constants.js'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { openSealed, seal } from '../../protocols/relay/seal.js'
import { failpoint } from '../../protocols/shared/failpoint.js'
import { peerIdFromBytes, peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { ackEnvelopes, ackExpired, deposit, fetchEnvelopes, fetchExpired, refuseEnvelopes } from '../services/index-client/relay-client.js'
import { ApiError } from '../types.js'
import {
  DEPOSIT_TIMEOUT_MS, DIRECT_GUESS_TIMEOUT_MS, DIRECT_TIMEOUT_MS, DIRECT_WINDOW, DIRECT_WINDOW_BYTES, FETCH_BATCH, FETCH_RETRY_MS, OUTBOX_TICK_MS,
  RETRY_MAX_MS, RETRY_MIN_MS, SEND_ANSWER_DEADLINE_MS
} from './constants.js'
import { listOf } from '../daemon/directory.js'
import type { Directory, Person } from '../daemon/directory.js'
import type { IndexClient } from '../services/index-client/client.js'
import { clampSentAt } from '../store/messages.js'
import type { MessageStore, StoredMessage } from '../store/messages.js'
import type { ChatMessage, DaemonEvent, ExpiryReason as ExpiryCause, MessageState, SendResult } from '../types.js'
import type { Ack, Message } from '../../protocols/chat/pb/chat.js'
import { ExpiryReason } from '../../protocols/relay/pb/relay.js'
import type { Envelope } from '../../protocols/relay/pb/relay.js'
import type { Libp2p, PeerId, PrivateKey } from '@libp2p/interface'

const log = logger('lanchat:delivery')

const EXPIRY_CAUSES: Partial<Record<ExpiryReason, ExpiryCause>> = {
  [ExpiryReason.RETENTION]: 'retention',
  [ExpiryReason.RELEASED]: 'released',
  [ExpiryReason.REFUSED]: 'refused'
}
/** Queued messages read per query while draining a peer's queue. */
const QUEUE_PAGE = 500

/** What delivery needs of the chat service. */
export interface ChatPort {
  send(peer: PeerId, message: Message, options?: { signal?: AbortSignal }): Promise<AckStatus>
  sendAck(peer: PeerId, ack: Ack): Promise<void>
  sendReceipt(peer: PeerId, ids: string[]): Promise<void>
  sendTyping(peer: PeerId, on: boolean): Promise<void>
}

export interface DeliveryDeps {
  libp2p: Libp2p
  /** my identity key: signs what I relay, opens what is relayed to me */
  key: PrivateKey
  selfName: () => string
  messages: MessageStore
  directory: Directory
  chat: ChatPort
  index: IndexClient
  emit: (event: DaemonEvent) => void
}

export class Delivery {
  private readonly d: DeliveryDeps
  private readonly chains = new Map<string, Promise<void>>()
  /** per peer, a forced drain queued behind the running one and not started yet: later requests join it */
  private readonly waiting = new Map<string, Promise<void>>()
  private timer?: NodeJS.Timeout
  private fetching?: Promise<void>
  private fetchAgain = false
  private fetchingExpired?: Promise<void>
  private expiredAgain = false
  private fetchRetry?: NodeJS.Timeout

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
    clearTimeout(this.fetchRetry)
    await Promise.allSettled([...this.chains.values(), this.fetching])
  }

  // ------------------------------------------------------------------ sending

  /** Commits the message, runs the chain, answers with the state reached within the deadline. */
  async send (to: string, body: string): Promise<SendResult> {
    const person = this.d.directory.resolve(to, { blocked: true })
    if (person == null) throw new ApiError(404, 'unknown_contact', `nobody called ${to} is known; see lanchat who`)
    const shownName = this.d.directory.show(person).name
    if (person.blocked) throw new ApiError(409, 'blocked', `you blocked ${shownName}; run lanchat unblock ${shownName} to write to them again`)
    if (body.trim() === '') throw new ApiError(400, 'empty_body', 'a message needs some text')
    if (Buffer.byteLength(body) > MAX_CHAT_BODY_BYTES) throw new ApiError(413, 'body_too_large', `a message can have at most ${MAX_CHAT_BODY_BYTES / 1024} KiB of text`)
    let m: StoredMessage
    try {
      // durable before we answer; sends of the same burst share one commit (one fsync)
      m = await this.d.messages.commitOutgoing({ id: uuidv7(), peerId: person.peerId, fromName: this.d.selfName(), toName: shownName, body, sentAt: Date.now() })
    } catch (err) {
      log.error('outbox commit failed: %e', err)
      throw new ApiError(507, 'storage_failed', 'the message could not be saved (is the disk full?); nothing was sent')
    }
    failpoint('outbox-committed')
    // writing to a stranger answers their request
    this.d.directory.accept(person.peerId)
    // local clients hear of it after the send is on its way (a JSON write per subscriber)
    const committed = m
    setImmediate(() => { this.d.emit({ type: 'message', message: this.view(committed) }) })
    const done = this.flushPeer(person.peerId, true)
    let deadline: NodeJS.Timeout | undefined
    await Promise.race([done, new Promise(resolve => { deadline = setTimeout(resolve, SEND_ANSWER_DEADLINE_MS) })])
    clearTimeout(deadline)
    return { id: m.id, state: this.d.messages.stateOf(m.id) ?? 'queued' }
  }

  /** A stored message as local clients see it: names as shown now, the other person's PeerId and whether they are verified. */
  view (m: StoredMessage): ChatMessage {
    const person = this.d.directory.byPeer(m.peerId)
    const shown = person != null ? this.d.directory.show(person).name : (m.direction === 'in' ? m.from : m.to)
    return {
      id: m.id,
      from: m.direction === 'in' ? shown : m.from,
      to: m.direction === 'out' ? shown : m.to,
      body: m.body,
      sentAt: m.sentAt,
      state: m.state,
      direction: m.direction,
      peerId: m.peerId,
      verified: person?.verified ?? false,
      receivedAt: m.receivedAt,
      ...(m.state === 'expired' && m.reason != null ? { reason: m.reason } : {})
    }
  }

  /** Sends the text of one of my messages again, as a new message to the same person. */
  async resend (id: string): Promise<SendResult> {
    const m = this.d.messages.get(id)
    if (m == null || m.direction !== 'out') throw new ApiError(404, 'unknown_message', `you sent no message with the id ${id}; see lanchat history`)
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

  /** Sends the peer's queue in order, a page at a time, until it is empty or an attempt fails. */
  private async drain (peerId: string, force: boolean): Promise<void> {
    for (;;) {
      const now = Date.now()
      const page = this.d.messages.queuedFor(peerId, QUEUE_PAGE)
      let queue = page.filter(m => force || this.isDue(m, now))
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
    const person = this.d.directory.byPeer(peerId)
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
          void this.direct(queue[k], person, DIRECT_TIMEOUT_MS).then((state) => {
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

  private isDue (m: StoredMessage, now: number): boolean {
    return m.nextAttemptAt <= now
  }

  private async attempt (m: StoredMessage): Promise<MessageState> {
    const person = this.d.directory.byPeer(m.peerId)
    const online = person != null && this.d.directory.isOnline(m.peerId)
    const indexUp = this.d.index.connected
    // direct when the peer is online, or when the index is down and we know where the peer was
    if (online || (!indexUp && (person?.addrs.length ?? 0) > 0)) {
      const state = await this.direct(m, person, online ? DIRECT_TIMEOUT_MS : DIRECT_GUESS_TIMEOUT_MS)
      if (state != null) return state
    }
    if (indexUp) {
      const state = await this.relay(m, person)
      if (state != null) return state
    }
    return 'queued'
  }

  private async direct (m: StoredMessage, person: Person | undefined, timeout: number): Promise<MessageState | undefined> {
    const peer = peerIdFromString(m.peerId)
    try {
      const status = await this.d.chat.send(peer, toWire(m), { signal: AbortSignal.timeout(timeout) })
      failpoint('ack-received')
      if (status === AckStatus.STORED) return this.advance(m, 'delivered', m.peerId)
      log('%s refused %s: %s', m.to, m.id, status)
    } catch (err) {
      log('direct to %s failed: %e', m.to, err)
    }
    return undefined
  }

  private async relay (m: StoredMessage, person: Person | undefined): Promise<MessageState | undefined> {
    const indexPeerId = this.d.index.indexPeerId
    if (indexPeerId == null) return undefined
    const peer = peerIdFromString(m.peerId)
    try {
      const payload = seal({
        id: m.id,
        seq: m.seq,
        from: peerIdToBytes(this.d.libp2p.peerId),
        to: peerIdToBytes(peer),
        sentAt: m.sentAt,
        body: m.body,
        fromName: m.from,
        toName: m.to,
        group: ''
      }, this.d.key, peer)
      await deposit(this.d.libp2p, indexPeerId, {
        id: m.id,
        sender: new Uint8Array(),
        recipient: person?.name ?? m.to,
        recipientPeerId: peerIdToBytes(peer),
        depositedAt: 0,
        payload
      }, { signal: AbortSignal.timeout(DEPOSIT_TIMEOUT_MS) })
      return this.advance(m, 'relayed', m.peerId)
    } catch (err) {
      log('relay deposit for %s failed: %e', m.to, err)
      return undefined
    }
  }

  /** Moves an outgoing message forward and tells the API; returns its state now. */
  private advance (m: Pick<StoredMessage, 'id'>, state: MessageState, from: string): MessageState {
    const changed = this.d.messages.advance(m.id, state, from)
    if (changed != null) {
      setImmediate(() => { this.d.emit({ type: 'state', id: changed.id, peer: this.shownName(changed.peerId, changed.to), peerId: changed.peerId, state: changed.state }) })
      return changed.state
    }
    return this.d.messages.stateOf(m.id) ?? state
  }

  // ------------------------------------------------------------------ receiving

  /** A message arrived on a chat stream: store it (once), then the chat service acks. */
  onMessage (peer: PeerId, message: Message): AckStatus | Promise<AckStatus> {
    const peerId = peer.toString()
    if (message.id.length === 0 || message.id.length > MAX_MESSAGE_ID_CHARS) return AckStatus.INVALID
    return this.store(peerId, message)
  }

  /**
   * Commits the message to history (with the others of this burst: one
   * fsync), then says what to ack. A stranger becomes a request (see
   * Directory.learn); a blocked peer, or a stranger when the requests are
   * full, is refused and nothing is stored.
   */
  private async store (peerId: string, message: Message): Promise<AckStatus> {
    const person = this.d.directory.learn(peerId, message.from)
    if (person == null) return AckStatus.INVALID
    try {
      const incoming = {
        id: message.id,
        peerId,
        fromName: this.d.directory.show(person).name,
        toName: this.d.selfName(),
        body: message.body,
        sentAt: message.sentAt,
        seq: message.seq
      }
      const result = await this.d.messages.commitIncoming(incoming)
      if (result === 'conflict') return AckStatus.INVALID
      failpoint('history-committed')
      if (result === 'stored') {
        // the ack goes first: the event to local clients (a JSON write per subscriber) is not on the sender's clock
        const receivedAt = Date.now()
        const shown: StoredMessage = {
          ...incoming, from: incoming.fromName, to: incoming.toName, sentAt: clampSentAt(incoming.sentAt, receivedAt), receivedAt,
          state: 'received', direction: 'in', attempts: 0, nextAttemptAt: 0
        }
        setImmediate(() => { this.d.emit({ type: 'message', message: this.view(shown) }) })
      }
      return AckStatus.STORED
    } catch (err) {
      log.error('could not store %s: %e', message.id, err)
      return AckStatus.STORAGE_FAILED
    }
  }

  private shownName (peerId: string, fallback: string): string {
    const person = this.d.directory.byPeer(peerId)
    return person != null ? this.d.directory.show(person).name : fallback
  }

  onAck (peer: PeerId, ack: Ack): void {
    if (ack.status === AckStatus.STORED) this.advance(ack, 'delivered', peer.toString())
  }

  onReceipt (peer: PeerId, ids: string[]): void {
    for (const id of ids) this.advance({ id }, 'read', peer.toString())
  }

  /** A chat channel to the peer opened: pay what we owe it, send what waits for it. */
  onChannel (peer: PeerId): void {
    void this.payReceipts(peer.toString())
    void this.flushPeer(peer.toString(), true)
  }

  /** Fetches relayed envelopes (single flight; asked again while running = one more round). */
  fetchRelayed (): Promise<void> {
    if (this.fetching != null) {
      this.fetchAgain = true
      return this.fetching
    }
    this.fetching = (async () => {
      do {
        this.fetchAgain = false
        await this.fetchRound()
      } while (this.fetchAgain)
    })().catch(err => { log('relay fetch failed: %e', err) }).finally(() => { this.fetching = undefined })
    return this.fetching
  }

  private async fetchRound (): Promise<void> {
    for (;;) {
      const indexPeerId = this.d.index.indexPeerId
      if (indexPeerId == null) return
      const { envelopes, more } = await fetchEnvelopes(this.d.libp2p, indexPeerId, FETCH_BATCH)
      if (envelopes.length === 0) return
      const done: string[] = []
      const refused: string[] = []
      const owed = new Map<string, string[]>()
      // the whole batch is stored in one commit, then the receipts owed in another, then acked at the relay
      const opened = envelopes.map(env => ({ env, opened: this.open(env) }))
      const statuses = await Promise.all(opened.map(async ({ opened }) => opened == null || opened === 'silent' ? undefined : await this.store(opened.sender, opened.message)))
      opened.forEach(({ env, opened }, k) => {
        const status = statuses[k]
        if (opened === 'silent') {
          // from someone I blocked: dropped without a word (acked, so the relay forgets it)
          done.push(env.id)
          return
        }
        if (opened == null || status === AckStatus.INVALID) {
          // failed my checks, or refused (requests full): never shown; the relay drops it and tells the sender
          refused.push(env.id)
          return
        }
        if (status === AckStatus.STORAGE_FAILED) {
          // not acked: it stays at the relay; try again later (e.g. once the disk has room)
          this.retryFetchLater()
          return
        }
        done.push(env.id)
        if (status === AckStatus.STORED) {
          const ids = owed.get(opened.sender)
          if (ids == null) owed.set(opened.sender, [env.id])
          else ids.push(env.id)
        }
      })
      await Promise.all([...owed].map(async ([sender, ids]) => { await this.d.messages.commitOwed(sender, ids, 'delivered') }))
      const senders = owed.keys()
      if (refused.length > 0) await refuseEnvelopes(this.d.libp2p, indexPeerId, refused)
      await ackEnvelopes(this.d.libp2p, indexPeerId, done)
      for (const sender of senders) {
        if (this.d.directory.isOnline(sender)) void this.payReceipts(sender)
      }
      if (!more) return
    }
  }

  /**
   * Opens a relayed envelope: sealed to me, signed by the sender, addressed
   * to me, deposited by the sender itself, same id inside and out, and not
   * from a name pinned to another identity. Anything else is dropped.
   */
  private open (env: Envelope): { sender: string, message: Message } | 'silent' | undefined {
    let content
    let depositor: string
    try {
      depositor = peerIdFromBytes(env.sender).toString()
      content = openSealed(env.payload, this.d.key, this.d.libp2p.peerId)
    } catch (err) {
      log.error('dropped relayed envelope %s: %s', env.id, (err as Error).message)
      this.d.emit({ type: 'warning', text: `dropped a relayed message that failed its checks (${(err as Error).name})` })
      return undefined
    }
    const from = peerIdFromBytes(content.from).toString()
    // nothing from a blocked sender, and no word to it either
    if (this.d.directory.isBlocked(from)) return 'silent'
    const problem = content.id !== env.id
      ? 'its id was changed'
      : from !== depositor
        ? 'it was deposited by someone other than its signer'
        : this.d.directory.pinnedElsewhere(content.fromName, from)
          ? `it claims the name ${content.fromName}, which belongs to another identity`
          : undefined
    if (problem != null) {
      log.error('dropped relayed envelope %s: %s', env.id, problem)
      this.d.emit({ type: 'warning', text: `dropped a relayed message: ${problem}` })
      return undefined
    }
    return { sender: from, message: { id: content.id, from: content.fromName, to: content.toName, body: content.body, sentAt: content.sentAt, seq: content.seq, group: content.group } }
  }

  /**
   * Fetches the relay's notes of my messages it dropped before their
   * recipients took them, marks each expired (with its reason), then acks
   * the notes. Single flight, like fetchRelayed.
   */
  fetchExpiredNotes (): Promise<void> {
    if (this.fetchingExpired != null) {
      this.expiredAgain = true
      return this.fetchingExpired
    }
    this.fetchingExpired = (async () => {
      do {
        this.expiredAgain = false
        for (;;) {
          const indexPeerId = this.d.index.indexPeerId
          if (indexPeerId == null) return
          const { expired, more } = await fetchExpired(this.d.libp2p, indexPeerId, FETCH_BATCH)
          if (expired.length === 0) break
          for (const note of expired) {
            let peerId: string
            try {
              peerId = peerIdFromBytes(note.recipientPeerId).toString()
            } catch {
              continue
            }
            const reason = EXPIRY_CAUSES[note.reason]
            if (reason == null) continue
            const changed = this.d.messages.expire(note.id, reason, peerId)
            if (changed != null) {
              log('%s to %s expired at the relay: %s', note.id, peerId, reason)
              this.d.emit({ type: 'state', id: changed.id, peer: this.shownName(peerId, changed.to), peerId, state: 'expired', reason })
            }
          }
          await ackExpired(this.d.libp2p, indexPeerId, expired.map(n => n.id))
          if (!more) break
        }
      } while (this.expiredAgain)
    })().catch(err => { log('fetching expired notes failed: %e', err) }).finally(() => { this.fetchingExpired = undefined })
    return this.fetchingExpired
  }

  private retryFetchLater (): void {
    if (this.fetchRetry != null) return
    this.fetchRetry = setTimeout(() => {
      this.fetchRetry = undefined
      void this.fetchRelayed()
    }, FETCH_RETRY_MS)
    this.fetchRetry.unref()
  }

  /** Sends receipts owed to a peer; what cannot be sent stays owed. */
  async payReceipts (peerId: string): Promise<void> {
    const owed = this.d.messages.owed(peerId)
    if (owed.length === 0) return
    const peer = peerIdFromString(peerId)
    try {
      for (const { id } of owed.filter(o => o.kind === 'delivered')) {
        await this.d.chat.sendAck(peer, { id, status: AckStatus.STORED })
        this.d.messages.paid(peerId, [id], 'delivered')
      }
      const read = owed.filter(o => o.kind === 'read').map(o => o.id)
      if (read.length > 0) {
        await this.d.chat.sendReceipt(peer, read)
        this.d.messages.paid(peerId, read, 'read')
      }
    } catch (err) {
      log('receipts to %s wait: %e', peerId, err)
    }
  }

  /** The person read these (or all) messages from `peerId`: record it and tell the sender. */
  markRead (peerId: string, ids?: string[]): number {
    const changed = this.d.messages.markRead(peerId, ids)
    if (changed.length === 0) return 0
    const peer = this.shownName(peerId, '')
    for (const id of changed) this.d.emit({ type: 'state', id, peer, peerId, state: 'read' })
    // a stranger (a request, or blocked) does not learn that I read it; read receipts are for people I answered
    const person = this.d.directory.byPeer(peerId)
    if (person == null || listOf(person) !== 'people') return changed.length
    this.d.messages.owe(peerId, changed, 'read')
    if (this.d.directory.isOnline(peerId)) void this.payReceipts(peerId)
    return changed.length
  }
}

export function toWire (m: StoredMessage): Message {
  return { id: m.id, from: m.from, to: m.to, body: m.body, sentAt: m.sentAt, seq: m.seq, group: '' }
}

