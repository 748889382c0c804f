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
import { GroupConversation, GroupList } from './groups.js'
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

/** A browser notification for a message that arrives while the tab is hidden, when the person allowed them. */
function notify (event: DaemonEvent, select: (peer: string) => void): void {
  if (event.type !== 'message' || event.message.direction !== 'in') return
  if (document.visibilityState !== 'hidden' || typeof Notification === 'undefined' || Notification.permission !== 'granted') return
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

  useEffect(() => connect({ dispatch, onEvent: event => { notify(event, select) } }), [])

  const unread = state.contacts.reduce((sum, c) => sum + (listOf(c) === 'blocked' ? 0 : c.unread), 0) +
    state.groups.groups.reduce((sum, g) => sum + g.unread, 0)
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

  const sendToGroup = (groupId: string, body: string): void => {
    const localId = `local-${++localIds}`
    const me = latest.current.me
    const group = latest.current.groups.groups.find(g => g.id === groupId)
    const now = Date.now()
    dispatch({
      type: 'group-sending',
      post: { id: localId, from: me?.name ?? '', group: group?.name ?? groupId, groupId, body, sentAt: now, state: 'sending', direction: 'out', peerId: me?.peerId ?? '', receivedAt: now }
    })
    api.sendGroup(groupId, body).then(
      result => { dispatch({ type: 'group-sent', localId, groupId, result }) },
      (err: Error) => { dispatch({ type: 'group-send-failed', localId, groupId, error: err.message }) }
    )
  }
  const selectGroup = (groupId: string | undefined): void => {
    dispatch({ type: 'select-group', groupId })
    requestAnimationFrame(() => { if (groupId !== undefined) document.querySelector<HTMLElement>('#compose')?.focus() })
  }

  const contact = state.selected === undefined ? undefined : state.contacts.find(c => c.peerId === state.selected)
  const group = state.selectedGroup === undefined ? undefined : state.groups.groups.find(g => g.id === state.selectedGroup)
  return (
    <div class={contact !== undefined || group !== undefined ? 'app show-conversation' : 'app'}>
      <LinkBanner link={state.link} />
      <Warnings warnings={state.warnings} onDismiss={index => { dispatch({ type: 'dismiss-warning', index }) }} />
      <aside class="side">
        <MyStatus me={state.me} />
        <Contacts contacts={state.contacts} selected={state.selected} onSelect={select}
          onOpenHit={focus => { dispatch({ type: 'focus', focus }) }} onOpenGroup={selectGroup} />
        <GroupList groups={state.groups.groups} selected={state.selectedGroup} onSelect={selectGroup} />
      </aside>
      <main class="main">
        {group !== undefined && (
          <GroupConversation group={group} thread={state.groups.threads[group.id]} typing={state.groups.typing[group.id] ?? {}} epoch={state.epoch}
            canSend={state.link === 'open'} visible={visible} dispatch={dispatch}
            onBack={() => { selectGroup(undefined) }} onSend={sendToGroup} />
        )}
        {group !== undefined ? null : contact !== undefined
          ? <Conversation contact={contact} focus={state.focus} conversation={state.conversations[contact.peerId]}
              typing={state.typing[contact.peerId] === true} epoch={state.epoch}
              canSend={state.link === 'open'} indexConnected={state.me.index.connected} visible={visible}
              dispatch={dispatch} onBack={() => { select(undefined) }} onSend={send} />
          : <p class="placeholder">Choose someone to chat with.</p>}
      </main>
    </div>
  )
}
