/**
 * My own status: online, away or busy, and a text the others see. Changing
 * the status applies at once; the text applies on Enter or "Set". Also the
 * switch for browser notifications, which a browser grants only on a click.
 */
import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { DaemonStatus, SettableStatus } from '../../../types.js'
import { api } from '../api.js'
import { StatusDot } from './contacts.js'

/** Longest status text the daemon accepts (MAX_STATUS_TEXT_CHARS). */
const MAX_STATUS_TEXT_CHARS = 140

export function MyStatus ({ me }: { me: DaemonStatus }): JSX.Element {
  const [status, setStatus] = useState<SettableStatus>(me.status)
  const [text, setText] = useState(me.statusText)
  const [problem, setProblem] = useState('')
  // the daemon's word wins when it changes (from the CLI, or after a reconnect)
  useEffect(() => { setStatus(me.status) }, [me.status])
  useEffect(() => { setText(me.statusText) }, [me.statusText])

  const apply = (wanted: SettableStatus, statusText: string): void => {
    setStatus(wanted)
    setProblem('')
    api.setStatus(wanted, statusText).catch((err: Error) => { setProblem(err.message) })
  }

  return (
    <section class="me" aria-label="My status">
      <p class="me-name"><StatusDot status={me.status} /> <strong>{me.name}</strong></p>
      <form class="me-form" onSubmit={e => { e.preventDefault(); apply(status, text.trim()) }}>
        <label class="visually-hidden" for="my-status">My status</label>
        <select id="my-status" value={status} onChange={e => { apply(e.currentTarget.value as SettableStatus, text.trim()) }}>
          <option value="online">online</option>
          <option value="away">away</option>
          <option value="busy">busy</option>
        </select>
        <label class="visually-hidden" for="my-status-text">My status text</label>
        <input id="my-status-text" type="text" maxLength={MAX_STATUS_TEXT_CHARS} placeholder="Status text" autocomplete="off"
          value={text} onInput={e => { setText(e.currentTarget.value) }} />
        <button type="submit">Set</button>
      </form>
      {problem !== '' && <p class="problem" role="alert">{problem}</p>}
      {!me.index.connected && (
        <p class="note">The index server is out of reach: you can chat with people this computer can reach directly; messages for others wait here.</p>
      )}
      <NotificationSwitch />
    </section>
  )
}

function NotificationSwitch (): JSX.Element | null {
  const supported = typeof Notification !== 'undefined'
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied')
  if (!supported || permission !== 'default') return null
  return (
    <button type="button" class="link-button" onClick={() => { void Notification.requestPermission().then(setPermission) }}>
      Notify me of messages while this tab is hidden
    </button>
  )
}
