/**
 * How a stored message looks to local clients and on the wire: names as
 * shown now (a person's name can change, their PeerId cannot), the other
 * person's PeerId, and whether their name is verified.
 */
import type { DirectoryPort } from './ports.js'
import type { StoredMessage } from '../store/messages.js'
import type { SearchHit } from '../store/search.js'
import type { ChatMessage, SearchResult } from '../types.js'
import type { Message } from '../../protocols/chat/pb/chat.js'

/** The name a PeerId is shown under now, or `fallback` for someone no longer known. */
export function shownName (directory: DirectoryPort, peerId: string, fallback: string): string {
  const person = directory.byPeer(peerId)
  return person != null ? directory.show(person).name : fallback
}

export function toApi (directory: DirectoryPort, m: StoredMessage): ChatMessage {
  const person = directory.byPeer(m.peerId)
  const shown = person != null ? directory.show(person).name : (m.direction === 'in' ? m.from : m.to)
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

/** A search hit as local clients see it: its conversation and sender under the names shown now. */
export function hitToApi (directory: DirectoryPort, h: SearchHit): SearchResult {
  const conversation = shownName(directory, h.peerId, h.direction === 'in' ? h.fromName : h.toName)
  return {
    id: h.id,
    conversation,
    peerId: h.peerId,
    from: h.direction === 'in' ? conversation : h.fromName,
    direction: h.direction,
    sentAt: h.sentAt,
    body: h.body,
    snippet: h.snippet,
    matches: h.matches
  }
}

export function toWire (m: StoredMessage): Message {
  return { id: m.id, from: m.from, to: m.to, body: m.body, sentAt: m.sentAt, seq: m.seq, group: '', item: new Uint8Array() }
}
