/**
 * The people list: everyone the daemon knows, online first, offline people
 * greyed, a status dot and text, unread counts, and a search box over names.
 * Arrow keys move between people; Enter or Space opens a conversation.
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { Contact } from '../../../types.js'
import { lastSeen } from '../format.js'
import { key } from '../store.js'

/** The words under a name: the status (or when they were last seen) and the status text. */
export function statusLine (c: Contact): string {
  const word = c.online ? c.status : lastSeen(c.lastSeen)
  return c.online && c.statusText !== '' ? `${word} · ${c.statusText}` : word
}

export function StatusDot ({ status }: { status: Contact['status'] }): JSX.Element {
  return <span class={`dot ${status}`} aria-hidden="true" />
}

interface ContactsProps {
  contacts: Contact[]
  selected: string | undefined
  onSelect: (name: string) => void
}

/** Up/Down/Home/End move the focus along the list, as in a menu. */
function moveFocus (event: KeyboardEvent): void {
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.contact')]
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key]
  if (next === undefined || buttons.length === 0) return
  event.preventDefault()
  buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus()
}

export function Contacts ({ contacts, selected, onSelect }: ContactsProps): JSX.Element {
  const [query, setQuery] = useState('')
  const wanted = query.trim().toLowerCase()
  const shown = wanted === '' ? contacts : contacts.filter(c => c.name.toLowerCase().includes(wanted))
  return (
    <nav class="contacts" aria-label="People">
      <label class="visually-hidden" for="search">Search people by name</label>
      <input id="search" class="search" type="search" placeholder="Search people" autocomplete="off"
        value={query} onInput={e => { setQuery(e.currentTarget.value) }} />
      <ul class="contact-list" onKeyDown={moveFocus}>
        {shown.map(c => (
          <li key={c.peerId}>
            <button type="button" class={c.online ? 'contact' : 'contact offline'} data-name={c.name} data-online={String(c.online)}
              aria-current={selected !== undefined && key(selected) === key(c.name) ? 'true' : undefined}
              onClick={() => { onSelect(c.name) }}>
              <StatusDot status={c.status} />
              <span class="who">
                <span class="name">{c.name}</span>
                <span class="status-text">{statusLine(c)}</span>
              </span>
              {c.unread > 0 && <span class="unread" aria-label={`${c.unread} unread`}>{c.unread}</span>}
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p class="empty">{contacts.length === 0 ? 'Nobody else is known yet.' : `Nobody called “${query.trim()}”.`}</p>}
    </nav>
  )
}
