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
import type { ChatMessage, Contact, ContactList, DaemonApi, DaemonEvent, DaemonStatus, GroupChange, GroupInfo, GroupMessage, GroupSendResult, MessageState, SearchRequest, SearchResult, SendResult, SettableStatus, DoctorReport } from '../../node/types.js'

export const T0 = Date.UTC(2026, 0, 5, 9, 30)

function contact (name: string, status: Contact['status'], statusText = '', verified = true): Contact {
  return {
    name,
    peerId: `12D3KooW${name.padEnd(44, 'x')}`,
    online: status !== 'offline',
    status,
    statusText,
    verified,
    trust: verified ? 'verified' : 'lan',
    claimedName: name,
    lastSeen: status === 'offline' ? T0 - 3_600_000 : T0,
    unread: 0
  }
}

const LIST: Record<Contact['trust'], Exclude<ContactList, 'all'>> = { verified: 'people', lan: 'people', accepted: 'people', request: 'requests', blocked: 'blocked' }

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
  readonly blocks: string[] = []
  private readonly listeners = new Set<(event: DaemonEvent) => void>()
  private readonly changes = new EventEmitter()
  private counter = 0

  get subscribers (): number { return this.listeners.size }

  /** an incoming message from `from`, added to history (and published when `publish` is true) */
  receive (from: string, body: string, opts: { publish?: boolean, sentAt?: number } = {}): ChatMessage {
    const peer = this.person(from)
    const sentAt = opts.sentAt ?? T0 + (this.counter + 1) * 60_000
    const message: ChatMessage = {
      id: `in-${++this.counter}`, from, to: this.me.name, body, sentAt, state: 'received', direction: 'in', peerId: peer?.peerId ?? '', verified: peer?.verified ?? false, receivedAt: sentAt
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

  contacts (list: ContactList = 'people'): Contact[] { this.called(); return this.people.filter(c => list === 'all' || LIST[c.trust] === list).map(c => ({ ...c })) }

  block (who: string): Contact {
    this.called()
    const c = this.known(who)
    c.trust = 'blocked'
    this.blocks.push(c.peerId)
    this.changed()
    return { ...c }
  }

  unblock (who: string): Contact {
    this.called()
    const c = this.known(who)
    c.trust = c.verified ? 'verified' : 'lan'
    this.changed()
    return { ...c }
  }

  forget (who: string): { peerId: string, messages: number } {
    this.called()
    const c = this.known(who)
    if (c.verified) throw new ApiError(409, 'verified_contact', `${c.name} is registered at the index server and stays in the directory`)
    const before = this.messages.length
    this.messages = this.messages.filter(m => m.peerId !== c.peerId)
    this.people = this.people.filter(p => p !== c)
    this.changed()
    return { peerId: c.peerId, messages: before - this.messages.length }
  }

  async send (to: string, body: string): Promise<SendResult> {
    this.called()
    const peer = this.known(to)
    if (body.trim() === '') throw new ApiError(400, 'empty_body', 'a message needs some text')
    if (Buffer.byteLength(body) > MAX_CHAT_BODY_BYTES) throw new ApiError(413, 'body_too_large', 'a message can have at most 64 KiB of text')
    const sentAt = T0 + (this.counter + 1) * 60_000
    const message: ChatMessage = {
      id: `out-${++this.counter}`, from: this.me.name, to: peer.name, body, sentAt, state: this.nextSendState, direction: 'out', peerId: peer.peerId, verified: peer.verified, receivedAt: sentAt
    }
    this.messages.push(message)
    this.sends.push({ to, body })
    // the real daemon announces its own outgoing messages too (for other open clients)
    this.publish({ type: 'message', message })
    this.changed()
    return { id: message.id, state: message.state }
  }

  readonly searches: SearchRequest[] = []

  search (request: SearchRequest): SearchResult[] {
    this.called()
    this.searches.push(request)
    const peer = request.with !== undefined ? this.known(request.with) : undefined
    const words = request.text.toLowerCase().split(/\s+/).filter(w => w !== '')
    if (words.length === 0) throw new ApiError(400, 'invalid_query', 'a search needs some text to look for')
    return this.messages
      .filter(m => (peer === undefined || m.peerId === peer.peerId) && words.every(w => m.body.toLowerCase().includes(w)))
      .reverse()
      .map(m => ({ id: m.id, conversation: m.direction === 'in' ? m.from : m.to, peerId: m.peerId, from: m.from, direction: m.direction, sentAt: m.sentAt, body: m.body, snippet: m.body, matches: [] }))
  }

  async resend (id: string): Promise<SendResult> {
    this.called()
    const m = this.messages.find(x => x.id === id && x.direction === 'out')
    if (m === undefined) throw new ApiError(404, 'unknown_message', `you sent no message with the id ${id}; see lanchat history`)
    return await this.send(m.peerId, m.body)
  }

  history (name: string, opts: { limit?: number, before?: number } = {}): ChatMessage[] {
    this.called()
    const peer = this.known(name)
    const mine = this.messages.filter(m => m.peerId === peer.peerId && (opts.before === undefined || m.sentAt < opts.before))
    return mine.slice(-(opts.limit ?? 100))
  }

  async doctor (name?: string): Promise<DoctorReport> {
    return { target: name ?? null, ok: true, checks: [{ check: 'stub', result: 'ok', detail: 'nothing to check' }] }
  }

  markRead (name: string, ids?: string[]): number {
    this.called()
    const peer = this.known(name)
    this.reads.push(ids === undefined ? { name } : { name, ids })
    let count = 0
    for (const m of this.messages) {
      if (m.direction === 'in' && m.peerId === peer.peerId && m.state !== 'read' && (ids === undefined || ids.includes(m.id))) {
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

  // ---------------------------------------------------------------- groups: one group "lunch" of alice, bob, carol

  lunch: GroupInfo = {
    id: '0123456789abcdef0123456789abcdef', name: 'lunch', members: ['alice', 'bob', 'carol'], admins: ['alice'], version: 1,
    memberPeerIds: ['12D3KooWalice', '12D3KooWbob', '12D3KooWcarol'], adminPeerIds: ['12D3KooWalice'], member: true, unread: 0
  }

  readonly groupPosts: GroupMessage[] = []
  readonly groupChanges: Array<{ group: string, change: GroupChange | { action: 'create', members: string[] } }> = []

  private lunchOr404 (group: string): GroupInfo {
    this.called()
    if (group !== this.lunch.name && group !== this.lunch.id) throw new ApiError(404, 'unknown_group', `there is no group called ${group}; see lanchat groups`)
    return this.lunch
  }

  groups (): GroupInfo[] {
    this.called()
    return [this.lunch]
  }

  group (group: string): GroupInfo { return this.lunchOr404(group) }

  createGroup (name: string, members: string[]): GroupInfo {
    this.called()
    this.groupChanges.push({ group: name, change: { action: 'create', members } })
    return { ...this.lunch, name, members: ['alice', ...members] }
  }

  changeGroup (group: string, change: GroupChange): GroupInfo {
    this.lunchOr404(group)
    this.groupChanges.push({ group, change })
    return { ...this.lunch, version: this.lunch.version + 1 }
  }

  async sendGroup (group: string, body: string): Promise<GroupSendResult> {
    const g = this.lunchOr404(group)
    const id = `g${this.groupPosts.length + 1}`
    this.groupPosts.push({ id, from: 'alice', group: g.name, groupId: g.id, body, sentAt: T0, state: 'delivered', direction: 'out', peerId: '12D3KooWalice', receivedAt: T0 })
    this.changed()
    return { id, state: 'delivered', members: 2, delivered: 2 }
  }

  groupHistory (group: string): GroupMessage[] {
    this.lunchOr404(group)
    return this.groupPosts
  }

  readonly groupTypings: Array<{ group: string, on: boolean }> = []

  groupTyping (group: string, on: boolean): void {
    this.lunchOr404(group)
    this.groupTypings.push({ group, on })
    this.changed()
  }

  readonly groupReads: Array<{ group: string, ids?: string[] }> = []

  markGroupRead (group: string, ids?: string[]): number {
    this.lunchOr404(group)
    this.groupReads.push({ group, ...(ids !== undefined ? { ids } : {}) })
    this.changed()
    return 0
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

  /** a person by name or PeerId, as the daemon resolves them */
  person (who: string): Contact | undefined {
    return this.people.find(c => c.peerId === who || nameKey(c.name) === nameKey(who))
  }

  private known (who: string): Contact {
    const c = this.person(who)
    if (c === undefined) throw new ApiError(404, 'unknown_contact', `nobody called ${who} is known`)
    return c
  }

  private changed (): void {
    this.changes.emit('change')
  }
}
