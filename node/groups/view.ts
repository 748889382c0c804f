/**
 * Groups and posts as local clients see them (node/types.ts GroupInfo,
 * GroupMessage, GroupProgress): names shown from the directory (the name in
 * the record is a label), my post's state from its members' rows.
 *
 * @example
 * ```ts
 * groupInfo(view, people, unread)   // { id, name, members: ['alice', 'bob'], admins: ['alice'], version, ... }
 * ```
 */
import { EVERYONE_GROUP_ID, EVERYONE_GROUP_NAME } from '../../protocols/constants.js'
import { unverifiedLabel } from '../directory/names-shown.js'
import type { GroupPeoplePort } from './ports.js'
import type { GroupView, OutRow, StoredPost } from './store.js'
import type { GroupInfo, GroupMessage, GroupProgress, MessageState } from '../types.js'

type People = Pick<GroupPeoplePort, 'byPeer'>

/**
 * The everyone room as a group: no record, no admins; its members are me
 * and every user the index server registered (the directory lists them).
 */
export function everyoneView (me: string, myName: string, people: Pick<GroupPeoplePort, 'registered'>): GroupView {
  return {
    id: EVERYONE_GROUP_ID,
    name: EVERYONE_GROUP_NAME,
    version: 0,
    recordHash: '',
    members: [{ peerId: me, name: myName }, ...people.registered().map(p => ({ peerId: p.peerId, name: p.registeredName !== '' ? p.registeredName : p.name }))],
    admins: [],
    member: true
  }
}

/**
 * A member's shown name: the directory's (registered, or unverified-XXXXXX
 * for a claim it cannot vouch for). The name a record or a post gives a
 * member is the admin's or sender's say-so: it is never shown, or anyone
 * who makes a group could list a key of theirs as "bob" (`_label` stays in
 * the signature for callers that have it).
 */
export function memberName (people: People, peerId: string, _label?: string): string {
  return people.byPeer(peerId)?.name ?? unverifiedLabel(peerId)
}

export function groupInfo (g: GroupView, people: People, unread: number): GroupInfo {
  const label = new Map(g.members.map(m => [m.peerId, m.name]))
  return {
    id: g.id,
    name: g.name,
    members: g.members.map(m => memberName(people, m.peerId, m.name)),
    admins: g.admins.map(a => memberName(people, a, label.get(a) ?? a)),
    version: g.version,
    memberPeerIds: g.members.map(m => m.peerId),
    adminPeerIds: g.admins,
    member: g.member,
    unread
  }
}

/** My post's state from its members' rows: delivered once every member (still in it) has it. */
export function aggregate (rows: OutRow[]): { state: MessageState, members: number, delivered: number, read: number } {
  const live = rows.filter(r => r.state !== 'dropped')
  const delivered = live.filter(r => r.state === 'delivered' || r.state === 'read').length
  const read = live.filter(r => r.state === 'read').length
  let state: MessageState
  if (live.length > 0 && read === live.length) state = 'read'
  else if (delivered === live.length) state = 'delivered'
  else if (live.some(r => r.state === 'queued')) state = 'queued'
  else state = 'relayed'
  return { state, members: live.length, delivered, read }
}

export function progressOf (post: StoredPost, group: GroupView | undefined, rows: OutRow[], people: People): GroupProgress {
  const labels = new Map(group?.members.map(m => [m.peerId, m.name]) ?? [])
  return {
    id: post.id,
    group: group?.name ?? post.groupId,
    groupId: post.groupId,
    ...aggregate(rows),
    perMember: rows.filter(r => r.state !== 'dropped').map(r => ({
      name: memberName(people, r.member, labels.get(r.member) ?? r.member),
      peerId: r.member,
      state: r.state as 'queued' | 'relayed' | 'delivered' | 'read'
    }))
  }
}

export function groupMessage (p: StoredPost, group: GroupView | undefined, people: People, me: { peerId: string, name: string }): GroupMessage {
  const mine = p.direction === 'out'
  return {
    id: p.id,
    from: mine ? me.name : memberName(people, p.sender, p.fromName),
    group: group?.name ?? p.groupId,
    groupId: p.groupId,
    body: p.body,
    sentAt: p.sentAt,
    state: p.state as MessageState,
    direction: p.direction,
    peerId: p.sender,
    receivedAt: p.createdAt
  }
}
