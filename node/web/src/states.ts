/** Message states as the page shows them, and how far each one got (shared by people's and groups' conversations). */
import type { MessageState } from '../../types.js'

/** A message as shown: its daemon state, or "sending"/"failed" before the daemon answered. */
export type ShownState = MessageState | 'sending' | 'failed'

/** How far a message got; a state never moves back to a lower rank. */
export const RANK: Record<ShownState, number> = { failed: 0, sending: 0, queued: 1, received: 1, relayed: 2, expired: 3, delivered: 4, read: 5 }

/** A state in words, as shown beside my message ('' for one I received). */
export const STATE_LABEL: Record<ShownState, string> = {
  sending: 'sending…', failed: 'not sent', queued: 'queued', relayed: 'relayed', expired: 'expired', delivered: 'delivered', read: 'read', received: ''
}
