/**
 * The people list: colleagues, LAN peers and strangers I answered, online
 * first, offline people greyed, a status dot and text, unread counts, and a
 * search box over names. Strangers who only wrote to me wait apart, under
 * "Message requests"; blocked people under "Blocked". Everyone is keyed by
 * PeerId; a name the index server has not verified says so.
 * Arrow keys move between people; Enter or Space opens a conversation.
 */
import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { Contact, GroupInfo, SearchResult } from '../../../types.js'
import { api } from '../api.js'
import { lastSeen, timeLabel, dayLabel } from '../format.js'
import { listOf } from '../store.js'
import type { Focus } from '../store.js'
import { GroupList } from './groups.js'

/** Wait this long after the last keystroke before searching messages (one request per pause, not per key). */
const SEARCH_DEBOUNCE_MS = 250
/** Message hits shown under the people. */
const SEARCH_HITS = 20

/** The words under a name: the status (or when they were last seen) and the status text. */
export function statusLine (c: Contact): string {
  const word = c.online ? c.status : lastSeen(c.lastSeen)
  return c.online && c.statusText !== '' ? `${word} · ${c.statusText}` : word
}

export function StatusDot ({ status }: { status: Contact['status'] }): JSX.Element {
  return <span class={`dot ${status}`} aria-hidden="true" />
}

/** "unverified", and the name they give themselves when it is not the one shown (someone else's, or not allowed). */
export function Unverified ({ contact }: { contact: Contact }): JSX.Element | null {
  if (contact.verified) return null
  const other = contact.claimedName !== '' && contact.claimedName !== contact.name
  return (
    <span class="unverified" title="The index server has not confirmed who this is">
      unverified{other && <> · calls itself “<bdi>{contact.claimedName}</bdi>”</>}
    </span>
  )
}

interface ContactsProps {
  contacts: Contact[]
  /** the PeerId of the open conversation */
  selected: string | undefined
  onSelect: (peerId: string) => void
  /** open a conversation at a message found by the search box */
  onOpenHit: (focus: Focus) => void
  /** the everyone room and my groups, listed above people */
  groups: GroupInfo[]
  /** the id of the open group */
  openGroup: string | undefined
  /** open a group (from its row, or a post of it found by the search box) */
  onSelectGroup: (group: string) => void
  onNewGroup: () => void
}

/** A snippet with its matches in <mark>: text nodes only, never HTML. */
export function Marked ({ text, matches }: { text: string, matches: Array<[number, number]> }): JSX.Element {
  const parts: JSX.Element[] = []
  let at = 0
  matches.forEach(([start, end], i) => {
    if (start > at) parts.push(<span key={`t${i}`}>{text.slice(at, start)}</span>)
    parts.push(<mark key={`m${i}`}>{text.slice(start, end)}</mark>)
    at = end
  })
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>)
  return <>{parts}</>
}

/** Messages that contain the words in the search box, fetched after a pause in typing. */
function useMessageSearch (query: string): { hits: SearchResult[], problem: string | undefined } {
  const [found, setFound] = useState<{ hits: SearchResult[], problem: string | undefined }>({ hits: [], problem: undefined })
  useEffect(() => {
    const text = query.trim()
    if (text === '') {
      setFound({ hits: [], problem: undefined })
      return
    }
    let current = true
    const timer = setTimeout(() => {
      api.search(text, SEARCH_HITS).then(
        hits => { if (current) setFound({ hits, problem: undefined }) },
        (err: Error) => { if (current) setFound({ hits: [], problem: err.message }) }
      )
    }, SEARCH_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [query])
  return found
}

/** Up/Down/Home/End move the focus along the lists, as in a menu. */
function moveFocus (event: KeyboardEvent): void {
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.contact, button.group')]
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key]
  if (next === undefined || buttons.length === 0) return
  event.preventDefault()
  buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus()
}

function Row ({ c, selected, onSelect }: { c: Contact, selected: string | undefined, onSelect: (peerId: string) => void }): JSX.Element {
  return (
    <li key={c.peerId}>
      <button type="button" class={c.online ? 'contact' : 'contact offline'} data-name={c.name} data-peer={c.peerId}
        data-online={String(c.online)} data-trust={c.trust}
        aria-current={selected === c.peerId ? 'true' : undefined}
        onClick={() => { onSelect(c.peerId) }}>
        <StatusDot status={c.status} />
        <span class="who">
          <span class="name"><bdi>{c.name}</bdi></span>
          <span class="status-text">{statusLine(c)}</span>
          <Unverified contact={c} />
        </span>
        {c.unread > 0 && <span class="unread" aria-label={`${c.unread} unread`}>{c.unread}</span>}
      </button>
    </li>
  )
}

export function Contacts ({ contacts, selected, onSelect, onOpenHit, groups, openGroup, onSelectGroup, onNewGroup }: ContactsProps): JSX.Element {
  const [query, setQuery] = useState('')
  const messages = useMessageSearch(query)
  const wanted = query.trim().toLowerCase()
  const matches = wanted === '' ? contacts : contacts.filter(c => c.name.toLowerCase().includes(wanted) || c.claimedName.toLowerCase().includes(wanted))
  const people = matches.filter(c => listOf(c) === 'people')
  const requests = matches.filter(c => listOf(c) === 'requests')
  const blocked = matches.filter(c => listOf(c) === 'blocked')
  const row = (c: Contact): JSX.Element => <Row key={c.peerId} c={c} selected={selected} onSelect={onSelect} />
  return (
    <nav class="contacts" aria-label="People" onKeyDown={moveFocus}>
      <label class="visually-hidden" for="search">Search people and messages</label>
      <input id="search" class="search" type="search" placeholder="Search people and messages" autocomplete="off"
        value={query} onInput={e => { setQuery(e.currentTarget.value) }} />
      <div class="lists">
        <GroupList groups={groups} open={openGroup} wanted={wanted} onSelect={onSelectGroup} onNew={onNewGroup} />
        <h2 class="list-head">People</h2>
        <ul class="contact-list" aria-label="People">{people.map(row)}</ul>
        {people.length === 0 && <p class="empty">{contacts.length === 0 ? 'Nobody else is known yet.' : wanted !== '' ? `Nobody called “${query.trim()}”.` : 'Nobody else is known yet.'}</p>}
        {requests.length > 0 && (
          <section class="list requests" aria-labelledby="requests-head">
            <h2 id="requests-head" class="list-head">Message requests ({requests.length})</h2>
            <p class="list-note">Strangers who wrote to you. Reply to accept one, or block them.</p>
            <ul class="contact-list" aria-labelledby="requests-head">{requests.map(row)}</ul>
          </section>
        )}
        {blocked.length > 0 && (
          <details class="list blocked">
            <summary class="list-head">Blocked ({blocked.length})</summary>
            <ul class="contact-list">{blocked.map(row)}</ul>
          </details>
        )}
        {wanted !== '' && (
          <section class="list results" aria-labelledby="results-head" aria-live="polite">
            <h2 id="results-head" class="list-head">Messages</h2>
            {messages.problem !== undefined && <p class="list-note problem">{messages.problem}</p>}
            {messages.problem === undefined && messages.hits.length === 0 && <p class="list-note">No message contains “{query.trim()}”.</p>}
            <ul class="contact-list">
              {messages.hits.map(hit => (
                <li key={hit.id}>
                  <button type="button" class="hit" data-id={hit.id} data-peer={hit.peerId} data-group={hit.groupId}
                    onClick={() => {
                      // a group post opens its group; a message opens the conversation at it
                      if (hit.groupId !== undefined) onSelectGroup(hit.groupId)
                      else onOpenHit({ peer: hit.peerId, id: hit.id, words: query.trim().replace(/^"(.*)"$/s, '$1').split(/\s+/u) })
                    }}>
                    <span class="hit-head"><bdi class="name">{hit.conversation}</bdi> <time>{dayLabel(hit.sentAt)} {timeLabel(hit.sentAt)}</time></span>
                    <span class="hit-snippet">{hit.direction === 'out' ? 'You: ' : ''}<Marked text={hit.snippet} matches={hit.matches} /></span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </nav>
  )
}
