/**
 * Writing a message: Enter sends, Shift+Enter starts a new line. Tells the
 * other side I am typing at the first keystroke and stops after 3 s idle or
 * on send. Keeps a draft per conversation. A message too long to send is
 * refused here, before the composer is cleared: typed text is never lost.
 */
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { MAX_CHAT_BODY_BYTES } from '../../../../protocols/constants.js'
import { api } from '../api.js'

/** Idle time after which "typing" is switched off again (docs/api.md: ~3 s). */
const TYPING_IDLE_MS = 3000

const drafts = new Map<string, string>()
const utf8 = new TextEncoder()

/** Why `body` cannot be sent (the daemon's limit, in UTF-8 bytes), or undefined. */
function tooLong (body: string, max: number): string | undefined {
  const bytes = utf8.encode(body).length
  if (bytes <= max) return undefined
  return `Too long to send: ${Math.ceil(bytes / 1024)} KB, and a message holds at most ${max / 1024} KB. Shorten it or split it; your text stays here.`
}

interface ComposerProps {
  /** the shown name, for the placeholder and label */
  name: string
  /** the PeerId (or a group's key): drafts and typing go by identity */
  peer: string
  disabled: boolean
  onSend: (body: string) => void
  /** tells the other side I am (no longer) typing; default POST /api/typing to `peer` */
  onTyping?: (on: boolean) => void
  /** the longest body in UTF-8 bytes @default MAX_CHAT_BODY_BYTES */
  maxBytes?: number
}

export function Composer ({ name, peer, disabled, onSend, onTyping, maxBytes = MAX_CHAT_BODY_BYTES }: ComposerProps): JSX.Element {
  const [text, setText] = useState(drafts.get(peer) ?? '')
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const typing = useRef(false)
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined)

  const tell = onTyping ?? ((on: boolean): void => { api.typing(peer, on).catch(() => {}) })

  const stopTyping = (): void => {
    clearTimeout(idle.current)
    if (!typing.current) return
    typing.current = false
    tell(false)
  }

  useEffect(() => {
    setText(drafts.get(peer) ?? '')
    setProblem(undefined)
    return stopTyping
  }, [peer])

  const change = (value: string): void => {
    setText(value)
    drafts.set(peer, value)
    if (problem !== undefined && tooLong(value.trim(), maxBytes) === undefined) setProblem(undefined)
    if (value.trim() === '') {
      stopTyping()
      return
    }
    if (!typing.current) {
      typing.current = true
      tell(true)
    }
    clearTimeout(idle.current)
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS)
  }

  const send = (): void => {
    const body = text.trim()
    if (body === '' || disabled) return
    const refused = tooLong(body, maxBytes)
    setProblem(refused)
    if (refused !== undefined) return
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
      {problem !== undefined && <p class="composer-problem" role="alert">{problem}</p>}
    </form>
  )
}
