/**
 * The page's state and the one pure function that changes it. Everything the
 * daemon says (the first fetches, then each event from /api/events) and
 * everything the person does becomes an Action; `reduce` merges it, so events
 * and fetch answers may arrive in any order without showing a message twice
 * or moving a state backwards.
 *
 * People, conversations and typing are keyed by PeerId, never by name: a
 * stranger who gives himself a colleague's name gets his own entry and his
 * own conversation, and the colleague's stay as they are.
 */
import type { ChatMessage, Contact, DaemonEvent, DaemonStatus, FileTransfer, GroupInfo, MessageState, SendResult } from '../../types.js'
import { initialGroups, onGroupEvent, reduceGroups } from './group-store.js'
import type { GroupAction, GroupsState } from './group-store.js'
import { RANK, upsert } from './states.js'
import type { ShownState } from './states.js'

export type { ShownState }
export type ShownMessage = Omit<ChatMessage, 'state'> & { state: ShownState, error?: string }

export interface Conversation {
  messages: ShownMessage[]
  /** the history was fetched at least once */
  loaded: boolean
  /** older messages exist before the first one shown */
  hasMore: boolean
}

/** A message to show: its conversation, its id, and the words that found it. */
export interface Focus {
  peer: string
  id: string
  words: string[]
}

/** starting: first connect; open: events flow; lost: the daemon went away (reconnecting); unauthorised: no valid session */
export type Link = 'starting' | 'open' | 'lost' | 'unauthorised'

/** Groups (GroupsState: the everyone room, my groups, their histories, my posts' progress) live beside people. */
export interface State extends GroupsState {
  link: Link
  /** counts successful (re)connections, so views refetch what they show after the daemon comes back */
  epoch: number
  me: DaemonStatus | undefined
  /** everyone the daemon knows, in all three lists (Contact.trust says which) */
  contacts: Contact[]
  /** by PeerId */
  conversations: Record<string, Conversation>
  /** by PeerId */
  typing: Record<string, boolean>
  /** the PeerId of the open conversation */
  selected: string | undefined
  /** a search hit to scroll to and highlight in the open conversation */
  focus: Focus | undefined
  /** states announced for messages not shown yet (the event can beat the send's answer) */
  early: Record<string, MessageState>
  /** things the daemon says a person should know (a forged message dropped, a changed identity), until dismissed */
  warnings: string[]
  /** file transfers both ways, by id */
  files: Record<string, FileTransfer>
}

export type Action =
  | { type: 'synced', me: DaemonStatus, contacts: Contact[], groups?: GroupInfo[] }
  | { type: 'unauthorised' }
  | { type: 'lost' }
  | { type: 'event', event: DaemonEvent }
  | { type: 'history', peer: string, messages: ChatMessage[], older: boolean, hasMore: boolean }
  | { type: 'select', peer: string | undefined }
  /** open a conversation at a search hit */
  | { type: 'focus', focus: Focus }
  | { type: 'sending', message: ShownMessage }
  | { type: 'sent', localId: string, peer: string, result: SendResult }
  | { type: 'send-failed', localId: string, peer: string, error: string }
  | { type: 'read', peer: string, ids: string[] | undefined }
  | { type: 'typing-expired', peer: string }
  /** the person blocked, unblocked someone (the daemon's answer) */
  | { type: 'contact', contact: Contact }
  | { type: 'dismiss-warning', index: number }
  /** the daemon's list of file transfers, or its answer to accept / reject / cancel */
  | { type: 'files', files: FileTransfer[] }
  | GroupAction

export const initialState: State = {
  link: 'starting', epoch: 0, me: undefined, contacts: [], conversations: {}, typing: {}, selected: undefined, focus: undefined, early: {}, warnings: [], files: {}, ...initialGroups
}

/** Warnings kept on screen at once; older ones go first. */
const MAX_WARNINGS = 5


/** Which list a person is in. */
export function listOf (c: Pick<Contact, 'trust'>): 'people' | 'requests' | 'blocked' {
  return c.trust === 'request' ? 'requests' : c.trust === 'blocked' ? 'blocked' : 'people'
}

/** Online first, then by name: the order GET /api/contacts uses. */
export function sortContacts (contacts: Contact[]): Contact[] {
  return [...contacts].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name))
}

function conversation (state: State, peer: string): Conversation {
  return state.conversations[peer] ?? { messages: [], loaded: false, hasMore: false }
}

function withConversation (state: State, peer: string, change: (c: Conversation) => Conversation): State {
  return { ...state, conversations: { ...state.conversations, [peer]: change(conversation(state, peer)) } }
}

function withMessage (state: State, m: ShownMessage): State {
  const early = state.early[m.id]
  const shown = early !== undefined && RANK[early] > RANK[m.state] ? { ...m, state: early } : m
  const next = withConversation(state, m.peerId, c => ({ ...c, messages: upsert(c.messages, shown) }))
  if (early === undefined) return next
  const { [m.id]: _gone, ...rest } = next.early
  return { ...next, early: rest }
}

function updateContact (state: State, peer: string, change: (c: Contact) => Contact): State {
  return { ...state, contacts: state.contacts.map(c => c.peerId === peer ? change(c) : c) }
}

/** Adds a person or replaces what we knew of them (same PeerId). */
function withContact (state: State, contact: Contact): State {
  const known = state.contacts.some(c => c.peerId === contact.peerId)
  const contacts = known ? state.contacts.map(c => c.peerId === contact.peerId ? contact : c) : [...state.contacts, contact]
  return { ...state, contacts: sortContacts(contacts) }
}

function onEvent (state: State, event: DaemonEvent): State {
  switch (event.type) {
    case 'message': {
      const m = event.message
      let next = withMessage(state, m)
      if (m.direction === 'in') {
        const isNew = conversation(state, m.peerId).messages.every(x => x.id !== m.id)
        if (isNew && m.state === 'received') next = updateContact(next, m.peerId, c => ({ ...c, unread: c.unread + 1 }))
        next = { ...next, typing: { ...next.typing, [m.peerId]: false } }
      }
      return next
    }
    case 'state': {
      const c = conversation(state, event.peerId)
      if (c.messages.some(m => m.id === event.id)) {
        return withConversation(state, event.peerId, conv => ({
          ...conv,
          messages: conv.messages.map(m => m.id === event.id && RANK[event.state] >= RANK[m.state]
            ? { ...m, state: event.state, ...(event.reason !== undefined ? { reason: event.reason } : {}) }
            : m)
        }))
      }
      return { ...state, early: { ...state.early, [event.id]: event.state } }
    }
    case 'presence':
      return withContact(state, event.contact)
    case 'forgotten': {
      const { [event.peerId]: _gone, ...conversations } = state.conversations
      return {
        ...state,
        contacts: state.contacts.filter(c => c.peerId !== event.peerId),
        conversations,
        selected: state.selected === event.peerId ? undefined : state.selected
      }
    }
    case 'typing':
      // typing in a group is the groups' (group-store.ts), not typing to me
      if (event.group !== undefined) return onGroupEvent(state, event) ?? state
      return { ...state, typing: { ...state.typing, [event.peerId]: event.on } }
    case 'status':
      return { ...state, me: event.status }
    case 'index':
      return state.me === undefined ? state : { ...state, me: { ...state.me, index: { ...state.me.index, connected: event.connected } } }
    case 'warning':
      return { ...state, warnings: [...state.warnings, event.text].slice(-MAX_WARNINGS) }
    case 'file':
      return withFiles(state, [event.transfer])
    case 'file-progress': {
      const t = state.files[event.id]
      if (t === undefined || t.state === 'done' || event.bytesDone < t.bytesDone) return state
      return { ...state, files: { ...state.files, [event.id]: { ...t, bytesDone: event.bytesDone, bytesPerSecond: event.bytesPerSecond } } }
    }
    default:
      // a group event, or one this page does not know yet (a newer daemon): nothing to show
      return onGroupEvent(state, event) ?? state
  }
}

/** Adds or replaces transfers (the daemon's word on each is the latest). */
function withFiles (state: State, files: FileTransfer[]): State {
  const next = { ...state.files }
  for (const t of files) {
    const old = next[t.id]
    next[t.id] = old !== undefined && old.updatedAt > t.updatedAt ? old : t
  }
  return { ...state, files: next }
}

export function reduce (state: State, action: Action): State {
  switch (action.type) {
    case 'synced': {
      const next: State = { ...state, link: 'open', epoch: state.epoch + 1, me: action.me, contacts: sortContacts(action.contacts) }
      return action.groups === undefined ? next : reduceGroups(next, { type: 'groups', groups: action.groups })
    }
    case 'unauthorised':
      return { ...initialState, link: 'unauthorised' }
    case 'lost':
      // typing flags would go stale while no events arrive
      return state.link === 'unauthorised' ? state : { ...state, link: 'lost', typing: {}, groupTyping: {} }
    case 'event':
      return onEvent(state, action.event)
    case 'history': {
      let next = withConversation(state, action.peer, c => ({
        ...c, loaded: true, hasMore: action.older || !c.loaded ? action.hasMore : c.hasMore
      }))
      for (const m of action.messages) next = withMessage(next, m)
      return next
    }
    case 'select':
      return { ...state, selected: action.peer, focus: undefined, group: undefined }
    case 'select-group':
      return { ...state, selected: undefined, focus: undefined, group: action.group }
    case 'focus':
      return { ...state, selected: action.focus.peer, focus: action.focus, group: undefined }
    case 'contact':
      return withContact(state, action.contact)
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
      const next = withConversation(state, action.peer, c => ({
        ...c,
        messages: c.messages.map(m => m.direction === 'in' && m.state === 'received' && (ids === undefined || ids.has(m.id)) ? { ...m, state: 'read' } : m)
      }))
      return updateContact(next, action.peer, c => ({ ...c, unread: ids === undefined ? 0 : Math.max(0, c.unread - ids.size) }))
    }
    case 'typing-expired':
      return { ...state, typing: { ...state.typing, [action.peer]: false } }
    case 'dismiss-warning':
      return { ...state, warnings: state.warnings.filter((_w, i) => i !== action.index) }
    case 'files':
      return withFiles(state, action.files)
    default:
      return reduceGroups(state, action)
  }
}
