/**
 * Groups beside people: the list (the everyone room first, each with its
 * unread count and member count) and one group's conversation: its members,
 * the posts with day separators, how far each of mine got ("delivered to 3
 * of 4 · read by 1", and who, on hover), and the composer. While it is on
 * screen (and the tab visible) its posts are marked read.
 *
 * @example
 * ```tsx
 * <GroupList groups={state.groups.groups} selected={state.selectedGroup} onSelect={selectGroup} />
 * ```
 */
import type { JSX } from 'preact'
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import type { GroupInfo } from '../../../types.js'
import { api } from '../api.js'
import { dayLabel, linkify, sameDay, timeLabel } from '../format.js'
import { progressLabel } from '../groups-store.js'
import type { GroupThread, ShownPost } from '../groups-store.js'
import type { Action } from '../store.js'
import { Composer } from './composer.js'

/** Posts fetched when a group opens (GET allows up to 1000). */
const PAGE = 100

export function GroupList ({ groups, selected, onSelect }: { groups: GroupInfo[], selected: string | undefined, onSelect: (id: string) => void }): JSX.Element {
  return (
    <section class="list groups" aria-labelledby="groups-head">
      <h2 id="groups-head" class="list-head">Groups</h2>
      <ul class="contact-list" aria-labelledby="groups-head">
        {groups.map(g => (
          <li key={g.id}>
            <button type="button" class="group-row" data-group={g.id} data-name={g.name}
              aria-current={selected === g.id ? 'true' : undefined} onClick={() => { onSelect(g.id) }}>
              <span class="who">
                <span class="name"><bdi>{g.name}</bdi></span>
                <span class="status-text">{g.members.length} members</span>
              </span>
              {g.unread > 0 && <span class="unread" aria-label={`${g.unread} unread`}>{g.unread}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Post ({ p }: { p: ShownPost }): JSX.Element {
  const who = p.progress?.perMember.map(m => `${m.name}: ${m.state}`).join(', ')
  return (
    <li class={`msg ${p.direction}`} data-id={p.id} data-state={p.state}>
      {p.direction === 'in' && <p class="from"><bdi>{p.from}</bdi></p>}
      <p class="body">{linkify(p.body).map((piece, k) => 'link' in piece
        ? <a key={k} href={piece.link} target="_blank" rel="noopener noreferrer">{piece.link}</a>
        : piece.text)}</p>
      <p class="meta">
        <time dateTime={new Date(p.sentAt).toISOString()}>{timeLabel(p.sentAt)}</time>
        {p.direction === 'out' && <span class="state" title={who !== undefined && who !== '' ? who : undefined}>{progressLabel(p)}</span>}
      </p>
      {p.error !== undefined && <p class="problem" role="alert">{p.error}</p>}
    </li>
  )
}

interface GroupConversationProps {
  group: GroupInfo
  thread: GroupThread | undefined
  /** who is typing in it: PeerId -> shown name */
  typing: Record<string, string>
  epoch: number
  canSend: boolean
  visible: boolean
  dispatch: (action: Action) => void
  onBack: () => void
  onSend: (groupId: string, body: string) => void
}

export function GroupConversation ({ group, thread, typing, epoch, canSend, visible, dispatch, onBack, onSend }: GroupConversationProps): JSX.Element {
  const typers = Object.values(typing)
  const list = useRef<HTMLOListElement>(null)
  const posts = thread?.posts ?? []
  const unread = posts.some(p => p.direction === 'in' && p.state === 'received')

  useEffect(() => {
    api.groupHistory(group.id, PAGE).then(
      history => { dispatch({ type: 'group-history', groupId: group.id, posts: history }) },
      (err: Error) => { dispatch({ type: 'event', event: { type: 'warning', text: err.message } }) })
  }, [group.id, epoch])

  useEffect(() => {
    if (!visible || (!unread && group.unread === 0)) return
    dispatch({ type: 'group-read', groupId: group.id })
    api.readGroup(group.id).catch(() => {})
  }, [group.id, visible, unread, group.unread])

  useLayoutEffect(() => {
    const el = list.current
    if (el !== null) el.scrollTop = el.scrollHeight
  }, [posts.length, group.id])

  const rows: JSX.Element[] = []
  posts.forEach((p, k) => {
    if (k === 0 || !sameDay(posts[k - 1].sentAt, p.sentAt)) rows.push(<li key={`day-${p.sentAt}`} class="day" role="separator"><span>{dayLabel(p.sentAt)}</span></li>)
    rows.push(<Post key={p.id} p={p} />)
  })
  return (
    <section class="conversation group-conversation" aria-labelledby="conversation-name">
      <header class="conversation-head">
        <button type="button" class="back" aria-label="Back to people and groups" onClick={onBack}>‹</button>
        <div class="who">
          <h2 id="conversation-name" class="name"><bdi>{group.name}</bdi></h2>
          <p class="status-text members">{group.members.join(', ')}{group.admins.length > 0 ? ` · admin: ${group.admins.join(', ')}` : ''}</p>
          {typers.length > 0 && <p class="status-text typing" aria-live="polite">{typers.join(', ')} {typers.length === 1 ? 'is' : 'are'} typing…</p>}
        </div>
      </header>
      <ol class="messages" ref={list} aria-label={`Posts in ${group.name}`} aria-live="polite" aria-relevant="additions">
        {thread?.loaded === true && posts.length === 0 && <li class="empty">No posts in {group.name} yet.</li>}
        {rows}
      </ol>
      <Composer name={group.name} peer={`group:${group.id}`} disabled={!canSend}
        sendTyping={async on => { await api.groupTyping(group.id, on) }} onSend={body => { onSend(group.id, body) }} />
    </section>
  )
}
