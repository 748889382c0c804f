/**
 * The chat service (/lanchat/chat/1.0.0): direct messages between two peers
 * on one long-lived stream per peer pair ("channel"), opened lazily on the
 * first send and reused for every frame (message, ack, read receipt, typing)
 * in both directions. The receiver stores a message before it acks; `send()`
 * resolves with the status of that ack.
 *
 * @example
 * ```ts
 * const node = await createLibp2p({ ..., services: { chat: chat() } })
 * node.services.chat.setHandlers({
 *   onMessage: (peer, message) => store(peer, message) ? AckStatus.STORED : AckStatus.STORAGE_FAILED,
 *   onAck: (peer, ack) => { markDelivered(ack.id) },
 *   onReceipt: (peer, ids) => { markRead(ids) },
 *   onTyping: (peer, on) => { showTyping(peer, on) },
 *   onChannel: (peer) => { flushReceipts(peer) }
 * })
 * const status = await node.services.chat.send(bob, { id: uuidv7(), from: 'alice', to: 'bob', body: 'hi', sentAt: Date.now(), seq: 1, group: '' })
 * ```
 */
import { Chat } from './chat.js'
import type { ChatInit, ChatComponents, ChatService } from './types.js'

export * from './errors.js'
export type * from './types.js'

/** The chat service factory, for `createLibp2p({ services: { chat: chat() } })`. */
export function chat (init: ChatInit = {}): (components: ChatComponents) => ChatService {
  return (components) => new Chat(components, init)
}
