/**
 * One open conversation in the terminal (`lanchat chat NAME`): the last
 * messages, then live ones from the event stream, typing indicators both
 * ways, read receipts for what is shown, and the states my messages reach.
 * Lines from a pipe are sent one by one and the session ends at EOF once
 * they are all sent.
 */
import { clearLine, cursorTo } from 'node:readline'
import { nameKey } from '../../protocols/names.js'
import type { ChatMessage, Contact, DaemonEvent, DaemonStatus, MessageState, SendResult } from '../types.js'
import type { Io } from './command.js'
import { messageLine, shortTime, stateBadge, statusMark, terminalSafe } from './format.js'
import type { ApiClient } from './api-client.js'
import { LineSession } from './line-session.js'

/** Messages shown when the chat opens. */
export const CHAT_BACKLOG = 20
/** After this long without a keystroke I am no longer "typing". */
export const TYPING_IDLE_MS = 3_000
/** A "typing" indicator with no follow-up is dropped after this long (the other side may have gone). */
export const TYPING_SHOWN_MS = 6_000
/** State updates remembered for messages whose send has not answered yet. */
const EARLY_STATES_MAX = 100
/** The prompt; while the other person types, it says so in place (nothing is left in the scrollback). */
const PROMPT = '› '

export { CHAT_COMMANDS } from './typed-line.js'

const STATE_ORDER: MessageState[] = ['queued', 'relayed', 'delivered', 'read']

function later (next: MessageState, than: MessageState | undefined): boolean {
  return than === undefined || STATE_ORDER.indexOf(next) > STATE_ORDER.indexOf(than)
}

function snippet (body: string): string {
  const flat = terminalSafe(body.replace(/\s+/g, ' '))
  return flat.length > 40 ? flat.slice(0, 39) + '…' : flat
}

export class ChatSession extends LineSession {
  private readonly client: ApiClient
  private readonly peer: string
  /** the person's identity, once found: events are matched by it, never by name */
  private peerId: string | undefined
  private me: DaemonStatus | undefined
  /** ids already on screen, so a message is never shown twice */
  private readonly shown = new Set<string>()
  /** my messages in this conversation: body and the last state shown */
  private readonly mine = new Map<string, { body: string, state: MessageState }>()
  private readonly earlyStates = new Map<string, MessageState>()
  private typingOn = false
  private typingIdle: NodeJS.Timeout | undefined
  private peerTyping: NodeJS.Timeout | undefined
  private presence: Contact['status'] | undefined

  constructor (client: ApiClient, peer: string, io: Io) {
    super(io)
    this.client = client
    this.peer = peer
  }

  /** who requests go to: the PeerId once known, so a name that changes hands mid-chat cannot redirect them */
  private get target (): string {
    return this.peerId ?? this.peer
  }

  /** Runs until /quit, Ctrl-D, EOF or a lost daemon; resolves with the exit code. */
  async run (): Promise<number> {
    this.me = await this.client.get<DaemonStatus>('/api/status')
    const contacts = await this.client.get<Contact[]>('/api/contacts')
    const requests = await this.client.get<Contact[]>('/api/contacts', { list: 'requests' })
    const contact = [...contacts, ...requests].find(c => c.peerId === this.peer || nameKey(c.name) === nameKey(this.peer))
    this.peerId = contact?.peerId
    this.presence = contact?.status
    await this.follow(this.client, async () => {
      const backlog = await this.client.get<ChatMessage[]>('/api/messages', { with: this.target, limit: CHAT_BACKLOG })
      const status = contact !== undefined ? `${statusMark(contact.status, this.io.stdout)} ${contact.status}` : 'not in your contacts'
      this.show(`chat with ${terminalSafe(this.peer)} (${status}); /quit or Ctrl-D to leave`)
      for (const message of backlog) this.showMessage(message)
      await this.client.post('/api/read', { with: this.target })
    })
    return await this.converse()
  }

  private async converse (): Promise<number> {
    await this.readLines(PROMPT, {
      open: () => { this.io.stdin.on('keypress', this.onKeypress) },
      close: () => { this.io.stdin.off('keypress', this.onKeypress) }
    })
    await this.stopTyping()
    this.closeEvents?.()
    clearTimeout(this.peerTyping)
    return this.exitCode
  }

  protected async send (body: string): Promise<void> {
    try {
      await this.stopTyping()
      const result = await this.client.post<SendResult>('/api/messages', { to: this.target, body })
      const early = this.earlyStates.get(result.id)
      const state = early !== undefined && later(early, result.state) ? early : result.state
      const now = Date.now()
      this.showMessage({ id: result.id, from: this.me?.name ?? 'me', to: this.peer, body, sentAt: now, state, direction: 'out', peerId: this.peerId ?? '', verified: false, receivedAt: now })
    } catch (err) {
      this.warn(`could not send "${snippet(body)}": ${(err as Error).message}`)
    }
  }

  protected onEvent (event: DaemonEvent): void {
    switch (event.type) {
      case 'message': {
        const m = event.message
        // my own outgoing messages are shown when their send answers
        if (m.direction !== 'in' || m.peerId !== this.peerId || this.shown.has(m.id)) return
        this.clearPeerTyping()
        this.showMessage(m)
        this.client.post('/api/read', { with: this.target, ids: [m.id] }).catch((err: Error) => { this.warn(`could not mark a message read: ${err.message}`) })
        return
      }
      case 'state': {
        if (event.peerId !== this.peerId) return
        const mine = this.mine.get(event.id)
        if (mine === undefined) {
          if (this.earlyStates.size >= EARLY_STATES_MAX) this.earlyStates.clear()
          this.earlyStates.set(event.id, event.state)
        } else if (later(event.state, mine.state)) {
          mine.state = event.state
          this.show(`  ${stateBadge(event.state)}: ${snippet(mine.body)}`)
        }
        return
      }
      case 'typing':
        // typing in a group is not typing to me
        if (event.peerId !== this.peerId || event.group !== undefined) return
        if (!event.on) { this.clearPeerTyping(); return }
        if (this.peerTyping === undefined) this.showTyping(true)
        clearTimeout(this.peerTyping)
        this.peerTyping = setTimeout(() => { this.clearPeerTyping() }, TYPING_SHOWN_MS)
        this.peerTyping.unref()
        return
      case 'presence':
        if (event.contact.peerId !== this.peerId || event.contact.status === this.presence) return
        this.presence = event.contact.status
        this.show(`${terminalSafe(this.peer)} is now ${event.contact.status}${event.contact.statusText !== '' ? ` (${terminalSafe(event.contact.statusText)})` : ''}`)
        return
      case 'index':
        this.show(event.connected ? '(connected to the index server)' : '(the index server is unreachable; messages to people who are offline will be queued)')
    }
  }

  private clearPeerTyping (): void {
    clearTimeout(this.peerTyping)
    if (this.peerTyping !== undefined) this.showTyping(false)
    this.peerTyping = undefined
  }

  /**
   * In a terminal, "NAME is typing…" is in the prompt line itself, redrawn in
   * place with what I am typing kept, and gone again when they stop: nothing
   * of it stays in the scrollback. Into a pipe it is one line when they start.
   */
  private showTyping (on: boolean): void {
    if (!this.tty) {
      if (on) this.show(`${terminalSafe(this.peer)} is typing…`)
      return
    }
    if (this.rl === undefined) return
    this.rl.setPrompt(on ? `${terminalSafe(this.peer)} is typing… ${PROMPT}` : PROMPT)
    clearLine(this.io.stdout, 0)
    cursorTo(this.io.stdout, 0)
    this.rl.prompt(true)
  }

  /** typing on at the first keystroke, off after TYPING_IDLE_MS without one (or on send) */
  private readonly onKeypress = (_text: string, key: { name?: string } | undefined): void => {
    if (key?.name === 'return' || key?.name === 'enter' || this.rl === undefined || this.rl.line === '') return
    clearTimeout(this.typingIdle)
    this.typingIdle = setTimeout(() => { void this.stopTyping() }, TYPING_IDLE_MS)
    if (this.typingOn) return
    this.typingOn = true
    this.client.post('/api/typing', { to: this.target, on: true }).catch(() => {})
  }

  private async stopTyping (): Promise<void> {
    clearTimeout(this.typingIdle)
    if (!this.typingOn) return
    this.typingOn = false
    await this.client.post('/api/typing', { to: this.target, on: false }).catch(() => {})
  }

  private showMessage (message: ChatMessage): void {
    this.shown.add(message.id)
    if (message.direction === 'out') this.mine.set(message.id, { body: message.body, state: message.state })
    this.show(messageLine(message, shortTime(message.sentAt)))
  }

}
