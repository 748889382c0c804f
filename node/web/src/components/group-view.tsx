/**
 * One group's conversation: its history (paged like a person's), each
 * sender's name on their posts, the per-member state of my posts ("delivered
 * to 2 of 3, read by 1", who in a tooltip and an expandable line, live from
 * group-state events), the member list, and a composer that posts to the
 * group. While it is on screen in a visible tab, posts are marked read.
 */
import type { JSX } from 'preact'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { Contact, DaemonStatus, GroupInfo, GroupProgress } from '../../../types.js'
import { MAX_GROUP_BODY_BYTES } from '../../../groups/constants.js'
import { api } from '../api.js'
import { dayLabel, sameDay, timeLabel } from '../format.js'
import { progressLine } from '../group-store.js'
import type { GroupConversation, ShownGroupMessage } from '../group-store.js'
import { STATE_LABEL } from '../states.js'
import type { Action } from '../store.js'
import { Composer } from './composer.js'
import { Body, TYPING_STALE_MS } from './conversation.js'
import { GroupMembers } from './group-members.js'
import { groupLine } from './groups.js'

/** Posts fetched at a time (the route allows up to 1000). */
const PAGE = 100

/** Who is where: "read: bob · delivered: carol · relayed: dave" */
function progressWho (p: GroupProgress): string {
  const states = ['read', 'delivered', 'relayed', 'queued'] as const
  return states.map(s => [s, p.perMember.filter(m => m.state === s).map(m => m.name)] as const)
    .filter(([, names]) => names.length > 0).map(([s, names]) => `${s}: ${names.join(', ')}`).join(' · ')
}

/** "bob is typing…", "bob and carol are typing…", "bob, carol and 2 more are typing…" */
export function typingLine (names: string[]): string {
  if (names.length === 0) return ''
  if (names.length === 1) return `${names[0]} is typing…`
  const shown = names.length <= 3 ? names.slice(0, -1).join(', ') + ` and ${names.at(-1) ?? ''}` : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`
  return `${shown} are typing…`
}

function Progress ({ m, p }: { m: ShownGroupMessage, p: GroupProgress | undefined }): JSX.Element {
  if (p === undefined || m.state === 'sending' || m.state === 'failed') return <span class="state">{STATE_LABEL[m.state]}</span>
  return (
    <details class="progress" title={progressWho(p)}>
      <summary class="state">{progressLine(p)}</summary>
      <ul class="per-member">
        {p.perMember.map(x => <li key={x.peerId} data-peer={x.peerId} data-state={x.state}><bdi>{x.name}</bdi>: {x.state}</li>)}
      </ul>
    </details>
  )
}

function Post ({ m, p, sender }: { m: ShownGroupMessage, p: GroupProgress | undefined, sender: Contact | undefined }): JSX.Element {
  return (
    <li class={`msg ${m.direction}`} data-id={m.id} data-state={m.state}>
      {m.direction === 'in' && (
        <p class="sender"><bdi>{m.from}</bdi>{sender !== undefined && !sender.verified && <span class="unverified"> unverified</span>}</p>
      )}
      <Body text={m.body} />
      <p class="meta">
        <time dateTime={new Date(m.sentAt).toISOString()}>{timeLabel(m.sentAt)}</time>
        {m.direction === 'out' && <Progress m={m} p={p} />}
      </p>
      {m.error !== undefined && <p class="problem" role="alert">{m.error}</p>}
    </li>
  )
}

interface GroupViewProps {
  group: GroupInfo
  chat: GroupConversation | undefined
  /** who is typing in it: PeerId -> shown name */
  typing: Record<string, string>
  progress: Record<string, GroupProgress>
  contacts: Contact[]
  me: DaemonStatus
  epoch: number
  canSend: boolean
  visible: boolean
  dispatch: (action: Action) => void
  onBack: () => void
}

let localIds = 0

export function GroupView (props: GroupViewProps): JSX.Element {
  const { group, chat, dispatch, me } = props
  const id = group.id
  const messages = chat?.messages ?? []
  const list = useRef<HTMLOListElement>(null)
  const reading = useRef(new Set<string>())
  const [showMembers, setShowMembers] = useState(false)

  useEffect(() => {
    api.groups.history(id, PAGE).then(
      found => { dispatch({ type: 'group-history', group: id, messages: found, older: false, hasMore: found.length >= PAGE }) },
      () => {}
    )
  }, [id, props.epoch])

  const unreadIds = messages.filter(m => m.direction === 'in' && m.state === 'received' && !reading.current.has(m.id)).map(m => m.id)
  useEffect(() => {
    if (!props.visible || chat?.loaded !== true) return
    if (unreadIds.length === 0 && group.unread === 0) return
    const ids = unreadIds.length > 0 ? unreadIds : undefined
    for (const x of unreadIds) reading.current.add(x)
    api.groups.read(id, ids).then(() => { dispatch({ type: 'group-read', group: id, ids }) }, () => {
      for (const x of unreadIds) reading.current.delete(x)
    })
  }, [props.visible, chat?.loaded, unreadIds.join(), group.unread === 0])

  // a typing flag with no update for a while is dropped, as in a person's conversation
  const typers = Object.entries(props.typing)
  useEffect(() => {
    const timers = typers.map(([peer]) => setTimeout(() => { dispatch({ type: 'group-typing-expired', group: id, peer }) }, TYPING_STALE_MS))
    return () => { for (const t of timers) clearTimeout(t) }
  }, [typers.map(([peer]) => peer).join(), id])

  const atBottom = useRef(true)
  useLayoutEffect(() => {
    const el = list.current
    if (el !== null && (atBottom.current || messages.at(-1)?.direction === 'out')) el.scrollTop = el.scrollHeight
  }, [messages.length, messages.at(-1)?.id, id])

  const loadOlder = (): void => {
    const first = messages[0]
    if (first === undefined) return
    api.groups.history(id, PAGE, first.sentAt).then(
      found => { dispatch({ type: 'group-history', group: id, messages: found, older: true, hasMore: found.length >= PAGE }) },
      () => {}
    )
  }

  const send = (body: string): void => {
    const localId = `local-group-${++localIds}`
    const now = Date.now()
    dispatch({
      type: 'group-sending',
      message: { id: localId, from: me.name, group: group.name, groupId: id, body, sentAt: now, state: 'sending', direction: 'out', peerId: me.peerId, receivedAt: now }
    })
    api.groups.send(id, body).then(
      result => { dispatch({ type: 'group-sent', localId, group: id, result }) },
      (err: Error) => { dispatch({ type: 'group-send-failed', localId, group: id, error: err.message }) }
    )
  }

  const rows: JSX.Element[] = []
  messages.forEach((m, i) => {
    if (i === 0 || !sameDay(messages[i - 1].sentAt, m.sentAt)) {
      rows.push(<li key={`day-${m.sentAt}`} class="day" role="separator"><span>{dayLabel(m.sentAt)}</span></li>)
    }
    rows.push(<Post key={m.id} m={m} p={props.progress[m.id]} sender={props.contacts.find(c => c.peerId === m.peerId)} />)
  })
  const online = group.memberPeerIds.filter(p => p !== me.peerId && props.contacts.some(c => c.peerId === p && c.online)).length

  return (
    <section class="conversation group-view" aria-labelledby="conversation-name" data-group={id}>
      <header class="conversation-head">
        <button type="button" class="back" aria-label="Back to people" onClick={props.onBack}>‹</button>
        <span class="group-mark" aria-hidden="true">#</span>
        <div class="who">
          <h2 id="conversation-name"><bdi>{group.name}</bdi></h2>
          <p class="status-text">{groupLine(group)}{group.member ? ` · ${online} online` : ''}</p>
        </div>
        <button type="button" class="link-button members-toggle" aria-expanded={showMembers} onClick={() => { setShowMembers(!showMembers) }}>
          Members ({group.members.length})
        </button>
      </header>
      {showMembers && <GroupMembers group={group} contacts={props.contacts} me={me} dispatch={dispatch} />}
      <ol class="messages" ref={list} aria-label={`Messages in ${group.name}`} aria-live="polite" aria-relevant="additions"
        onScroll={e => { const el = e.currentTarget; atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48 }}>
        {chat?.hasMore === true && (
          <li class="older"><button type="button" class="link-button" onClick={loadOlder}>Earlier messages</button></li>
        )}
        {chat?.loaded === true && messages.length === 0 && <li class="empty">No messages in {group.name} yet.</li>}
        {rows}
      </ol>
      <p class="typing" aria-live="polite">{typingLine(typers.map(([, name]) => name))}</p>
      {group.member
        ? <Composer name={group.name} peer={`group:${id}`} disabled={!props.canSend} onSend={send} maxBytes={MAX_GROUP_BODY_BYTES}
            onTyping={on => { api.groups.typing(id, on).catch(() => {}) }} />
        : <p class="note">You are no longer a member of this group; its history stays here.</p>}
    </section>
  )
}
