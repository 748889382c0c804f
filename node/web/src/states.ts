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

interface Ordered { id: string, sentAt: number, state: ShownState }

function order (a: Ordered, b: Ordered): number {
  return a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Adds or updates one message of a conversation (a person's or a group's), keeping the list in time order and each state at its highest. */
export function upsert<M extends Ordered> (messages: M[], m: M): M[] {
  const at = messages.findIndex(x => x.id === m.id)
  if (at >= 0) {
    const old = messages[at]
    return messages.with(at, { ...old, ...m, state: RANK[m.state] >= RANK[old.state] ? m.state : old.state })
  }
  const next = [...messages, m]
  const last = messages.at(-1)
  return last !== undefined && order(last, m) > 0 ? next.sort(order) : next
}
