/**
 * The web client's groups, without a browser: the everyone room first, a
 * post shown once whatever order events and fetches arrive in, unread counts,
 * my post's progress member by member (also when the progress event beats
 * the send's answer) and in words, and who types in which group.
 */
import { describe, expect, it } from 'vitest'
import type { Contact, DaemonStatus, GroupInfo, GroupMessage, GroupProgress } from '../../node/types.js'
import { progressLine } from '../../node/web/src/group-store.js'
import { initialState, reduce } from '../../node/web/src/store.js'
import type { Action, State } from '../../node/web/src/store.js'

const me: DaemonStatus = {
  name: 'alice', peerId: 'p-alice', status: 'online', statusText: '', listen: [],
  index: { address: '127.0.0.1:47470', connected: true, peerId: 'p-index' }, queued: 0, version: '0.1.0'
}
const bob: Contact = { name: 'bob', peerId: 'p-bob', online: true, status: 'online', statusText: '', verified: true, trust: 'verified', claimedName: 'bob', lastSeen: 1, unread: 0 }
const dave: Contact = { ...bob, name: 'dave', peerId: 'p-dave', online: false, status: 'offline' }

const everyone: GroupInfo = {
  id: 'everyone', name: 'everyone', members: ['alice', 'bob', 'dave'], admins: [], version: 0,
  memberPeerIds: ['p-alice', 'p-bob', 'p-dave'], adminPeerIds: [], member: true, unread: 0
}
const lunch: GroupInfo = {
  id: 'g-lunch', name: 'lunch', members: ['alice', 'bob', 'dave'], admins: ['alice'], version: 1,
  memberPeerIds: ['p-alice', 'p-bob', 'p-dave'], adminPeerIds: ['p-alice'], member: true, unread: 0
}
const book: GroupInfo = { ...lunch, id: 'g-book', name: 'book club', unread: 2 }

function post (id: string, body: string, sentAt = 1000, from = 'bob'): GroupMessage {
  return { id, from, group: 'lunch', groupId: 'g-lunch', body, sentAt, state: 'received', direction: 'in', peerId: `p-${from}`, receivedAt: sentAt }
}

function progress (id: string, delivered: number, read: number, state: GroupProgress['state'] = 'relayed'): GroupProgress {
  const at = (n: number): 'read' | 'delivered' | 'relayed' => n < read ? 'read' : n < delivered ? 'delivered' : 'relayed'
  return {
    id, group: 'lunch', groupId: 'g-lunch', state, members: 2, delivered, read,
    perMember: [{ name: 'bob', peerId: 'p-bob', state: at(0) }, { name: 'dave', peerId: 'p-dave', state: at(1) }]
  }
}

function withGroups (...actions: Action[]): State {
  return actions.reduce(reduce, reduce(initialState, { type: 'synced', me, contacts: [dave, bob], groups: [lunch, book, everyone] }))
}

describe('the groups in the page state', () => {
  it('lists the everyone room first, then groups by name; a new group from an event joins in its place', () => {
    let state = withGroups()
    expect(state.groups.map(g => g.name)).toEqual(['everyone', 'book club', 'lunch'])
    state = reduce(state, { type: 'event', event: { type: 'group', group: { ...lunch, id: 'g-art', name: 'art' } } })
    expect(state.groups.map(g => g.id)).toEqual(['everyone', 'g-art', 'g-book', 'g-lunch'])
  })

  it('shows a post once, counts it unread once, and marking read lowers the count', () => {
    const m = post('p1', 'noon?')
    let state = withGroups(
      { type: 'event', event: { type: 'group-message', message: m } },
      { type: 'event', event: { type: 'group-message', message: m } },
      { type: 'event', event: { type: 'group-message', message: post('p2', 'pizza', 1001, 'dave') } },
      { type: 'group-history', group: 'g-lunch', messages: [m], older: false, hasMore: false }
    )
    expect(state.groupChats['g-lunch'].messages.map(x => `${x.from}:${x.body}`)).toEqual(['bob:noon?', 'dave:pizza'])
    expect(state.groups.find(g => g.id === 'g-lunch')?.unread).toBe(2)
    state = reduce(state, { type: 'group-read', group: 'g-lunch', ids: ['p1'] })
    expect(state.groupChats['g-lunch'].messages.map(x => x.state)).toEqual(['read', 'received'])
    expect(state.groups.find(g => g.id === 'g-lunch')?.unread).toBe(1)
    // a record change (a rename) keeps the count the page knows
    state = reduce(state, { type: 'event', event: { type: 'group', group: { ...lunch, name: 'lunch!', version: 2 } } })
    expect(state.groups.find(g => g.id === 'g-lunch')).toMatchObject({ name: 'lunch!', unread: 1 })
  })

  it('keeps my post once whichever comes first, with per-member progress that only moves forward', () => {
    const local = { ...post('local-1', 'noon?', 2000, 'alice'), state: 'sending' as const, direction: 'out' as const, peerId: 'p-alice' }
    const state = withGroups(
      { type: 'group-sending', message: local },
      { type: 'event', event: { type: 'group-state', progress: progress('u1', 2, 1, 'delivered') } },
      { type: 'event', event: { type: 'group-message', message: { ...local, id: 'u1', state: 'relayed' } } },
      { type: 'group-sent', localId: 'local-1', group: 'g-lunch', result: { id: 'u1', state: 'relayed', members: 2, delivered: 1 } },
      { type: 'event', event: { type: 'group-state', progress: progress('u1', 1, 0) } }
    )
    expect(state.groupChats['g-lunch'].messages.map(x => `${x.id}:${x.state}`)).toEqual(['u1:delivered'])
    expect(state.progress.u1).toMatchObject({ delivered: 2, read: 1 })
    expect(state.progress.u1.perMember.map(x => x.state)).toEqual(['read', 'delivered'])
    const failed = withGroups({ type: 'group-sending', message: local }, { type: 'group-send-failed', localId: 'local-1', group: 'g-lunch', error: 'not a member' })
    expect(failed.groupChats['g-lunch'].messages[0]).toMatchObject({ state: 'failed', error: 'not a member' })
  })

  it('a page opened later gets my post\'s progress member by member with the history; an older event does not undo it', () => {
    const mine = { ...post('u2', 'lunch at one?', 3000, 'alice'), state: 'delivered' as const, direction: 'out' as const, peerId: 'p-alice', progress: progress('u2', 2, 1, 'delivered') }
    const state = withGroups(
      { type: 'group-history', group: 'g-lunch', messages: [mine], older: false, hasMore: false },
      { type: 'event', event: { type: 'group-state', progress: progress('u2', 1, 0) } }
    )
    expect(state.progress.u2.perMember.map(x => [x.name, x.state])).toEqual([['bob', 'read'], ['dave', 'delivered']])
    expect(progressLine(state.progress.u2)).toBe('delivered to all 2, read by 1')
  })

  it('opening a group closes the conversation with a person, and back; a group I left stays after a resync', () => {
    let state = withGroups({ type: 'select', peer: 'p-bob' }, { type: 'select-group', group: 'g-lunch' })
    expect([state.selected, state.group]).toEqual([undefined, 'g-lunch'])
    state = reduce(state, { type: 'group-info', group: { ...lunch, member: false } })
    state = reduce(state, { type: 'synced', me, contacts: [bob], groups: [everyone, book] })
    expect(state.groups.map(g => `${g.id}:${String(g.member)}`)).toEqual(['everyone:true', 'g-book:true', 'g-lunch:false'])
    state = reduce(state, { type: 'select', peer: 'p-bob' })
    expect([state.selected, state.group]).toEqual(['p-bob', undefined])
  })

  it('marking the whole group read (no ids) reads every post and clears its count', () => {
    const m = post('p1', 'noon?')
    const state = withGroups(
      { type: 'event', event: { type: 'group-message', message: m } },
      { type: 'group-history', group: 'g-lunch', messages: [m, post('p2', 'pizza', 1001, 'dave')], older: false, hasMore: false },
      { type: 'group-read', group: 'g-lunch', ids: undefined }
    )
    expect(state.groupChats['g-lunch'].messages.map(x => x.state)).toEqual(['read', 'read'])
    expect(state.groups.find(g => g.id === 'g-lunch')?.unread).toBe(0)
  })

  it('says how far my post got in words, from the send\'s answer on, also when progress came first', () => {
    const local = { ...post('local-1', 'yes', 2000, 'alice'), state: 'sending' as const, direction: 'out' as const, peerId: 'p-alice' }
    const answer: Action = { type: 'group-sent', localId: 'local-1', group: 'g-lunch', result: { id: 'u1', state: 'relayed', members: 2, delivered: 1 } }
    const normal = withGroups({ type: 'group-sending', message: local }, answer)
    expect(progressLine(normal.progress.u1)).toBe('delivered to 1 of 2')
    const early = withGroups({ type: 'group-sending', message: local }, { type: 'event', event: { type: 'group-state', progress: progress('u1', 2, 0, 'delivered') } }, answer)
    expect(early.groupChats['g-lunch'].messages.map(x => `${x.id}:${x.state}`)).toEqual(['u1:delivered'])
    expect(progressLine(early.progress.u1)).toBe('delivered to all 2')
    const read = reduce(early, { type: 'event', event: { type: 'group-state', progress: progress('u1', 2, 1, 'delivered') } })
    expect(progressLine(read.progress.u1)).toBe('delivered to all 2, read by 1')
    expect(progressLine(reduce(read, { type: 'event', event: { type: 'group-state', progress: progress('u1', 2, 2, 'read') } }).progress.u1)).toBe('read by all 2')
  })

  it('a group I left stays (member false, its history kept); a new one joins in its place by name', () => {
    let state = withGroups({ type: 'select', peer: 'p-bob' })
    state = reduce(state, { type: 'event', event: { type: 'group', group: { ...lunch, member: false } } })
    expect(state.groups.map(g => `${g.name}:${String(g.member)}`)).toEqual(['everyone:true', 'book club:true', 'lunch:false'])
    state = reduce(state, { type: 'event', event: { type: 'group', group: { ...lunch, id: 'g-coffee', name: 'coffee' } } })
    expect(state.groups.map(g => g.name)).toEqual(['everyone', 'book club', 'coffee', 'lunch'])
    state = reduce(state, { type: 'select-group', group: 'g-coffee' })
    expect([state.selected, state.group]).toEqual([undefined, 'g-coffee'])
  })

  it('typing in a group shows in that group only, not in the conversation with the typer, and ends with the post', () => {
    let state = withGroups({ type: 'event', event: { type: 'typing', name: 'bob', peerId: 'p-bob', verified: true, on: true, group: 'g-lunch' } })
    expect(state.groupTyping['g-lunch']).toEqual({ 'p-bob': 'bob' })
    expect(state.groupTyping['g-book']).toBeUndefined()
    expect(state.typing['p-bob']).toBeUndefined()
    state = reduce(state, { type: 'event', event: { type: 'group-message', message: post('b9', 'here') } })
    expect(state.groupTyping['g-lunch']).toEqual({})
    // typing to me is the conversation's, not a group's
    state = reduce(state, { type: 'event', event: { type: 'typing', name: 'bob', peerId: 'p-bob', verified: true, on: true } })
    expect([state.typing['p-bob'], state.groupTyping['g-lunch']]).toEqual([true, {}])
  })

  it('a group typing flag goes when it is switched off, goes stale, or the link is lost', () => {
    const typing = (peerId: string, name: string, on: boolean): Action => ({ type: 'event', event: { type: 'typing', name, peerId, verified: true, on, group: 'g-lunch' } })
    let state = withGroups(typing('p-bob', 'bob', true), typing('p-dave', 'dave', true))
    expect(state.groupTyping['g-lunch']).toEqual({ 'p-bob': 'bob', 'p-dave': 'dave' })
    state = reduce(state, typing('p-bob', 'bob', false))
    expect(state.groupTyping['g-lunch']).toEqual({ 'p-dave': 'dave' })
    state = reduce(state, { type: 'group-typing-expired', group: 'g-lunch', peer: 'p-dave' })
    expect(state.groupTyping['g-lunch']).toEqual({})
    state = reduce(reduce(state, typing('p-bob', 'bob', true)), { type: 'lost' })
    expect(state.groupTyping).toEqual({})
  })
})
