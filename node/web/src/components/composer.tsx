/**
 * Writing a message: Enter sends, Shift+Enter starts a new line. Tells the
 * other side I am typing at the first keystroke and stops after 3 s idle or
 * on send. Keeps a draft per conversation.
 */
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../api.js'

/** Idle time after which "typing" is switched off again (docs/api.md: ~3 s). */
const TYPING_IDLE_MS = 3000

const drafts = new Map<string, string>()

interface ComposerProps {
  /** the shown name, for the placeholder and label */
  name: string
  /** the PeerId: drafts and typing go by identity */
  peer: string
  disabled: boolean
  onSend: (body: string) => void
}

export function Composer ({ name, peer, disabled, onSend }: ComposerProps): JSX.Element {
  const [text, setText] = useState(drafts.get(peer) ?? '')
  const typing = useRef(false)
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined)

  const stopTyping = (): void => {
    clearTimeout(idle.current)
    if (!typing.current) return
    typing.current = false
    api.typing(peer, false).catch(() => {})
  }

  useEffect(() => {
    setText(drafts.get(peer) ?? '')
    return stopTyping
  }, [peer])

  const change = (value: string): void => {
    setText(value)
    drafts.set(peer, value)
    if (value.trim() === '') {
      stopTyping()
      return
    }
    if (!typing.current) {
      typing.current = true
      api.typing(peer, true).catch(() => {})
    }
    clearTimeout(idle.current)
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS)
  }

  const send = (): void => {
    const body = text.trim()
    if (body === '' || disabled) return
    stopTyping()
    onSend(body)
    change('')
  }

  return (
    <form class="composer" onSubmit={e => { e.preventDefault(); send() }}>
      <label class="visually-hidden" for="compose">Message to {name}</label>
      <textarea id="compose" rows={1} placeholder={`Message ${name}`} value={text}
        onInput={e => { change(e.currentTarget.value) }}
        onKeyDown={e => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault()
            send()
          }
        }} />
      <button type="submit" disabled={disabled || text.trim() === ''}>Send</button>
    </form>
  )
}
