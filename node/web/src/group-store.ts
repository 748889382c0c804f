/**
 * The groups part of the page's state: the everyone room and my groups (by
 * id, never by name: names come from the network and two may be alike),
 * each group's history, and the per-member progress of my posts. Like the
 * people part, it merges events and fetch answers in any order: a post shows
 * once, a state only moves forward, and progress that beats the send's answer
 * is kept until the post shows.
 */
import type { GroupInfo, GroupMessage, GroupProgress, GroupSendResult } from '../../types.js'
import { RANK, STATE_LABEL, upsert } from './states.js'
import type { ShownState } from './states.js'

export type ShownGroupMessage = Omit<GroupMessage, 'state'> & { state: ShownState, error?: string }

export interface GroupConversation {
  messages: ShownGroupMessage[]
  loaded: boolean
  hasMore: boolean
}

export interface GroupsState {
  /** the everyone room first, then my groups by name; a group I left stays here (member false) but is listed only while open */
  groups: GroupInfo[]
  /** by group id */
  groupChats: Record<string, GroupConversation>
  /** per-member progress of my posts, by post id (from group-state events) */
  progress: Record<string, GroupProgress>
  /** the id of the open group */
  group: string | undefined
  /** by group id: who is typing there (PeerId -> shown name) */
  groupTyping: Record<string, Record<string, string>>
}

export type GroupAction =
  | { type: 'groups', groups: GroupInfo[] }
  /** the daemon's answer to a change (create, add, rename, leave...) */
  | { type: 'group-info', group: GroupInfo }
  | { type: 'group-history', group: string, messages: GroupMessage[], older: boolean, hasMore: boolean }
  | { type: 'select-group', group: string | undefined }
  | { type: 'group-sending', message: ShownGroupMessage }
  | { type: 'group-sent', localId: string, group: string, result: GroupSendResult }
  | { type: 'group-send-failed', localId: string, group: string, error: string }
  | { type: 'group-read', group: string, ids: string[] | undefined }
  /** a typing flag in a group got no update for a while (the typer may have closed the window) */
  | { type: 'group-typing-expired', group: string, peer: string }

export const initialGroups: GroupsState = { groups: [], groupChats: {}, progress: {}, group: undefined, groupTyping: {} }

export const EVERYONE = 'everyone'

/** The everyone room first, then by name (then id: two groups may share a name). */
export function sortGroups (groups: GroupInfo[]): GroupInfo[] {
  const key = (g: GroupInfo): number => g.id === EVERYONE ? 0 : 1
  return [...groups].sort((a, b) => key(a) - key(b) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function chat (state: GroupsState, group: string): GroupConversation {
  return state.groupChats[group] ?? { messages: [], loaded: false, hasMore: false }
}

function withChat<S extends GroupsState> (state: S, group: string, change: (c: GroupConversation) => GroupConversation): S {
  return { ...state, groupChats: { ...state.groupChats, [group]: change(chat(state, group)) } }
}

/** Adds or updates a post; a state already announced by progress is not lost. */
function withPost<S extends GroupsState> (given: S, m: ShownGroupMessage): S {
  // a post from a history brings its per-member progress (newer than what is known, or nothing)
  const state = m.progress !== undefined && newer(given.progress[m.id], m.progress) ? { ...given, progress: { ...given.progress, [m.id]: m.progress } } : given
  const known = state.progress[m.id]
  const shown = known !== undefined && RANK[known.state] > RANK[m.state] ? { ...m, state: known.state } : m
  return withChat(state, m.groupId, c => ({ ...c, messages: upsert(c.messages, shown) }))
}

function updateGroup<S extends GroupsState> (state: S, id: string, change: (g: GroupInfo) => GroupInfo): S {
  return { ...state, groups: state.groups.map(g => g.id === id ? change(g) : g) }
}

function withGroup<S extends GroupsState> (state: S, group: GroupInfo): S {
  const known = state.groups.some(g => g.id === group.id)
  return { ...state, groups: sortGroups(known ? state.groups.map(g => g.id === group.id ? group : g) : [...state.groups, group]) }
}

/** `peer` types in `group` (on) or no longer does. */
function withTyping<S extends GroupsState> (state: S, group: string, peer: string, name: string | undefined): S {
  const typers = state.groupTyping[group] ?? {}
  if (name === undefined && !(peer in typers)) return state
  const { [peer]: _was, ...others } = typers
  return { ...state, groupTyping: { ...state.groupTyping, [group]: name === undefined ? others : { ...others, [peer]: name } } }
}

/** A progress never goes back: fewer delivered or read than known is an older event. */
function newer (old: GroupProgress | undefined, p: GroupProgress): boolean {
  return old === undefined || RANK[p.state] > RANK[old.state] || p.delivered + p.read >= old.delivered + old.read
}

/** The daemon's group events; undefined for any other event. */
export function onGroupEvent<S extends GroupsState> (state: S, event: { type: string }): S | undefined {
  const e = event as { type: 'group', group: GroupInfo } | { type: 'group-message', message: GroupMessage } | { type: 'group-state', progress: GroupProgress }
    | { type: 'typing', name: string, peerId: string, on: boolean, group?: string }
  switch (e.type) {
    case 'typing':
      // typing to me (no group) is the people part's
      return e.group === undefined ? undefined : withTyping(state, e.group, e.peerId, e.on ? e.name : undefined)
    case 'group':
      // the unread count is ours to keep: the record's change says nothing about reading
      return withGroup(state, { ...e.group, unread: state.groups.find(g => g.id === e.group.id)?.unread ?? e.group.unread })
    case 'group-message': {
      const m = e.message
      const isNew = chat(state, m.groupId).messages.every(x => x.id !== m.id)
      // a post ends its sender's typing there
      const next = withTyping(withPost(state, m), m.groupId, m.peerId, undefined)
      return m.direction === 'in' && isNew && m.state === 'received' ? updateGroup(next, m.groupId, g => ({ ...g, unread: g.unread + 1 })) : next
    }
    case 'group-state': {
      const p = e.progress
      if (!newer(state.progress[p.id], p)) return state
      const next = { ...state, progress: { ...state.progress, [p.id]: p } }
      return withChat(next, p.groupId, c => ({
        ...c, messages: c.messages.map(m => m.id === p.id && RANK[p.state] >= RANK[m.state] ? { ...m, state: p.state } : m)
      }))
    }
    default:
      return undefined
  }
}

export function reduceGroups<S extends GroupsState> (state: S, action: GroupAction): S {
  switch (action.type) {
    case 'groups': {
      // a group I left is kept (its history stays); unread counts come from the daemon
      const fresh = new Set(action.groups.map(g => g.id))
      return { ...state, groups: sortGroups([...action.groups, ...state.groups.filter(g => !fresh.has(g.id) && !g.member)]) }
    }
    case 'group-info':
      return withGroup(state, { ...action.group, unread: state.groups.find(g => g.id === action.group.id)?.unread ?? action.group.unread })
    case 'group-history': {
      let next = withChat(state, action.group, c => ({ ...c, loaded: true, hasMore: action.older || !c.loaded ? action.hasMore : c.hasMore }))
      for (const m of action.messages) next = withPost(next, m)
      return next
    }
    case 'select-group':
      return { ...state, group: action.group }
    case 'group-sending':
      return withPost(state, action.message)
    case 'group-sent': {
      const local = chat(state, action.group).messages.find(m => m.id === action.localId)
      if (local === undefined) return state
      const without = withChat(state, action.group, c => ({ ...c, messages: c.messages.filter(m => m.id !== action.localId) }))
      const { id, state: sent, members, delivered } = action.result
      // until the first group-state event, the answer says how far it got ("delivered to 1 of 2")
      const known = state.progress[id] !== undefined ? without : {
        ...without, progress: { ...without.progress, [id]: { id, group: local.group, groupId: local.groupId, state: sent, members, delivered, read: 0, perMember: [] } }
      }
      return withPost(known, { ...local, id, state: sent })
    }
    case 'group-send-failed':
      return withChat(state, action.group, c => ({
        ...c, messages: c.messages.map(m => m.id === action.localId ? { ...m, state: 'failed', error: action.error } : m)
      }))
    case 'group-read': {
      const ids = action.ids === undefined ? undefined : new Set(action.ids)
      const next = withChat(state, action.group, c => ({
        ...c, messages: c.messages.map(m => m.direction === 'in' && m.state === 'received' && (ids === undefined || ids.has(m.id)) ? { ...m, state: 'read' } : m)
      }))
      return updateGroup(next, action.group, g => ({ ...g, unread: ids === undefined ? 0 : Math.max(0, g.unread - ids.size) }))
    }
    case 'group-typing-expired':
      return withTyping(state, action.group, action.peer, undefined)
  }
}

/** How far my post got: "delivered to 2 of 3, read by 1", "delivered to all 3", "read by all 3". */
export function progressLine (p: GroupProgress): string {
  if (p.members === 0) return STATE_LABEL[p.state]
  if (p.read >= p.members) return p.members === 1 ? 'read' : `read by all ${p.members}`
  const delivered = p.delivered >= p.members ? (p.members === 1 ? 'delivered' : `delivered to all ${p.members}`) : `delivered to ${p.delivered} of ${p.members}`
  return `${delivered}${p.read > 0 ? `, read by ${p.read}` : ''}`
}
