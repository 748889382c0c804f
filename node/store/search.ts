/**
 * Full-text search over the whole history: an SQLite FTS5 index of message
 * bodies in the profile database, with the trigram tokenizer (it matches
 * inside words, and works for Chinese and Japanese, which have no spaces
 * for a word tokenizer to split on). Triggers keep it in the same
 * transaction as the message row, so a search never misses a stored message
 * nor shows a deleted one. An older profile gets its index built once, at
 * start, in batches, with progress on stderr.
 *
 * What a person types is never FTS syntax: each word is searched as a
 * literal (quotes, `*`, `(`, `NEAR` are just characters), all words must
 * match; a query in double quotes is one literal phrase. Words of one or two
 * characters (too short for trigrams) are matched with LIKE instead.
 *
 * @example
 * ```ts
 * ensureSearchIndex(db, line => { console.error(line) })
 * const hits = new SearchIndex(db).search({ text: 'vpn 10.0.0.5', limit: 20 })
 * ```
 */
import { transaction } from '../../runtime/sqlite.js'
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, MAX_SEARCH_QUERY_CHARS, MAX_SEARCH_TERMS, SNIPPET_CONTEXT_CHARS } from './search-limits.js'
import type { DatabaseSync } from 'node:sqlite'

/** Rows indexed per transaction while building the index of an older profile. */
const BUILD_BATCH = 5_000
/** Trigrams need three characters; shorter words are matched with LIKE. */
export const TRIGRAM = 3

/** Thrown when a query cannot be searched for; the message says why, in words a person can read. */
export class SearchQueryError extends Error {
  static name = 'SearchQueryError'
  name = 'SearchQueryError'
}

const SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(body, content = 'messages', content_rowid = 'rowid', tokenize = 'trigram');
CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF body ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
END;
`

/**
 * Creates the index and its triggers; when the index is new and the history
 * is not empty (a profile from before search), indexes every message once.
 */
export function ensureSearchIndex (db: DatabaseSync, progress: (line: string) => void = () => {}): void {
  const existed = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'messages_fts'`).get() != null
  db.exec(SCHEMA)
  if (existed) return
  const total = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n
  if (total === 0) return
  progress(`building the search index of ${total} messages (once, for this profile)`)
  const batch = db.prepare('INSERT INTO messages_fts (rowid, body) SELECT rowid, body FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?')
  const last = db.prepare('SELECT max(rowid) AS r FROM (SELECT rowid FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?)')
  let after = 0
  let done = 0
  for (;;) {
    const next = (last.get(after, BUILD_BATCH) as { r: number | null }).r
    if (next == null) break
    const n = transaction(db, () => Number(batch.run(after, BUILD_BATCH).changes))
    after = next
    done += n
    if (done < total) progress(`search index: ${done} of ${total} messages`)
  }
  progress(`search index ready: ${done} messages`)
}

export interface SearchQuery {
  text: string
  /** only the conversation with this PeerId */
  peerId?: string
  /** ms since epoch: only messages sent before / after */
  before?: number
  after?: number
  limit?: number
}

export interface SearchHit {
  id: string
  peerId: string
  direction: 'in' | 'out'
  fromName: string
  toName: string
  sentAt: number
  body: string
  /** a short excerpt of the body around the first match */
  snippet: string
  /** where the matches are in the snippet: [start, end) pairs of string offsets */
  matches: Array<[number, number]>
}

/** The words to look for: a query in double quotes is one phrase; otherwise words split on white space. */
export function searchTerms (text: string): string[] {
  const trimmed = text.trim()
  if (trimmed === '') throw new SearchQueryError('a search needs some text to look for')
  if ([...trimmed].length > MAX_SEARCH_QUERY_CHARS) throw new SearchQueryError(`a search can be at most ${MAX_SEARCH_QUERY_CHARS} characters long`)
  const phrase = /^"(.+)"$/s.exec(trimmed)
  const terms = phrase != null ? [phrase[1]] : trimmed.split(/\s+/u)
  if (terms.length > MAX_SEARCH_TERMS) throw new SearchQueryError(`a search can have at most ${MAX_SEARCH_TERMS} words`)
  return terms
}

/** An FTS5 string literal: whatever the text, it is one token sequence, never syntax. */
export function ftsLiteral (term: string): string {
  return `"${term.replaceAll('"', '""')}"`
}

/** A LIKE pattern that finds `term` anywhere, its wildcards taken literally (ESCAPE '\\'). */
export function likeLiteral (term: string): string {
  return `%${term.replace(/[\\%_]/g, c => `\\${c}`)}%`
}

function escapeRegExp (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** An excerpt around the first match, and where each match sits in it. */
export function snippetOf (body: string, terms: string[]): { snippet: string, matches: Array<[number, number]> } {
  const find = new RegExp(terms.map(escapeRegExp).join('|'), 'giu')
  const first = find.exec(body)
  const start = first == null ? 0 : Math.max(0, first.index - SNIPPET_CONTEXT_CHARS)
  const end = first == null ? Math.min(body.length, 2 * SNIPPET_CONTEXT_CHARS) : Math.min(body.length, first.index + first[0].length + SNIPPET_CONTEXT_CHARS)
  const lead = start > 0 ? '…' : ''
  const snippet = lead + body.slice(start, end).replace(/\s+/g, ' ') + (end < body.length ? '…' : '')
  const matches: Array<[number, number]> = []
  const inSnippet = new RegExp(find.source, 'giu')
  for (const m of snippet.matchAll(inSnippet)) matches.push([m.index, m.index + m[0].length])
  return { snippet, matches }
}

/** A table searched by text: its FTS5 index (trigram, rowid = the table's rowid), alias and columns. */
export interface TextTable { fts: string, table: string, alias: string, columns: string }

const MESSAGES_TEXT: TextTable = { fts: 'messages_fts', table: 'messages', alias: 'm', columns: 'id, peer_id, direction, from_name, to_name, sent_at, body' }

/**
 * The newest rows of `t` (in the order they reached this profile) whose
 * body holds every word of the query: words of 3 or more characters through
 * the FTS5 index, shorter ones by LIKE; `equal` adds column = value filters.
 */
export function searchRows<R> (db: DatabaseSync, t: TextTable, q: { text: string, before?: number, after?: number, limit?: number }, equal: Array<[string, string | number]> = []): { rows: R[], terms: string[] } {
  const terms = searchTerms(q.text)
  const long = terms.filter(term => [...term].length >= TRIGRAM)
  const short = terms.filter(term => [...term].length < TRIGRAM)
  const where: string[] = []
  const params: Array<string | number> = []
  if (long.length > 0) {
    where.push(`${t.fts} MATCH ?`)
    params.push(long.map(ftsLiteral).join(' AND '))
  }
  for (const term of short) {
    where.push(`${t.alias}.body LIKE ? ESCAPE '\\'`)
    params.push(likeLiteral(term))
  }
  for (const [column, value] of equal) { where.push(`${column} = ?`); params.push(value) }
  if (q.before != null) { where.push(`${t.alias}.sent_at < ?`); params.push(q.before) }
  if (q.after != null) { where.push(`${t.alias}.sent_at > ?`); params.push(q.after) }
  const limit = Math.min(Math.max(q.limit ?? DEFAULT_SEARCH_LIMIT, 1), MAX_SEARCH_LIMIT)
  const columns = t.columns.split(', ').map(c => `${t.alias}.${c}`).join(', ')
  const sql = long.length > 0
    ? `SELECT ${columns} FROM ${t.fts} JOIN ${t.table} ${t.alias} ON ${t.alias}.rowid = ${t.fts}.rowid WHERE ${where.join(' AND ')} ORDER BY ${t.fts}.rowid DESC LIMIT ?`
    : `SELECT ${columns} FROM ${t.table} ${t.alias} WHERE ${where.join(' AND ')} ORDER BY ${t.alias}.rowid DESC LIMIT ?`
  return { rows: db.prepare(sql).all(...params, limit) as unknown as R[], terms }
}

interface Row { id: string, peer_id: string, direction: 'in' | 'out', from_name: string, to_name: string, sent_at: number, body: string }

export class SearchIndex {
  private readonly db: DatabaseSync

  constructor (db: DatabaseSync) {
    this.db = db
  }

  /**
   * The newest messages that contain every word of the query, newest first:
   * in the order they reached this profile (rowid), which lets FTS5 stream
   * its matches newest-first and stop at the limit instead of sorting every
   * match of a common word.
   */
  search (q: SearchQuery): SearchHit[] {
    const { rows, terms } = searchRows<Row>(this.db, MESSAGES_TEXT, q, q.peerId != null ? [['m.peer_id', q.peerId]] : [])
    return rows.map(r => ({
      id: r.id,
      peerId: r.peer_id,
      direction: r.direction,
      fromName: r.from_name,
      toName: r.to_name,
      sentAt: r.sent_at,
      body: r.body,
      ...snippetOf(r.body, terms)
    }))
  }
}
