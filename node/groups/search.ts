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
import { searchRows, snippetOf } from '../store/search.js'
import type { TextTable } from '../store/search.js'
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

const GROUP_POSTS_TEXT: TextTable = { fts: 'group_posts_fts', table: 'group_posts', alias: 'p', columns: 'id, group_id, sender, direction, from_name, sent_at, body' }

export class GroupSearch {
  private readonly db: DatabaseSync

  constructor (db: DatabaseSync) {
    this.db = db
  }

  /** The newest posts (in the order they reached this profile) that contain every word. */
  search (q: GroupSearchQuery): GroupSearchHit[] {
    const { rows, terms } = searchRows<Row>(this.db, GROUP_POSTS_TEXT, q, q.groupId != null ? [['p.group_id', q.groupId]] : [])
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
