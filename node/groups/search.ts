/**
 * Full-text search over group posts: the same rules as the 1:1 history's
 * (node/store/search.ts: trigram FTS5 kept by triggers in the same
 * transaction, every word literal, short words by LIKE), over group_posts.
 *
 * @example
 * ```ts
 * new GroupSearch(db).search({ text: 'budget', groupId: 'everyone', limit: 20 })
 * ```
 */
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from '../store/search-limits.js'
import { TRIGRAM, ftsLiteral, likeLiteral, searchTerms, snippetOf } from '../store/search.js'
import { memberName } from './view.js'
import type { GroupPeoplePort } from './ports.js'
import type { GroupView } from './store.js'
import type { SearchResult } from '../types.js'
import type { DatabaseSync } from 'node:sqlite'

export interface GroupSearchQuery {
  text: string
  /** only this group's posts */
  groupId?: string
  before?: number
  after?: number
  limit?: number
}

export interface GroupSearchHit {
  id: string
  groupId: string
  /** the sender's PeerId */
  sender: string
  direction: 'in' | 'out'
  fromName: string
  sentAt: number
  body: string
  snippet: string
  matches: Array<[number, number]>
}

interface Row { id: string, group_id: string, sender: string, direction: 'in' | 'out', from_name: string, sent_at: number, body: string }

export class GroupSearch {
  private readonly db: DatabaseSync

  constructor (db: DatabaseSync) {
    this.db = db
  }

  /** The newest posts (in the order they reached this profile) that contain every word. */
  search (q: GroupSearchQuery): GroupSearchHit[] {
    const terms = searchTerms(q.text)
    const long = terms.filter(t => [...t].length >= TRIGRAM)
    const short = terms.filter(t => [...t].length < TRIGRAM)
    const where: string[] = []
    const params: Array<string | number> = []
    if (long.length > 0) {
      where.push('group_posts_fts MATCH ?')
      params.push(long.map(ftsLiteral).join(' AND '))
    }
    for (const t of short) {
      where.push(`p.body LIKE ? ESCAPE '\\'`)
      params.push(likeLiteral(t))
    }
    if (q.groupId != null) { where.push('p.group_id = ?'); params.push(q.groupId) }
    if (q.before != null) { where.push('p.sent_at < ?'); params.push(q.before) }
    if (q.after != null) { where.push('p.sent_at > ?'); params.push(q.after) }
    const limit = Math.min(Math.max(q.limit ?? DEFAULT_SEARCH_LIMIT, 1), MAX_SEARCH_LIMIT)
    const columns = 'p.id, p.group_id, p.sender, p.direction, p.from_name, p.sent_at, p.body'
    const sql = long.length > 0
      ? `SELECT ${columns} FROM group_posts_fts JOIN group_posts p ON p.rowid = group_posts_fts.rowid WHERE ${where.join(' AND ')} ORDER BY group_posts_fts.rowid DESC LIMIT ?`
      : `SELECT ${columns} FROM group_posts p WHERE ${where.join(' AND ')} ORDER BY p.rowid DESC LIMIT ?`
    const rows = this.db.prepare(sql).all(...params, limit) as unknown as Row[]
    return rows.map(r => ({
      id: r.id, groupId: r.group_id, sender: r.sender, direction: r.direction, fromName: r.from_name, sentAt: r.sent_at, body: r.body, ...snippetOf(r.body, terms)
    }))
  }
}

/** Hits as local clients see search results: the group's name as the conversation, the sender's shown name. */
export function searchResults (hits: GroupSearchHit[], groupOf: (id: string) => GroupView | undefined, people: Pick<GroupPeoplePort, 'byPeer'>, myName: string): SearchResult[] {
  return hits.map(h => ({
    id: h.id,
    conversation: groupOf(h.groupId)?.name ?? h.groupId,
    peerId: h.sender,
    from: h.direction === 'out' ? myName : memberName(people, h.sender, h.fromName),
    direction: h.direction,
    sentAt: h.sentAt,
    body: h.body,
    snippet: h.snippet,
    matches: h.matches,
    groupId: h.groupId
  }))
}
