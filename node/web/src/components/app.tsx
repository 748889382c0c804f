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
import { initialState, key, reduce } from '../store.js'
import type { State } from '../store.js'
import { Contacts } from './contacts.js'
import { Conversation } from './conversation.js'
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
function notify (event: DaemonEvent, select: (name: string) => void): void {
  if (event.type !== 'message' || event.message.direction !== 'in') return
  if (document.visibilityState !== 'hidden' || typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  const { from, body } = event.message
  const note = new Notification(from, { body: body.slice(0, NOTIFICATION_CHARS), tag: `lanchat-${key(from)}` })
  note.onclick = () => {
    window.focus()
    select(from)
    note.close()
  }
}

let localIds = 0

export function App (): JSX.Element {
  const [state, dispatch] = useReducer(reduce, initialState)
  const visible = useVisible()
  const latest = useRef<State>(state)
  latest.current = state
  const select = (name: string | undefined): void => {
    const from = latest.current.selected
    dispatch({ type: 'select', name })
    // keyboard users land where they write, and back on the person they came from (after the render that shows it)
    requestAnimationFrame(() => {
      const target = name !== undefined ? '#compose' : `button.contact[data-name="${CSS.escape(from ?? '')}"]`
      document.querySelector<HTMLElement>(target)?.focus()
    })
  }

  useEffect(() => connect({ dispatch, onEvent: event => { notify(event, select) } }), [])

  const unread = state.contacts.reduce((sum, c) => sum + c.unread, 0)
  useEffect(() => {
    const me = state.me?.name
    document.title = `${unread > 0 ? `(${unread}) ` : ''}lanchat${me !== undefined ? ` · ${me}` : ''}`
  }, [unread, state.me?.name])

  if (state.link === 'unauthorised') return <NotAuthorised />
  if (state.me === undefined) return <Connecting />

  const send = (to: string, body: string): void => {
    const localId = `local-${++localIds}`
    const me = latest.current.me?.name ?? ''
    dispatch({ type: 'sending', message: { id: localId, from: me, to, body, sentAt: Date.now(), state: 'sending', direction: 'out' } })
    api.send(to, body).then(
      result => { dispatch({ type: 'sent', localId, peer: to, result }) },
      (err: Error) => { dispatch({ type: 'send-failed', localId, peer: to, error: err.message }) }
    )
  }

  const contact = state.selected === undefined ? undefined : state.contacts.find(c => key(c.name) === key(state.selected ?? ''))
  return (
    <div class={contact !== undefined ? 'app show-conversation' : 'app'}>
      <LinkBanner link={state.link} />
      <Warnings warnings={state.warnings} onDismiss={index => { dispatch({ type: 'dismiss-warning', index }) }} />
      <aside class="side">
        <MyStatus me={state.me} />
        <Contacts contacts={state.contacts} selected={state.selected} onSelect={select} />
      </aside>
      <main class="main">
        {contact !== undefined
          ? <Conversation contact={contact} conversation={state.conversations[key(contact.name)]}
              typing={state.typing[key(contact.name)] === true} epoch={state.epoch}
              canSend={state.link === 'open'} indexConnected={state.me.index.connected} visible={visible}
              dispatch={dispatch} onBack={() => { select(undefined) }} onSend={send} />
          : <p class="placeholder">Choose someone to chat with.</p>}
      </main>
    </div>
  )
}
