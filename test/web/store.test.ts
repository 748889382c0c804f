/**
 * The web client's state, without a browser: whatever order the daemon's
 * events and the page's own fetches arrive in, a message shows once, its
 * state only moves forward, unread counts follow, and links are the only
 * thing in a body that is not plain text.
 */
import { describe, expect, it } from 'vitest'
import type { ChatMessage, Contact, DaemonStatus } from '../../node/types.js'
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
