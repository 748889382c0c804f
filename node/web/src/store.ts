/**
 * The page's state and the one pure function that changes it. Everything the
 * daemon says (the first fetches, then each event from /api/events) and
 * everything the person does becomes an Action; `reduce` merges it, so events
 * and fetch answers may arrive in any order without showing a message twice
 * or moving a state backwards.
 */
import type { ChatMessage, Contact, DaemonEvent, DaemonStatus, MessageState, SendResult } from '../../types.js'

/** A message as shown: its daemon state, or "sending"/"failed" before the daemon answered. */
export type ShownState = MessageState | 'sending' | 'failed'
export type ShownMessage = Omit<ChatMessage, 'state'> & { state: ShownState, error?: string }

export interface Conversation {
  messages: ShownMessage[]
  /** the history was fetched at least once */
  loaded: boolean
  /** older messages exist before the first one shown */
  hasMore: boolean
}

/** starting: first connect; open: events flow; lost: the daemon went away (reconnecting); unauthorised: no valid session */
export type Link = 'starting' | 'open' | 'lost' | 'unauthorised'

export interface State {
  link: Link
  /** counts successful (re)connections, so views refetch what they show after the daemon comes back */
  epoch: number
  me: DaemonStatus | undefined
  contacts: Contact[]
  /** by name key (lower case: names are case-insensitive) */
  conversations: Record<string, Conversation>
  typing: Record<string, boolean>
  selected: string | undefined
  /** states announced for messages not shown yet (the event can beat the send's answer) */
  early: Record<string, MessageState>
  /** things the daemon says a person should know (a forged message dropped, a changed identity), until dismissed */
  warnings: string[]
}

export type Action =
  | { type: 'synced', me: DaemonStatus, contacts: Contact[] }
  | { type: 'unauthorised' }
  | { type: 'lost' }
  | { type: 'event', event: DaemonEvent }
  | { type: 'history', name: string, messages: ChatMessage[], older: boolean, hasMore: boolean }
  | { type: 'select', name: string | undefined }
  | { type: 'sending', message: ShownMessage }
  | { type: 'sent', localId: string, peer: string, result: SendResult }
  | { type: 'send-failed', localId: string, peer: string, error: string }
  | { type: 'read', name: string, ids: string[] | undefined }
  | { type: 'typing-expired', name: string }
  | { type: 'dismiss-warning', index: number }

export const initialState: State = {
  link: 'starting', epoch: 0, me: undefined, contacts: [], conversations: {}, typing: {}, selected: undefined, early: {}, warnings: []
}

/** Warnings kept on screen at once; older ones go first. */
const MAX_WARNINGS = 5

export function key (name: string): string {
  return name.toLowerCase()
}

/** How far a message got; a state never moves back to a lower rank. */
const RANK: Record<ShownState, number> = { failed: 0, sending: 0, queued: 1, received: 1, relayed: 2, delivered: 3, read: 4 }

export function peerOf (m: Pick<ChatMessage, 'direction' | 'from' | 'to'>): string {
  return m.direction === 'out' ? m.to : m.from
}

/** Online first, then by name: the order GET /api/contacts uses. */
export function sortContacts (contacts: Contact[]): Contact[] {
  return [...contacts].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name))
}

function order (a: ShownMessage, b: ShownMessage): number {
  return a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Adds or updates one message, keeping the list in time order and each state at its highest. */
function upsert (messages: ShownMessage[], m: ShownMessage): ShownMessage[] {
  const at = messages.findIndex(x => x.id === m.id)
  if (at >= 0) {
    const old = messages[at]
    const merged = { ...old, ...m, state: RANK[m.state] >= RANK[old.state] ? m.state : old.state }
    return messages.with(at, merged)
  }
  const next = [...messages, m]
  const last = messages.at(-1)
  return last !== undefined && order(last, m) > 0 ? next.sort(order) : next
}

function conversation (state: State, name: string): Conversation {
  return state.conversations[key(name)] ?? { messages: [], loaded: false, hasMore: false }
}

function withConversation (state: State, name: string, change: (c: Conversation) => Conversation): State {
  return { ...state, conversations: { ...state.conversations, [key(name)]: change(conversation(state, name)) } }
}

function withMessage (state: State, m: ShownMessage): State {
  const early = state.early[m.id]
  const shown = early !== undefined && RANK[early] > RANK[m.state] ? { ...m, state: early } : m
  const next = withConversation(state, peerOf(m), c => ({ ...c, messages: upsert(c.messages, shown) }))
  if (early === undefined) return next
  const { [m.id]: _gone, ...rest } = next.early
  return { ...next, early: rest }
}

function updateContact (state: State, name: string, change: (c: Contact) => Contact): State {
  return { ...state, contacts: state.contacts.map(c => key(c.name) === key(name) ? change(c) : c) }
}

function onEvent (state: State, event: DaemonEvent): State {
  switch (event.type) {
    case 'message': {
      const m = event.message
      let next = withMessage(state, m)
      if (m.direction === 'in') {
        const isNew = conversation(state, m.from).messages.every(x => x.id !== m.id)
        if (isNew && m.state === 'received') next = updateContact(next, m.from, c => ({ ...c, unread: c.unread + 1 }))
        next = { ...next, typing: { ...next.typing, [key(m.from)]: false } }
      }
      return next
    }
    case 'state': {
      const c = conversation(state, event.peer)
      if (c.messages.some(m => m.id === event.id)) {
        return withConversation(state, event.peer, conv => ({
          ...conv,
          messages: conv.messages.map(m => m.id === event.id && RANK[event.state] >= RANK[m.state] ? { ...m, state: event.state } : m)
        }))
      }
      return { ...state, early: { ...state.early, [event.id]: event.state } }
    }
    case 'presence': {
      const known = state.contacts.some(c => key(c.name) === key(event.contact.name))
      const contacts = known
        ? state.contacts.map(c => key(c.name) === key(event.contact.name) ? event.contact : c)
        : [...state.contacts, event.contact]
      return { ...state, contacts: sortContacts(contacts) }
    }
    case 'typing':
      return { ...state, typing: { ...state.typing, [key(event.name)]: event.on } }
    case 'status':
      return { ...state, me: event.status }
    case 'index':
      return state.me === undefined ? state : { ...state, me: { ...state.me, index: { ...state.me.index, connected: event.connected } } }
    case 'warning':
      return { ...state, warnings: [...state.warnings, event.text].slice(-MAX_WARNINGS) }
    default:
      // an event type this page does not know yet (a newer daemon): nothing to show
      return state
  }
}

export function reduce (state: State, action: Action): State {
  switch (action.type) {
    case 'synced':
      return { ...state, link: 'open', epoch: state.epoch + 1, me: action.me, contacts: sortContacts(action.contacts) }
    case 'unauthorised':
      return { ...initialState, link: 'unauthorised' }
    case 'lost':
      // typing flags would go stale while no events arrive
      return state.link === 'unauthorised' ? state : { ...state, link: 'lost', typing: {} }
    case 'event':
      return onEvent(state, action.event)
    case 'history': {
      let next = withConversation(state, action.name, c => ({
        ...c, loaded: true, hasMore: action.older || !c.loaded ? action.hasMore : c.hasMore
      }))
      for (const m of action.messages) next = withMessage(next, m)
      return next
    }
    case 'select':
      return { ...state, selected: action.name }
    case 'sending':
      return withMessage(state, action.message)
    case 'sent': {
      // the daemon's message event may have added the real id already: upsert merges the two
      const local = conversation(state, action.peer).messages.find(m => m.id === action.localId)
      if (local === undefined) return state
      const without = withConversation(state, action.peer, c => ({ ...c, messages: c.messages.filter(m => m.id !== action.localId) }))
      return withMessage(without, { ...local, id: action.result.id, state: action.result.state })
    }
    case 'send-failed':
      return withConversation(state, action.peer, c => ({
        ...c, messages: c.messages.map(m => m.id === action.localId ? { ...m, state: 'failed', error: action.error } : m)
      }))
    case 'read': {
      const ids = action.ids === undefined ? undefined : new Set(action.ids)
      const next = withConversation(state, action.name, c => ({
        ...c,
        messages: c.messages.map(m => m.direction === 'in' && m.state === 'received' && (ids === undefined || ids.has(m.id)) ? { ...m, state: 'read' } : m)
      }))
      return updateContact(next, action.name, c => ({ ...c, unread: ids === undefined ? 0 : Math.max(0, c.unread - ids.size) }))
    }
    case 'typing-expired':
      return { ...state, typing: { ...state.typing, [key(action.name)]: false } }
    case 'dismiss-warning':
      return { ...state, warnings: state.warnings.filter((_w, i) => i !== action.index) }
  }
}
