/**
 * The whole page: the people list and my status on one side, the open
 * conversation on the other (one or the other on a narrow screen), fed by the
 * daemon's event stream. Shows "not authorised" without a session.
 */
import type { JSX } from 'preact'
import { useEffect, useReducer, useRef, useState } from 'preact/hooks'
import type { DaemonEvent } from '../../../types.js'
import { api } from '../api.js'
import { connect } from '../connection.js'
import { initialState, listOf, reduce } from '../store.js'
import type { State } from '../store.js'
import { Contacts } from './contacts.js'
import { Conversation } from './conversation.js'
import { Files } from './files.js'
import { GroupView } from './group-view.js'
import { NewGroup } from './groups.js'
import { MyStatus } from './my-status.js'
import { Connecting, LinkBanner, NotAuthorised, Warnings } from './notices.js'

/** Most characters of a message shown in a notification. */
const NOTIFICATION_CHARS = 200

function useVisible (): boolean {
  const [visible, setVisible] = useState(document.visibilityState === 'visible')
  useEffect(() => {
    const update = (): void => { setVisible(document.visibilityState === 'visible') }
    document.addEventListener('visibilitychange', update)
    return () => { document.removeEventListener('visibilitychange', update) }
  }, [])
  return visible
}

/** A browser notification for a message (or a group post) that arrives while the tab is hidden, when the person allowed them. */
function notify (event: DaemonEvent, select: (peer: string) => void, selectGroup: (group: string) => void): void {
  if (document.visibilityState !== 'hidden' || typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  if (event.type === 'group-message' && event.message.direction === 'in') {
    const { from, group, groupId, body } = event.message
    const note = new Notification(`${from} in ${group}`, { body: body.slice(0, NOTIFICATION_CHARS), tag: `lanchat-group-${groupId}` })
    note.onclick = () => {
      window.focus()
      selectGroup(groupId)
      note.close()
    }
    return
  }
  if (event.type !== 'message' || event.message.direction !== 'in') return
  const { from, body, peerId, verified } = event.message
  const note = new Notification(verified ? from : `${from} (unverified)`, { body: body.slice(0, NOTIFICATION_CHARS), tag: `lanchat-${peerId}` })
  note.onclick = () => {
    window.focus()
    select(peerId)
    note.close()
  }
}

let localIds = 0

export function App (): JSX.Element {
  const [state, dispatch] = useReducer(reduce, initialState)
  const visible = useVisible()
  const latest = useRef<State>(state)
  latest.current = state
  const select = (peer: string | undefined): void => {
    const from = latest.current.selected
    dispatch({ type: 'select', peer })
    // keyboard users land where they write, and back on the person they came from (after the render that shows it)
    requestAnimationFrame(() => {
      const target = peer !== undefined ? '#compose' : `button.contact[data-peer="${CSS.escape(from ?? '')}"]`
      document.querySelector<HTMLElement>(target)?.focus()
    })
  }

  const [creating, setCreating] = useState(false)
  const selectGroup = (group: string | undefined): void => {
    setCreating(false)
    dispatch({ type: 'select-group', group })
    requestAnimationFrame(() => { if (group !== undefined) document.querySelector<HTMLElement>('#compose')?.focus() })
  }

  useEffect(() => connect({ dispatch, onEvent: event => { notify(event, select, selectGroup) } }), [])

  const unread = state.contacts.reduce((sum, c) => sum + (listOf(c) === 'blocked' ? 0 : c.unread), 0) +
    state.groups.reduce((sum, g) => sum + (g.member ? g.unread : 0), 0)
  useEffect(() => {
    const me = state.me?.name
    document.title = `${unread > 0 ? `(${unread}) ` : ''}lanchat${me !== undefined ? ` · ${me}` : ''}`
  }, [unread, state.me?.name])

  if (state.link === 'unauthorised') return <NotAuthorised />
  if (state.me === undefined) return <Connecting />

  const send = (to: string, body: string): void => {
    const localId = `local-${++localIds}`
    const me = latest.current.me?.name ?? ''
    const contact = latest.current.contacts.find(c => c.peerId === to)
    const now = Date.now()
    dispatch({
      type: 'sending',
      message: { id: localId, from: me, to: contact?.name ?? to, body, sentAt: now, state: 'sending', direction: 'out', peerId: to, verified: contact?.verified ?? false, receivedAt: now }
    })
    api.send(to, body).then(
      result => { dispatch({ type: 'sent', localId, peer: to, result }) },
      (err: Error) => { dispatch({ type: 'send-failed', localId, peer: to, error: err.message }) }
    )
  }

  const contact = state.selected === undefined ? undefined : state.contacts.find(c => c.peerId === state.selected)
  const group = state.group === undefined ? undefined : state.groups.find(g => g.id === state.group)
  return (
    <div class={contact !== undefined || group !== undefined || creating ? 'app show-conversation' : 'app'}>
      <LinkBanner link={state.link} />
      <Warnings warnings={state.warnings} onDismiss={index => { dispatch({ type: 'dismiss-warning', index }) }} />
      <aside class="side">
        <MyStatus me={state.me} />
        <Contacts contacts={state.contacts} selected={creating ? undefined : state.selected} onSelect={peer => { setCreating(false); select(peer) }}
          onOpenHit={focus => { setCreating(false); dispatch({ type: 'focus', focus }) }}
          groups={state.groups} openGroup={creating ? undefined : state.group} onSelectGroup={selectGroup} onNewGroup={() => { setCreating(true) }} />
        <Files files={state.files} dispatch={dispatch} />
      </aside>
      <main class="main">
        {creating
          ? <NewGroup contacts={state.contacts} dispatch={dispatch} onDone={selectGroup} />
          : group !== undefined
          ? <GroupView key={group.id} group={group} chat={state.groupChats[group.id]} typing={state.groupTyping[group.id] ?? {}} progress={state.progress} contacts={state.contacts}
              me={state.me} epoch={state.epoch} canSend={state.link === 'open'} visible={visible} dispatch={dispatch}
              onBack={() => { selectGroup(undefined) }} />
          : contact !== undefined
          ? <Conversation contact={contact} focus={state.focus} conversation={state.conversations[contact.peerId]}
              typing={state.typing[contact.peerId] === true} epoch={state.epoch}
              canSend={state.link === 'open'} indexConnected={state.me.index.connected} visible={visible}
              dispatch={dispatch} onBack={() => { select(undefined) }} onSend={send} />
          : <p class="placeholder">Choose someone or a group to chat with.</p>}
      </main>
    </div>
  )
}
