/**
 * A group's members: names (as text; an unverified one says so, as in the
 * people list), who is an admin, who is online. An admin adds and removes
 * members, names other admins and renames the group; anyone but the everyone
 * room's members leaves. The daemon's refusal shows in one plain line.
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { Contact, DaemonStatus, GroupInfo } from '../../../types.js'
import { api } from '../api.js'
import { EVERYONE } from '../group-store.js'
import { listOf } from '../store.js'
import type { Action } from '../store.js'
import { StatusDot, statusLine, Unverified } from './contacts.js'

interface MembersProps {
  group: GroupInfo
  contacts: Contact[]
  me: DaemonStatus
  dispatch: (action: Action) => void
}

export function GroupMembers ({ group, contacts, me, dispatch }: MembersProps): JSX.Element {
  const [problem, setProblem] = useState('')
  const [adding, setAdding] = useState('')
  const [newName, setNewName] = useState('')
  const fixed = group.id === EVERYONE
  const iAdmin = !fixed && group.member && group.adminPeerIds.includes(me.peerId)

  const run = (change: Promise<GroupInfo>, after?: () => void): void => {
    setProblem('')
    change.then(info => {
      dispatch({ type: 'group-info', group: info })
      after?.()
    }, (err: Error) => { setProblem(err.message) })
  }

  const outside = contacts.filter(c => listOf(c) === 'people' && !group.memberPeerIds.includes(c.peerId))
  return (
    <section class="members" aria-label={`Members of ${group.name}`}>
      <ul class="member-list">
        {group.memberPeerIds.map((peer, i) => {
          const name = group.members[i] ?? peer
          const mine = peer === me.peerId
          const contact = contacts.find(c => c.peerId === peer)
          const admin = group.adminPeerIds.includes(peer)
          const online = mine || contact?.online === true
          return (
            <li key={peer} class="member" data-peer={peer} data-name={name} data-admin={String(admin)} data-online={String(online)}>
              <StatusDot status={mine ? me.status : contact?.status ?? 'offline'} />
              <span class="who">
                <span class="name"><bdi>{name}</bdi>{mine && ' (you)'}{admin && <span class="badge">admin</span>}</span>
                <span class="status-text">{mine ? 'you' : contact !== undefined ? statusLine(contact) : 'not in your people list'}</span>
                {contact !== undefined && <Unverified contact={contact} />}
              </span>
              {iAdmin && !mine && (
                <span class="member-actions">
                  {!admin && <button type="button" class="link-button make-admin" onClick={() => { run(api.groups.change(group.id, 'admin', [peer])) }}>Make admin</button>}
                  <button type="button" class="link-button remove" onClick={() => { run(api.groups.change(group.id, 'remove', [peer])) }}>Remove</button>
                </span>
              )}
            </li>
          )
        })}
      </ul>
      {iAdmin && (
        <div class="admin-forms">
          <form class="inline-form add-member" onSubmit={e => { e.preventDefault(); if (adding !== '') run(api.groups.change(group.id, 'add', [adding]), () => { setAdding('') }) }}>
            <label for="add-member">Add</label>
            <select id="add-member" value={adding} onChange={e => { setAdding(e.currentTarget.value) }}>
              <option value="">someone…</option>
              {outside.map(c => <option key={c.peerId} value={c.peerId}>{c.verified ? c.name : `${c.name} (unverified)`}</option>)}
            </select>
            <button type="submit" disabled={adding === ''}>Add</button>
          </form>
          <form class="inline-form rename" onSubmit={e => { e.preventDefault(); if (newName.trim() !== '') run(api.groups.rename(group.id, newName.trim()), () => { setNewName('') }) }}>
            <label for="rename-group">Rename</label>
            <input id="rename-group" type="text" maxLength={64} autocomplete="off" placeholder={group.name} value={newName}
              onInput={e => { setNewName(e.currentTarget.value) }} />
            <button type="submit" disabled={newName.trim() === ''}>Rename</button>
          </form>
        </div>
      )}
      {!fixed && group.member && (
        <button type="button" class="link-button leave" onClick={() => { run(api.groups.leave(group.id)) }}>Leave this group</button>
      )}
      {problem !== '' && <p class="problem" role="alert">{problem}</p>}
    </section>
  )
}
