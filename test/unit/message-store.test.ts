/**
 * The message store on a real SQLite profile database: paging back through
 * a conversation misses nothing even when many messages share one
 * millisecond, and state changes from acks are visible at once and written
 * together.
 */
import { describe, expect, it } from 'vitest'
import { openProfileDatabase } from '../../node/store/db.js'
import { MessageStore } from '../../node/store/messages.js'
import { tempDir } from '../helpers/index-process.js'
import type { DatabaseSync } from 'node:sqlite'

function store (): { messages: MessageStore, db: DatabaseSync, close: () => void } {
  const db = openProfileDatabase(tempDir('lanchat-store-'))
  return { messages: new MessageStore(db), db, close: () => { db.close() } }
}

describe('message store', () => {
  it('pages back through a conversation without losing messages that share a millisecond', () => {
    const { messages, close } = store()
    try {
      // 25 messages: sent-at 1000 x5, 1001 x12, 1002 x3, 1003 x5 (a burst within one ms)
      const times = [...Array(5).fill(1000), ...Array(12).fill(1001), ...Array(3).fill(1002), ...Array(5).fill(1003)]
      times.forEach((sentAt, i) => {
        messages.createOutgoing({ id: `m${i}`, peerId: 'bob-peer', fromName: 'alice', toName: 'bob', body: `${i}`, sentAt })
      })
      const seen: string[] = []
      const pages: number[] = []
      let before: number | undefined
      for (let round = 0; round < 10; round++) {
        const page = messages.history('bob-peer', 10, before)
        pages.push(page.length)
        seen.unshift(...page.map(m => m.id))
        if (page.length < 10) break
        before = Math.min(...page.map(m => m.sentAt))
      }
      // every message exactly once, oldest first
      expect(seen).toEqual(times.map((_, i) => `m${i}`))
      // the page that reached into the 12 of ms 1001 grew to hold all of them
      expect(pages).toEqual([20, 5])
    } finally {
      close()
    }
  })

  it('shows a state change from an ack at once and keeps it after it is written', () => {
    const { messages, close } = store()
    try {
      const m = messages.createOutgoing({ id: 'x', peerId: 'bob-peer', fromName: 'alice', toName: 'bob', body: 'hi', sentAt: 1 })
      expect(messages.advance(m.id, 'delivered', 'someone-else')).toBeUndefined()
      expect(messages.advance(m.id, 'delivered', 'bob-peer')).toEqual({ id: 'x', to: 'bob', peerId: 'bob-peer', state: 'delivered' })
      expect(messages.stateOf('x')).toBe('delivered')
      expect(messages.get('x')?.state).toBe('delivered')
      // never backwards, also before it is written
      expect(messages.advance(m.id, 'relayed', 'bob-peer')).toBeUndefined()
      expect(messages.queuedFor('bob-peer')).toEqual([])
      expect(messages.history('bob-peer')[0].state).toBe('delivered')
    } finally {
      close()
    }
  })

  it('keeps state changes it could not write (e.g. a full disk) and writes them later', () => {
    const { messages, db, close } = store()
    try {
      messages.createOutgoing({ id: 'y', peerId: 'bob-peer', fromName: 'alice', toName: 'bob', body: 'hi', sentAt: 1 })
      db.exec('PRAGMA query_only = ON') // every write now fails
      messages.advance('y', 'delivered', 'bob-peer')
      expect(() => { messages.writeStates() }).not.toThrow()
      expect(messages.stateOf('y')).toBe('delivered')
      expect(messages.queuedFor('bob-peer')).toEqual([])
      db.exec('PRAGMA query_only = OFF')
      messages.writeStates()
      const row = db.prepare('SELECT state FROM messages WHERE id = ?').get('y') as { state: string }
      expect(row.state).toBe('delivered')
    } finally {
      close()
    }
  })
})

describe('history order', () => {
  it('keeps each sender in sequence order even when its clock went back, interleaving the two by time', async () => {
    const { mergeBySender } = await import('../../node/store/messages.js')
    const m = (direction: 'in' | 'out', seq: number, sentAt: number): any => ({ id: `${direction}${seq}`, direction, seq, sentAt })
    // bob's clock jumped back 10 s between his 2nd and 3rd message
    const rows = [m('in', 1, 100), m('in', 2, 200), m('in', 3, 190), m('out', 1, 150), m('out', 2, 250)]
    expect(mergeBySender(rows).map(r => r.id)).toEqual(['in1', 'out1', 'in2', 'in3', 'out2'])
  })
})
