/**
 * Groups beside people: the everyone room and my groups in the side panel
 * (unread counts, how many members), and the form that makes a new group
 * (a name and people picked from the people list). Group and member names
 * come from the network: they are rendered as text, never as markup.
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { Contact, GroupInfo } from '../../../types.js'
import { api } from '../api.js'
import { EVERYONE } from '../group-store.js'
import { listOf } from '../store.js'
import type { Action } from '../store.js'
import { Unverified } from './contacts.js'

/** The line under a group's name. */
export function groupLine (g: GroupInfo): string {
  if (!g.member) return 'you are no longer a member'
  if (g.id === EVERYONE) return `everyone registered · ${g.members.length}`
  return `${g.members.length} member${g.members.length === 1 ? '' : 's'}`
}

interface GroupListProps {
  groups: GroupInfo[]
  /** the id of the open group */
  open: string | undefined
  /** what the search box holds (lower case, trimmed) */
  wanted: string
  onSelect: (group: string) => void
  onNew: () => void
}

export function GroupList ({ groups, open, wanted, onSelect, onNew }: GroupListProps): JSX.Element {
  // a group I left stays reachable while it is open; the list shows the groups I am in
  const shown = groups.filter(g => (g.member || g.id === open) && (wanted === '' || g.name.toLowerCase().includes(wanted)))
  return (
    <section class="list groups" aria-labelledby="groups-head">
      <div class="list-head-row">
        <h2 id="groups-head" class="list-head">Groups</h2>
        <button type="button" class="link-button new-group" onClick={onNew}>New group</button>
      </div>
      <ul class="contact-list" aria-labelledby="groups-head">
        {shown.map(g => (
          <li key={g.id}>
            <button type="button" class={g.member ? 'group' : 'group left'} data-group={g.id} data-name={g.name}
              aria-current={open === g.id ? 'true' : undefined} onClick={() => { onSelect(g.id) }}>
              <span class="group-mark" aria-hidden="true">#</span>
              <span class="who">
                <span class="name"><bdi>{g.name}</bdi></span>
                <span class="status-text">{groupLine(g)}</span>
              </span>
              {g.unread > 0 && <span class="unread" aria-label={`${g.unread} unread`}>{g.unread}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

interface NewGroupProps {
  contacts: Contact[]
  dispatch: (action: Action) => void
  onDone: (group: string | undefined) => void
}

/** Longest group name the daemon accepts (1-64 characters). */
const MAX_GROUP_NAME_CHARS = 64

export function NewGroup ({ contacts, dispatch, onDone }: NewGroupProps): JSX.Element {
  const [name, setName] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const people = contacts.filter(c => listOf(c) === 'people')
  const toggle = (peer: string, on: boolean): void => { setPicked(on ? [...picked, peer] : picked.filter(p => p !== peer)) }

  const create = (): void => {
    if (name.trim() === '' || busy) return
    setBusy(true)
    setProblem('')
    api.groups.create(name.trim(), picked).then(group => {
      dispatch({ type: 'group-info', group })
      onDone(group.id)
    }, (err: Error) => {
      setProblem(err.message)
      setBusy(false)
    })
  }

  return (
    <section class="new-group-form" aria-labelledby="new-group-head">
      <header class="conversation-head">
        <button type="button" class="back" aria-label="Back" onClick={() => { onDone(undefined) }}>‹</button>
        <h2 id="new-group-head">New group</h2>
      </header>
      <form class="group-form" onSubmit={e => { e.preventDefault(); create() }}>
        <label for="group-name">Name</label>
        <input id="group-name" type="text" maxLength={MAX_GROUP_NAME_CHARS} autocomplete="off" value={name}
          onInput={e => { setName(e.currentTarget.value) }} />
        <fieldset>
          <legend>Members (you are its admin)</legend>
          {people.length === 0 && <p class="empty">Nobody else is known yet.</p>}
          <ul class="pick-list">
            {people.map(c => (
              <li key={c.peerId}>
                <label data-peer={c.peerId} data-name={c.name}>
                  <input type="checkbox" checked={picked.includes(c.peerId)} onChange={e => { toggle(c.peerId, e.currentTarget.checked) }} />
                  <bdi>{c.name}</bdi> <Unverified contact={c} />
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="form-actions">
          <button type="submit" disabled={busy || name.trim() === ''}>Create group</button>
          <button type="button" class="link-button" onClick={() => { onDone(undefined) }}>Cancel</button>
        </div>
        {problem !== '' && <p class="problem" role="alert">{problem}</p>}
      </form>
    </section>
  )
}
