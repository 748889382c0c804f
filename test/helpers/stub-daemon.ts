/**
 * An in-memory DaemonApi for API and CLI tests: a few contacts, a history
 * per contact, every call recorded, and `publish()` to push an event to the
 * API's subscribers. `until()` waits for a condition on the stub with a
 * deadline (no fixed sleeps).
 */
import { EventEmitter } from 'node:events'
import { MAX_CHAT_BODY_BYTES } from '../../protocols/constants.js'
import { nameKey } from '../../protocols/names.js'
import { ApiError } from '../../node/types.js'
import type { ChatMessage, Contact, DaemonApi, DaemonEvent, DaemonStatus, MessageState, SendResult, SettableStatus, DoctorReport } from '../../node/types.js'

export const T0 = Date.UTC(2026, 0, 5, 9, 30)

function contact (name: string, status: Contact['status'], statusText = '', verified = true): Contact {
  return {
    name,
    peerId: `12D3KooW${name.padEnd(44, 'x')}`,
    online: status !== 'offline',
    status,
    statusText,
    verified,
    lastSeen: status === 'offline' ? T0 - 3_600_000 : T0,
    unread: 0
  }
}

export class StubDaemon implements DaemonApi {
  me: DaemonStatus = {
    name: 'alice',
    peerId: '12D3KooWalice',
    status: 'online',
    statusText: '',
    listen: ['/ip4/127.0.0.1/tcp/47472'],
    index: { address: '127.0.0.1:47470', connected: true, peerId: '12D3KooWindex' },
    queued: 0,
    version: '0.1.0'
  }

  people: Contact[] = [
    contact('bob', 'online', 'at my desk'),
    contact('carol', 'away', 'lunch'),
    contact('dave', 'offline', '', false)
  ]

  /** every message, oldest first */
  messages: ChatMessage[] = []
  /** the state the next send() resolves with */
  nextSendState: MessageState = 'delivered'
  /** when set, every call throws it (to test the API's 500 path) */
  failWith: Error | undefined

  readonly sends: Array<{ to: string, body: string }> = []
  readonly typings: Array<{ to: string, on: boolean }> = []
  readonly reads: Array<{ name: string, ids?: string[] }> = []
  private readonly listeners = new Set<(event: DaemonEvent) => void>()
  private readonly changes = new EventEmitter()
  private counter = 0

  get subscribers (): number { return this.listeners.size }

  /** an incoming message from `from`, added to history (and published when `publish` is true) */
  receive (from: string, body: string, opts: { publish?: boolean, sentAt?: number } = {}): ChatMessage {
    const message: ChatMessage = {
      id: `in-${++this.counter}`, from, to: this.me.name, body, sentAt: opts.sentAt ?? T0 + this.counter * 60_000, state: 'received', direction: 'in'
    }
    this.messages.push(message)
    if (opts.publish === true) this.publish({ type: 'message', message })
    this.changed()
    return message
  }

  publish (event: DaemonEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  /** resolves once `check()` holds, re-checking after every call on the stub; rejects after `ms` */
  async until (check: () => boolean, ms = 5_000, what = 'the stub daemon to reach the expected state'): Promise<void> {
    if (check()) return
    await new Promise<void>((resolve, reject) => {
      const onChange = (): void => {
        if (!check()) return
        clearTimeout(timer)
        this.changes.off('change', onChange)
        resolve()
      }
      const timer = setTimeout(() => {
        this.changes.off('change', onChange)
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`))
      }, ms)
      this.changes.on('change', onChange)
    })
  }

  status (): DaemonStatus { this.called(); return { ...this.me } }

  contacts (): Contact[] { this.called(); return this.people.map(c => ({ ...c })) }

  async send (to: string, body: string): Promise<SendResult> {
    this.called()
    this.known(to)
    if (body.trim() === '') throw new ApiError(400, 'empty_body', 'a message needs some text')
    if (Buffer.byteLength(body) > MAX_CHAT_BODY_BYTES) throw new ApiError(413, 'body_too_large', 'a message can have at most 64 KiB of text')
    const message: ChatMessage = {
      id: `out-${++this.counter}`, from: this.me.name, to, body, sentAt: T0 + this.counter * 60_000, state: this.nextSendState, direction: 'out'
    }
    this.messages.push(message)
    this.sends.push({ to, body })
    // the real daemon announces its own outgoing messages too (for other open clients)
    this.publish({ type: 'message', message })
    this.changed()
    return { id: message.id, state: message.state }
  }

  history (name: string, opts: { limit?: number, before?: number } = {}): ChatMessage[] {
    this.called()
    this.known(name)
    const key = nameKey(name)
    const mine = this.messages.filter(m =>
      (nameKey(m.from) === key || nameKey(m.to) === key) && (opts.before === undefined || m.sentAt < opts.before))
    return mine.slice(-(opts.limit ?? 100))
  }

  async doctor (name?: string): Promise<DoctorReport> {
    return { target: name ?? null, ok: true, checks: [{ check: 'stub', result: 'ok', detail: 'nothing to check' }] }
  }

  markRead (name: string, ids?: string[]): number {
    this.called()
    this.known(name)
    this.reads.push(ids === undefined ? { name } : { name, ids })
    let count = 0
    for (const m of this.messages) {
      if (m.direction === 'in' && nameKey(m.from) === nameKey(name) && m.state !== 'read' && (ids === undefined || ids.includes(m.id))) {
        m.state = 'read'
        count++
      }
    }
    this.changed()
    return count
  }

  typing (name: string, on: boolean): void {
    this.called()
    this.known(name)
    this.typings.push({ to: name, on })
    this.changed()
  }

  setStatus (status: SettableStatus, text?: string): DaemonStatus {
    this.called()
    this.me = { ...this.me, status, statusText: text ?? this.me.statusText }
    this.changed()
    return { ...this.me }
  }

  subscribe (listener: (event: DaemonEvent) => void): () => void {
    this.listeners.add(listener)
    this.changed()
    return () => {
      this.listeners.delete(listener)
      this.changed()
    }
  }

  private called (): void {
    if (this.failWith !== undefined) throw this.failWith
  }

  private known (name: string): void {
    if (!this.people.some(c => nameKey(c.name) === nameKey(name))) {
      throw new ApiError(404, 'unknown_contact', `nobody called ${name} is known`)
    }
  }

  private changed (): void {
    this.changes.emit('change')
  }
}
