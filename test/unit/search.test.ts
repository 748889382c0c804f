/**
 * Search over the history, on a real profile database: hits in several
 * conversations, newest first; a phrase with punctuation; Chinese and
 * Japanese substrings (also of two characters); filters and limits; hostile
 * queries get a plain answer, never an SQL error; a forgotten conversation
 * is gone from the index in the same transaction; an older profile gets its
 * index built once, with progress.
 */
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { openProfileDatabase } from '../../node/store/db.js'
import { MessageStore } from '../../node/store/messages.js'
import { SearchIndex, searchTerms, snippetOf } from '../../node/store/search.js'
import { MAX_SEARCH_QUERY_CHARS } from '../../node/store/search-limits.js'
import { tempDir } from '../helpers/index-process.js'

const T0 = Date.UTC(2026, 10, 1, 9, 0)

function profile (): { dir: string, messages: MessageStore, search: SearchIndex, db: DatabaseSync } {
  const dir = tempDir('lanchat-search-')
  const db = openProfileDatabase(dir)
  return { dir, db, messages: new MessageStore(db), search: new SearchIndex(db) }
}

let n = 0
function incoming (messages: MessageStore, peerId: string, body: string, sentAt: number): string {
  const id = `m${++n}`
  messages.receive({ id, peerId, fromName: peerId, toName: 'me', body, sentAt, seq: n }, sentAt)
  return id
}

describe('search', () => {
  it('finds words in several conversations, newest first, inside words and whatever the case', () => {
    const { messages, search } = profile()
    const a = incoming(messages, 'bob', 'The VPN address is 10.0.0.5, call me', T0)
    const b = incoming(messages, 'carol', 'is the vpn down again?', T0 + 60_000)
    incoming(messages, 'carol', 'lunch at noon', T0 + 120_000)
    const mine = messages.createOutgoing({ id: 'out1', peerId: 'bob', fromName: 'me', toName: 'bob', body: 'thanks for the VPNs list', sentAt: T0 + 180_000 })
    expect(search.search({ text: 'vpn' }).map(h => h.id)).toEqual([mine.id, b, a])
    expect(search.search({ text: 'vpn address' }).map(h => h.id)).toEqual([a])
    expect(search.search({ text: 'ADDR' }).map(h => h.id)).toEqual([a])
  })

  it('finds a phrase with punctuation, and a quoted phrase exactly', () => {
    const { messages, search } = profile()
    const a = incoming(messages, 'bob', 'The VPN address is 10.0.0.5, call me', T0)
    incoming(messages, 'bob', 'me call at 10', T0 + 1)
    expect(search.search({ text: '10.0.0.5,' }).map(h => h.id)).toEqual([a])
    expect(search.search({ text: '"5, call me"' }).map(h => h.id)).toEqual([a])
    expect(search.search({ text: 'call me' }).map(h => h.id)).toHaveLength(2)
  })

  it('finds Chinese and Japanese substrings, also of two characters', () => {
    const { messages, search } = profile()
    const zh = incoming(messages, 'li', '我们明天开会讨论预算', T0)
    const ja = incoming(messages, 'sato', '東京で会議があります', T0 + 1)
    expect(search.search({ text: '开会讨论' }).map(h => h.id)).toEqual([zh])
    expect(search.search({ text: '会議' }).map(h => h.id)).toEqual([ja])
    expect(search.search({ text: '預算' }).map(h => h.id)).toEqual([])
    expect(search.search({ text: '预算' }).map(h => h.id)).toEqual([zh])
  })

  it('filters by conversation and time, and keeps to the limit', () => {
    const { messages, search } = profile()
    const ids = Array.from({ length: 30 }, (_, i) => incoming(messages, i % 2 === 0 ? 'bob' : 'carol', `report number ${i}`, T0 + i * 60_000))
    expect(search.search({ text: 'report' }).map(h => h.id)).toEqual(ids.slice(-20).reverse())
    expect(search.search({ text: 'report', limit: 3 }).map(h => h.id)).toEqual(ids.slice(-3).reverse())
    expect(search.search({ text: 'report', peerId: 'bob', limit: 200 })).toHaveLength(15)
    expect(search.search({ text: 'report', after: T0 + 9 * 60_000, before: T0 + 12 * 60_000 }).map(h => h.id)).toEqual([ids[11], ids[10]])
  })

  it('treats FTS syntax as text: quotes, stars, parentheses, NEAR, AND/OR/NOT', () => {
    const { messages, search } = profile()
    const a = incoming(messages, 'bob', 'use f(x) * 2 "quoted" NEAR the AND gate', T0)
    for (const q of ['"', '*', '(', ')', 'NEAR', 'NEAR(', 'f(x)', '"quoted"', 'AND', 'OR', 'NOT', '^', ':', 'body:x', '-', '""', "'", '\\', '%', '_']) {
      expect(() => search.search({ text: q }), q).not.toThrow()
    }
    expect(search.search({ text: 'f(x)' }).map(h => h.id)).toEqual([a])
    expect(search.search({ text: '*' }).map(h => h.id)).toEqual([a])
    expect(search.search({ text: 'NEAR' }).map(h => h.id)).toEqual([a])
    expect(search.search({ text: '%' }).map(h => h.id)).toEqual([])
  })

  it('refuses an empty or oversized query in plain words', () => {
    const { search } = profile()
    expect(() => search.search({ text: '   ' })).toThrow('a search needs some text to look for')
    expect(() => search.search({ text: 'x'.repeat(10_000) })).toThrow(`a search can be at most ${MAX_SEARCH_QUERY_CHARS} characters long`)
    expect(() => searchTerms(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toThrow('a search can have at most 16 words')
  })

  it('never shows a message that was deleted (forgotten), in the same transaction', () => {
    const { messages, search } = profile()
    incoming(messages, 'spam', 'buy cheap watches', T0)
    expect(search.search({ text: 'watches' })).toHaveLength(1)
    messages.forgetPeer('spam')
    expect(search.search({ text: 'watches' })).toEqual([])
  })

  it('gives a snippet around the first match, with where each match is', () => {
    const body = `${'a'.repeat(100)} the VPN is down, the vpn is back ${'b'.repeat(100)}`
    const { snippet, matches } = snippetOf(body, ['vpn'])
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
    expect(matches.map(([s, e]) => snippet.slice(s, e))).toEqual(['VPN', 'vpn'])
  })

  it('builds the index of an older profile once, with progress, and finds what was there', () => {
    const dir = tempDir('lanchat-search-old-')
    const old = openProfileDatabase(dir)
    old.exec('DROP TRIGGER messages_fts_insert; DROP TRIGGER messages_fts_delete; DROP TRIGGER messages_fts_update; DROP TABLE messages_fts')
    // an older profile's history: 12 000 rows, written in one transaction
    const insert = old.prepare(`INSERT INTO messages (id, peer_id, direction, from_name, to_name, body, sent_at, seq, state, created_at)
      VALUES (?, 'bob', 'in', 'bob', 'me', ?, ?, ?, 'received', ?)`)
    old.exec('BEGIN')
    for (let i = 0; i < 12_000; i++) insert.run(`old${i}`, i === 11_999 ? 'the needle' : `hay ${i}`, T0 + i, i + 1, T0 + i)
    old.exec('COMMIT')
    old.close()
    const lines: string[] = []
    const db = openProfileDatabase(dir, line => lines.push(line))
    expect(lines[0]).toBe('building the search index of 12000 messages (once, for this profile)')
    expect(lines).toContain('search index: 5000 of 12000 messages')
    expect(lines.at(-1)).toBe('search index ready: 12000 messages')
    expect(new SearchIndex(db).search({ text: 'needle' })).toHaveLength(1)
    db.close()
    const again: string[] = []
    openProfileDatabase(dir, line => again.push(line)).close()
    expect(again).toEqual([])
  })
})
