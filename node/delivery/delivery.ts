/**
 * The delivery chain, put together: the outbox (send chain, window,
 * retries), the inbox (store what arrives, fetch and check relayed
 * envelopes), receipts I owe, and the relay's notes of my messages it
 * dropped. Each part takes only the narrow ports it needs (ports.ts); this
 * class wires them and gives the chat service its handlers.
 *
 * @example
 * ```ts
 * const delivery = new Delivery({ self, key, selfName, messages, directory, chat, relay, emit })
 * chatService.setHandlers({ ...delivery.chatHandlers(), onTyping })
 * delivery.start()
 * await delivery.send('bob', 'hi')
 * ```
 */
import { ExpiredNotes } from './expired.js'
import { Inbox } from './inbox.js'
import { Outbox } from './outbox.js'
import { Receipts } from './receipts.js'
import { toApi } from './view.js'
import type { DeliveryDeps } from './ports.js'
import type { ChatHandlers } from '../services/chat/index.js'
import type { StoredMessage } from '../store/messages.js'
import type { ChatMessage, SendResult } from '../types.js'

export type { ChatPort, DeliveryDeps, DirectoryPort, RelayPort } from './ports.js'

export class Delivery {
  private readonly d: DeliveryDeps
  private readonly outbox: Outbox
  private readonly inbox: Inbox
  private readonly receipts: Receipts
  private readonly expired: ExpiredNotes

  constructor (deps: DeliveryDeps) {
    this.d = deps
    this.outbox = new Outbox(deps)
    this.receipts = new Receipts(deps)
    this.inbox = new Inbox(deps, { receiptsOwed: sender => { this.receipts.payIfOnline(sender) } })
    this.expired = new ExpiredNotes(deps)
  }

  start (): void {
    this.outbox.start()
    this.receipts.start()
  }

  async stop (): Promise<void> {
    this.receipts.stop()
    await Promise.all([this.outbox.stop(), this.inbox.stop(), this.expired.stop()])
  }

  /** The chat service's handlers for what delivery handles (all but typing). */
  chatHandlers (): Omit<ChatHandlers, 'onTyping'> {
    return {
      onMessage: (peer, message) => this.inbox.onMessage(peer, message),
      onAck: (peer, ack) => { this.outbox.onAck(peer, ack) },
      onReceipt: (peer, ids) => { this.outbox.onReceipt(peer, ids) },
      // a chat channel to the peer opened: pay what we owe it, send what waits for it
      onChannel: (peer) => {
        void this.receipts.pay(peer.toString())
        void this.outbox.flushPeer(peer.toString(), true)
      }
    }
  }

  async send (to: string, body: string): Promise<SendResult> {
    return await this.outbox.send(to, body)
  }

  async resend (id: string): Promise<SendResult> {
    return await this.outbox.resend(id)
  }

  /** A stored message as local clients see it. */
  view (m: StoredMessage): ChatMessage {
    return toApi(this.d.directory, m)
  }

  /** The peer came online: send what waits for it, and the receipts owed to it. */
  peerOnline (peerId: string): void {
    void this.outbox.flushPeer(peerId, true)
    void this.receipts.pay(peerId)
  }

  /** The index server is (back) up: fetch what it holds for me, hear what it dropped, send everything queued. */
  indexUp (): void {
    void this.inbox.fetchRelayed()
    void this.expired.fetch()
    this.outbox.flushAll()
  }

  fetchRelayed (): Promise<void> {
    return this.inbox.fetchRelayed()
  }

  fetchExpiredNotes (): Promise<void> {
    return this.expired.fetch()
  }

  /** Sends the receipts owed to the peer if it is online (group posts' receipts wait in the same table). */
  payReceipts (peerId: string): void {
    this.receipts.payIfOnline(peerId)
  }

  markRead (peerId: string, ids?: string[]): number {
    return this.receipts.markRead(peerId, ids)
  }
}
