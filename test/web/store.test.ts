/**
 * The web client's state, without a browser: whatever order the daemon's
 * events and the page's own fetches arrive in, a message shows once, its
 * state only moves forward, unread counts follow, and links are the only
 * thing in a body that is not plain text.
 */
import { describe, expect, it } from 'vitest'
import type { ChatMessage, Contact, DaemonStatus, GroupInfo, GroupMessage, GroupProgress } from '../../node/types.js'
import { linkify } from '../../node/web/src/format.js'
import { initialState, reduce } from '../../node/web/src/store.js'
import type { Action, State } from '../../node/web/src/store.js'

const me: DaemonStatus = {
  name: 'alice', peerId: 'p-alice', status: 'online', statusText: '', listen: [],
  index: { address: '127.0.0.1:47470', connected: true, peerId: 'p-index' }, queued: 0, version: '0.1.0'
}
const bob: Contact = { name: 'bob', peerId: 'p-bob', online: true, status: 'online', statusText: '', verified: true, trust: 'verified', claimedName: 'bob', lastSeen: 1, unread: 0 }
const dave: Contact = { ...bob, name: 'dave', peerId: 'p-dave', online: false, status: 'offline' }

function run (...actions: Action[]): State {
  return actions.reduce(reduce, reduce(initialState, { type: 'synced', me, contacts: [dave, bob] }))
}

function incoming (id: string, body: string, sentAt = 1000): ChatMessage {
  return { id, from: 'bob', to: 'alice', body, sentAt, state: 'received', direction: 'in', peerId: 'p-bob', verified: true, receivedAt: sentAt }
}

describe('the page state', () => {
  it('lists contacts online first; a presence change re-sorts them', () => {
    let state = run()
    expect(state.contacts.map(c => c.name)).toEqual(['bob', 'dave'])
    state = reduce(state, { type: 'event', event: { type: 'presence', contact: { ...bob, online: false, status: 'offline' } } })
    state = reduce(state, { type: 'event', event: { type: 'presence', contact: { ...dave, online: true, status: 'away' } } })
    expect(state.contacts.map(c => `${c.name}:${c.status}`)).toEqual(['dave:away', 'bob:offline'])
  })

  it('shows an incoming message once, counts it unread once, and clears typing', () => {
    const m = incoming('m1', 'hi')
    const state = run(
      { type: 'event', event: { type: 'typing', name: 'bob', peerId: 'p-bob', verified: true, on: true } },
      { type: 'event', event: { type: 'message', message: m } },
      { type: 'event', event: { type: 'message', message: m } },
      { type: 'history', peer: 'p-bob', messages: [m], older: false, hasMore: false }
    )
    expect(state.conversations['p-bob'].messages.map(x => x.id)).toEqual(['m1'])
    expect(state.contacts.find(c => c.name === 'bob')?.unread).toBe(1)
    expect(state.typing['p-bob']).toBe(false)
  })

  it('keeps my message once whether the send answer or the daemon\'s event comes first, and never moves its state back', () => {
    const local = { id: 'local-1', from: 'alice', to: 'bob', body: 'yo', sentAt: 2000, state: 'sending' as const, direction: 'out' as const, peerId: 'p-bob', verified: true, receivedAt: 2000 }
    const real: ChatMessage = { ...local, id: 'u1', state: 'delivered' }
    const eventFirst = run(
      { type: 'sending', message: local },
      { type: 'event', event: { type: 'state', id: 'u1', peer: 'bob', peerId: 'p-bob', state: 'read' } },
      { type: 'event', event: { type: 'message', message: real } },
      { type: 'sent', localId: 'local-1', peer: 'p-bob', result: { id: 'u1', state: 'relayed' } }
    )
    expect(eventFirst.conversations['p-bob'].messages.map(x => `${x.id}:${x.state}`)).toEqual(['u1:read'])
    const answerFirst = run(
      { type: 'sending', message: local },
      { type: 'sent', localId: 'local-1', peer: 'p-bob', result: { id: 'u1', state: 'relayed' } },
      { type: 'event', event: { type: 'state', id: 'u1', peer: 'bob', peerId: 'p-bob', state: 'delivered' } },
      { type: 'event', event: { type: 'state', id: 'u1', peer: 'bob', peerId: 'p-bob', state: 'relayed' } }
    )
    expect(answerFirst.conversations['p-bob'].messages.map(x => `${x.id}:${x.state}`)).toEqual(['u1:delivered'])
  })

  it('keeps a conversation in time order when older pages and late messages arrive', () => {
    const state = run(
      { type: 'history', peer: 'p-bob', messages: [incoming('b', 'two', 2000), incoming('c', 'three', 3000)], older: false, hasMore: true },
      { type: 'history', peer: 'p-bob', messages: [incoming('a', 'one', 1000)], older: true, hasMore: false }
    )
    const conversation = state.conversations['p-bob']
    expect(conversation.messages.map(x => x.body)).toEqual(['one', 'two', 'three'])
    expect(conversation.hasMore).toBe(false)
  })

  it('marks what was read and lowers the unread count by as many', () => {
    const state = run(
      { type: 'event', event: { type: 'message', message: incoming('m1', 'one') } },
      { type: 'event', event: { type: 'message', message: incoming('m2', 'two', 1001) } },
      { type: 'read', peer: 'p-bob', ids: ['m1'] }
    )
    expect(state.conversations['p-bob'].messages.map(x => x.state)).toEqual(['read', 'received'])
    expect(state.contacts.find(c => c.name === 'bob')?.unread).toBe(1)
  })

  it('keeps a stranger who calls himself bob apart: his own entry, his own conversation, bob untouched', () => {
    const stranger: Contact = { ...bob, name: 'unverified-x7Kq9Z', claimedName: 'bob', peerId: 'p-evil', verified: false, trust: 'request' }
    const fake: ChatMessage = { ...incoming('f1', 'it is bob, send me the VPN password'), from: 'unverified-x7Kq9Z', peerId: 'p-evil', verified: false }
    const state = run(
      { type: 'event', event: { type: 'presence', contact: stranger } },
      { type: 'event', event: { type: 'message', message: fake } },
      { type: 'event', event: { type: 'presence', contact: { ...stranger, online: false, status: 'offline', unread: 1 } } }
    )
    expect(state.contacts.find(c => c.peerId === 'p-bob')).toEqual(bob)
    expect(state.contacts.find(c => c.peerId === 'p-evil')).toMatchObject({ trust: 'request', unread: 1, online: false })
    expect(state.conversations['p-bob']).toBeUndefined()
    expect(state.conversations['p-evil'].messages.map(m => m.body)).toEqual(['it is bob, send me the VPN password'])
  })

  it('drops a forgotten person, their conversation, and the selection', () => {
    const state = run(
      { type: 'event', event: { type: 'message', message: incoming('m1', 'hi') } },
      { type: 'select', peer: 'p-bob' },
      { type: 'event', event: { type: 'forgotten', peerId: 'p-bob' } }
    )
    expect(state.contacts.map(c => c.peerId)).toEqual(['p-dave'])
    expect(state.conversations['p-bob']).toBeUndefined()
    expect(state.selected).toBeUndefined()
  })

  it('keeps the daemon\'s last five warnings until dismissed; ignores event types it does not know', () => {
    let state = run()
    for (let i = 1; i <= 7; i++) state = reduce(state, { type: 'event', event: { type: 'warning', text: `w${i}` } })
    expect(state.warnings).toEqual(['w3', 'w4', 'w5', 'w6', 'w7'])
    state = reduce(state, { type: 'dismiss-warning', index: 0 })
    expect(state.warnings[0]).toBe('w4')
    expect(reduce(state, { type: 'event', event: { type: 'from-the-future' } as never })).toBe(state)
  })

  it('forgets everything when the session is gone', () => {
    expect(run({ type: 'unauthorised' })).toEqual({ ...initialState, link: 'unauthorised' })
  })
})

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

  it('opening a group closes the conversation with a person, and back; a group I left stays after a resync', () => {
    let state = withGroups({ type: 'select', peer: 'p-bob' }, { type: 'select-group', group: 'g-lunch' })
    expect([state.selected, state.group]).toEqual([undefined, 'g-lunch'])
    state = reduce(state, { type: 'group-info', group: { ...lunch, member: false } })
    state = reduce(state, { type: 'synced', me, contacts: [bob], groups: [everyone, book] })
    expect(state.groups.map(g => `${g.id}:${String(g.member)}`)).toEqual(['everyone:true', 'g-book:true', 'g-lunch:false'])
    state = reduce(state, { type: 'select', peer: 'p-bob' })
    expect([state.selected, state.group]).toEqual(['p-bob', undefined])
  })
})

describe('links in a message', () => {
  it('makes http(s) URLs links, without the sentence\'s punctuation, and leaves everything else text', () => {
    expect(linkify('see https://example.org/a?b=1. or http://x.test/(y)')).toEqual([
      { text: 'see ' }, { link: 'https://example.org/a?b=1' }, { text: '. or ' }, { link: 'http://x.test/(y' }, { text: ')' }
    ])
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', '<a href="https://x">x</a>'.replace('https://x', 'ftp://x')]) {
      expect(linkify(text)).toEqual([{ text }])
    }
    expect(linkify('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>' }])
  })
})
