/**
 * The index server's feature modules talk through one typed event emitter,
 * the way Prosody modules do: login, heartbeat, relay and the admin watcher
 * ask the directory to end sessions; the directory announces who came and went.
 */
import { EventEmitter } from 'node:events'
import type { LeftReason } from '../protocols/directory/pb/directory.js'

export interface IndexEvents {
  /** a session became active (after Hello and the snapshot) */
  'user:online': [{ peerId: string, name: string }]
  /** a session ended, for the given reason */
  'user:offline': [{ peerId: string, name: string, reason: LeftReason }]
  /** a module asks the directory to end this peer's session */
  'session:end': [{ peerId: string, reason: LeftReason }]
  /** an envelope was stored for this recipient */
  'relay:stored': [{ recipientPeerId: string }]
  /** the relay dropped envelopes of these senders (notes wait for them) */
  'relay:expired': [{ senders: string[] }]
}

export type IndexEmitter = EventEmitter<IndexEvents>

export function createEmitter (): IndexEmitter {
  const emitter = new EventEmitter<IndexEvents>()
  emitter.setMaxListeners(50)
  return emitter
}
