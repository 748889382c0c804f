/**
 * The page's groups: the list (everyone room first, as GET /api/groups
 * gives it), each group's posts, and where each of my posts got member by
 * member. One pure function changes it, like store.ts: events and fetch
 * answers may arrive in any order without a post shown twice or a state
 * moving backwards.
 *
 * @example
 * ```ts
 * let groups = reduceGroups(initialGroups, { type: 'groups', groups: await api.groups() })
 * groups = reduceGroups(groups, { type: 'event', event })
 * ```
 */
import type { DaemonEvent, GroupInfo, GroupMessage, GroupProgress, GroupSendResult } from '../../types.js'
import type { ShownState } from './store.js'

/** Where one of my posts got: how many members, how many have it, how many read it, and who. */
export type PostProgress = Pick<GroupProgress, 'members' | 'delivered' | 'read'> & { perMember: GroupProgress['perMember'] }

export type ShownPost = Omit<GroupMessage, 'state'> & { state: ShownState, progress?: PostProgress, error?: string }

export interface GroupThread {
  posts: ShownPost[]
  /** the history was fetched at least once */
  loaded: boolean
}

export interface GroupsState {
  groups: GroupInfo[]
  /** by group id */
  threads: Record<string, GroupThread>
  /** progress announced for posts not shown yet (the event can beat the send's answer) */
  early: Record<string, GroupProgress>
  /** by group id: who is typing there (PeerId -> shown name) */
  typing: Record<string, Record<string, string>>
}

export type GroupAction =
  | { type: 'groups', groups: GroupInfo[] }
  | { type: 'group-history', groupId: string, posts: GroupMessage[] }
  | { type: 'group-sending', post: ShownPost }
  | { type: 'group-sent', localId: string, groupId: string, result: GroupSendResult }
  | { type: 'group-send-failed', localId: string, groupId: string, error: string }
  /** I read every post of the group (it is on screen) */
  | { type: 'group-read', groupId: string }
  | { type: 'event', event: DaemonEvent }

export const initialGroups: GroupsState = { groups: [], threads: {}, early: {}, typing: {} }

const RANK: Record<ShownState, number> = { failed: 0, sending: 0, queued: 1, received: 1, relayed: 2, expired: 3, delivered: 4, read: 5 }

function thread (state: GroupsState, id: string): GroupThread {
  return state.threads[id] ?? { posts: [], loaded: false }
}

function order (a: ShownPost, b: ShownPost): number {
  return a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function withPost (state: GroupsState, p: ShownPost): GroupsState {
  const early = state.early[p.id]
  const post = early !== undefined ? applyProgress(p, early) : p
  const t = thread(state, p.groupId)
  const at = t.posts.findIndex(x => x.id === p.id)
  let posts: ShownPost[]
  if (at >= 0) {
    const old = t.posts[at]
    posts = t.posts.with(at, { ...old, ...post, state: RANK[post.state] >= RANK[old.state] ? post.state : old.state, progress: post.progress ?? old.progress })
  } else {
    posts = [...t.posts, post].sort(order)
  }
  const { [p.id]: _gone, ...rest } = state.early
  return { ...state, threads: { ...state.threads, [p.groupId]: { ...t, posts } }, early: early !== undefined ? rest : state.early }
}

function applyProgress (p: ShownPost, progress: GroupProgress): ShownPost {
  const state = RANK[progress.state] >= RANK[p.state] ? progress.state : p.state
  return { ...p, state, progress: { members: progress.members, delivered: progress.delivered, read: progress.read, perMember: progress.perMember } }
}

function withGroup (state: GroupsState, g: GroupInfo): GroupsState {
  const known = state.groups.some(x => x.id === g.id)
  const groups = !g.member
    ? state.groups.filter(x => x.id !== g.id)
    : known ? state.groups.map(x => x.id === g.id ? { ...g, unread: x.unread } : x) : [...state.groups, g]
  return { ...state, groups }
}

function onEvent (state: GroupsState, event: DaemonEvent): GroupsState {
  switch (event.type) {
    case 'group':
      return withGroup(state, event.group)
    case 'typing': {
      if (event.group === undefined) return state
      const { [event.peerId]: _was, ...others } = state.typing[event.group] ?? {}
      return { ...state, typing: { ...state.typing, [event.group]: event.on ? { ...others, [event.peerId]: event.name } : others } }
    }
    case 'group-message': {
      const m = event.message
      const isNew = thread(state, m.groupId).posts.every(x => x.id !== m.id)
      const { [m.peerId]: _typed, ...stillTyping } = state.typing[m.groupId] ?? {}
      const next = { ...withPost(state, m), ...(m.direction === 'in' ? { typing: { ...state.typing, [m.groupId]: stillTyping } } : {}) }
      if (m.direction !== 'in' || !isNew || m.state !== 'received') return next
      return { ...next, groups: next.groups.map(g => g.id === m.groupId ? { ...g, unread: g.unread + 1 } : g) }
    }
    case 'group-state': {
      const p = event.progress
      const t = thread(state, p.groupId)
      const at = t.posts.findIndex(x => x.id === p.id)
      if (at < 0) return { ...state, early: { ...state.early, [p.id]: p } }
      return { ...state, threads: { ...state.threads, [p.groupId]: { ...t, posts: t.posts.with(at, applyProgress(t.posts[at], p)) } } }
    }
    default:
      return state
  }
}

export function reduceGroups (state: GroupsState, action: GroupAction): GroupsState {
  switch (action.type) {
    case 'groups':
      return { ...state, groups: action.groups }
    case 'group-history': {
      let next: GroupsState = { ...state, threads: { ...state.threads, [action.groupId]: { ...thread(state, action.groupId), loaded: true } } }
      for (const p of action.posts) next = withPost(next, p)
      return next
    }
    case 'group-sending':
      return withPost(state, action.post)
    case 'group-sent': {
      const t = thread(state, action.groupId)
      const local = t.posts.find(p => p.id === action.localId)
      if (local === undefined) return state
      const without = { ...state, threads: { ...state.threads, [action.groupId]: { ...t, posts: t.posts.filter(p => p.id !== action.localId) } } }
      const { id, state: sent, members, delivered } = action.result
      return withPost(without, { ...local, id, state: sent, progress: { members, delivered, read: 0, perMember: [] } })
    }
    case 'group-send-failed': {
      const t = thread(state, action.groupId)
      return { ...state, threads: { ...state.threads, [action.groupId]: { ...t, posts: t.posts.map(p => p.id === action.localId ? { ...p, state: 'failed', error: action.error } : p) } } }
    }
    case 'group-read': {
      const t = thread(state, action.groupId)
      return {
        ...state,
        groups: state.groups.map(g => g.id === action.groupId ? { ...g, unread: 0 } : g),
        threads: { ...state.threads, [action.groupId]: { ...t, posts: t.posts.map(p => p.direction === 'in' && p.state === 'received' ? { ...p, state: 'read' } : p) } }
      }
    }
    case 'event':
      return onEvent(state, action.event)
  }
}

/** "delivered to 3 of 4 · read by 1", or the state in words. */
export function progressLabel (p: ShownPost): string {
  const pr = p.progress
  if (pr === undefined || pr.members === 0 || p.state === 'sending' || p.state === 'failed') return p.state === 'sending' ? 'sending…' : p.state === 'failed' ? 'not sent' : p.state
  if (pr.read === pr.members) return `read by all ${pr.members}`
  const delivered = pr.delivered === pr.members ? `delivered to all ${pr.members}` : `delivered to ${pr.delivered} of ${pr.members}`
  return pr.read > 0 ? `${delivered} · read by ${pr.read}` : delivered
}
