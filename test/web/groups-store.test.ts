/**
 * The web client's groups, without a browser: the list from the daemon,
 * posts shown once whatever order events and fetches arrive in, unread
 * counts, and my post's progress member by member, also when the progress
 * event beats the send's answer.
 */
import { describe, expect, it } from 'vitest'
import type { DaemonStatus, GroupInfo, GroupMessage, GroupProgress } from '../../node/types.js'
import { progressLabel } from '../../node/web/src/groups-store.js'
import { initialState, reduce } from '../../node/web/src/store.js'
import type { Action, State } from '../../node/web/src/store.js'

const me: DaemonStatus = {
  name: 'alice', peerId: 'p-alice', status: 'online', statusText: '', listen: [],
  index: { address: '127.0.0.1:47470', connected: true, peerId: 'p-index' }, queued: 0, version: '0.1.0'
}
const everyone: GroupInfo = { id: 'everyone', name: 'everyone', members: ['alice', 'bob', 'carol'], admins: [], version: 0, memberPeerIds: [], adminPeerIds: [], member: true, unread: 0 }
const lunch: GroupInfo = { id: 'g1', name: 'lunch', members: ['alice', 'bob', 'carol'], admins: ['alice'], version: 1, memberPeerIds: [], adminPeerIds: [], member: true, unread: 0 }

function run (...actions: Action[]): State {
  return actions.reduce(reduce, reduce(reduce(initialState, { type: 'synced', me, contacts: [] }), { type: 'groups', groups: [everyone, lunch] }))
}

function post (id: string, body: string, over: Partial<GroupMessage> = {}): GroupMessage {
  return { id, from: 'bob', group: 'lunch', groupId: 'g1', body, sentAt: 1000, state: 'received', direction: 'in', peerId: 'p-bob', receivedAt: 1000, ...over }
}

function progress (id: string, over: Partial<GroupProgress> = {}): GroupProgress {
  return { id, group: 'lunch', groupId: 'g1', state: 'relayed', members: 2, delivered: 1, read: 0, perMember: [{ name: 'bob', peerId: 'p-bob', state: 'delivered' }, { name: 'carol', peerId: 'p-carol', state: 'relayed' }], ...over }
}

describe('groups in the page state', () => {
  it('a post arriving by event and by history shows once, and counts once as unread', () => {
    const p = post('b1', 'noon?')
    const state = run(
      { type: 'event', event: { type: 'group-message', message: p } },
      { type: 'group-history', groupId: 'g1', posts: [p] },
      { type: 'event', event: { type: 'group-message', message: p } }
    )
    expect(state.groups.threads.g1.posts.map(x => x.body)).toEqual(['noon?'])
    expect(state.groups.groups.find(g => g.id === 'g1')?.unread).toBe(1)
    const read = reduce(state, { type: 'group-read', groupId: 'g1' })
    expect(read.groups.groups.find(g => g.id === 'g1')?.unread).toBe(0)
    expect(read.groups.threads.g1.posts[0].state).toBe('read')
  })

  it('my post: sending, then the answer, then progress (also when progress comes first); never backwards', () => {
    const sending: Action = { type: 'group-sending', post: { id: 'local-1', from: 'alice', group: 'lunch', groupId: 'g1', body: 'yes', sentAt: 2000, state: 'sending', direction: 'out', peerId: 'p-alice', receivedAt: 2000 } }
    const early = run(sending, { type: 'event', event: { type: 'group-state', progress: progress('m1', { state: 'delivered', delivered: 2 }) } },
      { type: 'group-sent', localId: 'local-1', groupId: 'g1', result: { id: 'm1', state: 'relayed', members: 2, delivered: 1 } })
    const shown = early.groups.threads.g1.posts
    expect(shown.map(p => [p.id, p.state])).toEqual([['m1', 'delivered']])
    expect(progressLabel(shown[0])).toBe('delivered to all 2')
    const later = reduce(early, { type: 'event', event: { type: 'group-state', progress: progress('m1', { state: 'read', delivered: 2, read: 1 }) } })
    expect(progressLabel(later.groups.threads.g1.posts[0])).toBe('delivered to all 2 · read by 1')
    const normal = run(sending, { type: 'group-sent', localId: 'local-1', groupId: 'g1', result: { id: 'm1', state: 'relayed', members: 2, delivered: 1 } })
    expect(progressLabel(normal.groups.threads.g1.posts[0])).toBe('delivered to 1 of 2')
  })

  it('a group I left leaves the list; a new one joins it; opening a group closes the open person', () => {
    let state = run({ type: 'select', peer: 'p-bob' })
    state = reduce(state, { type: 'event', event: { type: 'group', group: { ...lunch, member: false } } })
    expect(state.groups.groups.map(g => g.name)).toEqual(['everyone'])
    state = reduce(state, { type: 'event', event: { type: 'group', group: { ...lunch, id: 'g2', name: 'coffee' } } })
    expect(state.groups.groups.map(g => g.name)).toEqual(['everyone', 'coffee'])
    state = reduce(state, { type: 'select-group', groupId: 'g2' })
    expect([state.selected, state.selectedGroup]).toEqual([undefined, 'g2'])
  })

  it('typing in a group shows in that group only, not in the 1:1 conversation, and ends with the post', () => {
    let state = run({ type: 'event', event: { type: 'typing', name: 'bob', peerId: 'p-bob', verified: true, on: true, group: 'g1' } })
    expect(state.groups.typing.g1).toEqual({ 'p-bob': 'bob' })
    expect(state.typing['p-bob']).toBeUndefined()
    state = reduce(state, { type: 'event', event: { type: 'group-message', message: post('b9', 'here') } })
    expect(state.groups.typing.g1).toEqual({})
  })
})
