/**
 * One conversation: the person's status and typing, the history with day
 * separators and times, the state of each of my messages, and the composer.
 * While it is on screen (and the tab visible), incoming messages are marked
 * read, which sends read receipts back. Bodies are text; only http(s) links
 * become <a> elements.
 */
import type { JSX } from 'preact'
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import type { Contact, ExpiryReason } from '../../../types.js'
import { api } from '../api.js'
import { dayLabel, linkify, sameDay, timeLabel } from '../format.js'
import { STATE_LABEL } from '../states.js'
import type { Action, Conversation as ConversationState, Focus, ShownMessage, ShownState } from '../store.js'
import { Composer } from './composer.js'
import { SendFiles } from './send-files.js'
import { StatusDot, statusLine, Unverified } from './contacts.js'

/** Messages fetched at a time (GET /api/messages allows up to 1000). */
const PAGE = 100
/** A typing flag with no update for this long is dropped (the other side may have closed its window). */
export const TYPING_STALE_MS = 8000

/** Why a message expired, in words (ChatMessage.reason). */
const EXPIRED_BECAUSE: Record<ExpiryReason, string> = {
  retention: 'it waited at the index server longer than it keeps messages',
  released: 'the administrator released the name it was for',
  refused: 'the recipient\'s computer refused it'
}

function stateTitle (state: ShownState, name: string, reason?: ExpiryReason): string {
  switch (state) {
    case 'expired': return `${name} never got it: ${EXPIRED_BECAUSE[reason ?? 'retention']}`
    case 'queued': return `neither ${name} nor the index server can be reached; it waits on this computer and goes out when one is back`
    case 'relayed': return `${name} is offline; the index server keeps it until ${name} logs in`
    case 'delivered': return `${name}'s computer has it`
    case 'read': return `${name} has read it`
    default: return ''
  }
}

/** Most pages of older messages loaded to reach a search hit (100 each). */
const MAX_FOCUS_PAGES = 50

function escapeRegExp (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Text with the words of a search in <mark> (text nodes only). */
function marked (text: string, words: string[] | undefined, key: number): Array<JSX.Element | string> {
  const wanted = (words ?? []).filter(w => w !== '')
  if (wanted.length === 0) return [text]
  const out: Array<JSX.Element | string> = []
  let at = 0
  for (const m of text.matchAll(new RegExp(wanted.map(escapeRegExp).join('|'), 'giu'))) {
    if (m.index > at) out.push(text.slice(at, m.index))
    out.push(<mark key={`${key}-${m.index}`}>{m[0]}</mark>)
    at = m.index + m[0].length
  }
  out.push(text.slice(at))
  return out
}

export function Body ({ text, words }: { text: string, words?: string[] }): JSX.Element {
  return (
    <p class="body">
      {linkify(text).map((piece, i) => 'link' in piece
        ? <a key={i} href={piece.link} target="_blank" rel="noopener noreferrer">{piece.link}</a>
        : marked(piece.text, words, i))}
    </p>
  )
}

function Message ({ m, name, onResend, hit }: { m: ShownMessage, name: string, onResend: (body: string) => void, hit?: string[] }): JSX.Element {
  return (
    <li class={`msg ${m.direction}${hit !== undefined ? ' hit' : ''}`} data-id={m.id} data-state={m.state}>
      <Body text={m.body} words={hit} />
      <p class="meta">
        <time dateTime={new Date(m.sentAt).toISOString()}>{timeLabel(m.sentAt)}</time>
        {m.direction === 'out' && <span class="state" title={stateTitle(m.state, name, m.reason)}>{STATE_LABEL[m.state]}</span>}
      </p>
      {m.state === 'expired' && (
        <p class="problem expired" role="note">
          Not delivered: {EXPIRED_BECAUSE[m.reason ?? 'retention']}.{' '}
          <button type="button" class="link-button resend" onClick={() => { onResend(m.body) }}>Send again</button>
        </p>
      )}
      {m.error !== undefined && <p class="problem" role="alert">{m.error}</p>}
    </li>
  )
}

interface ConversationProps {
  contact: Contact
  /** a search hit to scroll to and highlight */
  focus: Focus | undefined
  conversation: ConversationState | undefined
  typing: boolean
  epoch: number
  canSend: boolean
  indexConnected: boolean
  visible: boolean
  dispatch: (action: Action) => void
  onBack: () => void
  onSend: (to: string, body: string) => void
}

/**
 * What the person should know before writing: a stranger's request (reply to
 * accept, or block), a name the index server has not verified, a block.
 */
function Trust ({ contact, dispatch }: { contact: Contact, dispatch: (action: Action) => void }): JSX.Element | null {
  const peer = contact.peerId
  const fail = (err: Error): void => { dispatch({ type: 'event', event: { type: 'warning', text: err.message } }) }
  const block = (): void => { api.block(peer).then(c => { dispatch({ type: 'contact', contact: c }) }, fail) }
  const unblock = (): void => { api.unblock(peer).then(c => { dispatch({ type: 'contact', contact: c }) }, fail) }
  const forget = (): void => { api.forget(peer).then(() => { dispatch({ type: 'event', event: { type: 'forgotten', peerId: peer } }) }, fail) }
  const other = contact.claimedName !== '' && contact.claimedName !== contact.name
  if (contact.trust === 'blocked') {
    return (
      <div class="trust blocked" role="note">
        <p>You blocked this person: nothing they send reaches you.</p>
        <button type="button" class="link-button" onClick={unblock}>Unblock</button>
        <button type="button" class="link-button" onClick={forget}>Forget them and this conversation</button>
      </div>
    )
  }
  if (contact.verified) {
    return <div class="trust-actions"><button type="button" class="link-button" onClick={block}>Block</button></div>
  }
  return (
    <div class={contact.trust === 'request' ? 'trust request' : 'trust'} role="note">
      <p>
        {contact.trust === 'request' ? 'A message request: this stranger wrote to you and ' : 'Unverified: '}
        the index server has not confirmed who this is{other ? <>. They call themselves “<bdi>{contact.claimedName}</bdi>”, a name that belongs to someone else or is not allowed</> : ''}.
        {' '}Key: <code class="peer-id">{peer}</code>
      </p>
      {contact.trust === 'request' && <p>Reply to accept them into your people list.</p>}
      <button type="button" class="link-button" onClick={block}>Block</button>
      <button type="button" class="link-button" onClick={forget}>Forget them and this conversation</button>
    </div>
  )
}

export function Conversation (props: ConversationProps): JSX.Element {
  const { contact, conversation, typing, dispatch } = props
  const name = contact.name
  const peer = contact.peerId
  const messages = conversation?.messages ?? []
  const list = useRef<HTMLOListElement>(null)
  const reading = useRef(new Set<string>())

  // the history, again after every reconnect: messages may have come and states moved while the page was away
  useEffect(() => {
    api.history(peer, PAGE).then(
      found => { dispatch({ type: 'history', peer, messages: found, older: false, hasMore: found.length >= PAGE }) },
      () => {}
    )
  }, [peer, props.epoch])

  // read receipts: only for what is on screen in a visible tab
  const unreadIds = messages.filter(m => m.direction === 'in' && m.state === 'received' && !reading.current.has(m.id)).map(m => m.id)
  useEffect(() => {
    if (!props.visible || conversation?.loaded !== true) return
    if (unreadIds.length === 0 && contact.unread === 0) return
    const ids = unreadIds.length > 0 ? unreadIds : undefined
    for (const id of unreadIds) reading.current.add(id)
    api.read(peer, ids).then(() => { dispatch({ type: 'read', peer, ids }) }, () => {
      for (const id of unreadIds) reading.current.delete(id)
    })
  }, [props.visible, conversation?.loaded, unreadIds.join(), contact.unread === 0])

  useEffect(() => {
    if (!typing) return
    const timer = setTimeout(() => { dispatch({ type: 'typing-expired', peer }) }, TYPING_STALE_MS)
    return () => { clearTimeout(timer) }
  }, [typing, peer])

  // stay at the newest message unless the person scrolled up to read older ones
  const atBottom = useRef(true)
  useLayoutEffect(() => {
    const el = list.current
    if (el !== null && (atBottom.current || messages.at(-1)?.direction === 'out')) el.scrollTop = el.scrollHeight
  }, [messages.length, messages.at(-1)?.id, peer])

  const loadOlder = (): void => {
    const first = messages[0]
    if (first === undefined) return
    api.history(peer, PAGE, first.sentAt).then(
      found => { dispatch({ type: 'history', peer, messages: found, older: true, hasMore: found.length >= PAGE }) },
      () => {}
    )
  }

  // a search hit: page back until it is loaded (bounded), then bring it into view
  const focus = props.focus?.peer === peer ? props.focus : undefined
  const focusPages = useRef(0)
  const focused = focus !== undefined && messages.some(m => m.id === focus.id)
  useEffect(() => { focusPages.current = 0 }, [focus?.id])
  useEffect(() => {
    if (focus === undefined || conversation?.loaded !== true) return
    if (focused) {
      atBottom.current = false
      list.current?.querySelector(`[data-id="${CSS.escape(focus.id)}"]`)?.scrollIntoView({ block: 'center' })
      return
    }
    if (conversation.hasMore && focusPages.current < MAX_FOCUS_PAGES) {
      focusPages.current++
      loadOlder()
    }
  }, [focus?.id, focused, conversation?.loaded, messages.length])

  const rows: JSX.Element[] = []
  messages.forEach((m, i) => {
    if (i === 0 || !sameDay(messages[i - 1].sentAt, m.sentAt)) {
      rows.push(<li key={`day-${m.sentAt}`} class="day" role="separator"><span>{dayLabel(m.sentAt)}</span></li>)
    }
    rows.push(<Message key={m.id} m={m} name={name} onResend={body => { props.onSend(peer, body) }} hit={focus?.id === m.id ? focus.words : undefined} />)
  })

  return (
    <section class="conversation" aria-labelledby="conversation-name">
      <header class="conversation-head">
        <button type="button" class="back" aria-label="Back to people" onClick={props.onBack}>‹</button>
        <StatusDot status={contact.status} />
        <div class="who">
          <h2 id="conversation-name"><bdi>{name}</bdi></h2>
          <p class="status-text">{statusLine(contact)}</p>
          <Unverified contact={contact} />
        </div>
      </header>
      <Trust contact={contact} dispatch={dispatch} />
      <ol class="messages" ref={list} aria-label={`Messages with ${name}`} aria-live="polite" aria-relevant="additions"
        onScroll={e => { const el = e.currentTarget; atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48 }}>
        {conversation?.hasMore === true && (
          <li class="older"><button type="button" class="link-button" onClick={loadOlder}>Earlier messages</button></li>
        )}
        {conversation?.loaded === true && messages.length === 0 && <li class="empty">No messages with {name} yet.</li>}
        {rows}
      </ol>
      <p class="typing" aria-live="polite">{typing ? `${name} is typing…` : ''}</p>
      {!contact.online && contact.trust !== 'blocked' && (
        <p class="note">
          {name} is offline. {props.indexConnected
            ? 'Messages go to the index server, which keeps them until they log in (shown as relayed).'
            : 'The index server is out of reach too: messages wait on this computer (queued).'}
        </p>
      )}
      {contact.trust !== 'blocked' && (
        <SendFiles peer={peer} name={name} disabled={!props.canSend}>
          <Composer name={name} peer={peer} disabled={!props.canSend} onSend={body => { props.onSend(peer, body) }} />
        </SendFiles>
      )}
    </section>
  )
}
