/**
 * Receiving: a direct message, or a relayed envelope fetched from the index
 * server, is written to history before it is acknowledged (a burst shares
 * one commit). A stranger becomes a message request; nothing from a blocked
 * peer is stored. A relayed envelope that fails its checks (openEnvelope,
 * or a name pinned to another identity) is refused at the relay, which
 * tells its sender; one from a blocked peer is dropped without a word.
 */
import { logger } from '@libp2p/logger'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { validMessageId } from '../../protocols/ids.js'
import { isGroupSeal } from '../../protocols/groups/seal.js'
import { openEnvelope } from '../../protocols/relay/open.js'
import { failpoint } from '../../runtime/failpoint.js'
import { clampSentAt } from '../store/messages.js'
import { FETCH_BATCH, FETCH_RETRY_MS } from './constants.js'
import { Rounds } from './rounds.js'
import { toApi } from './view.js'
import type { DeliveryDeps } from './ports.js'
import type { StoredMessage } from '../store/messages.js'
import type { Message } from '../../protocols/chat/pb/chat.js'
import type { Envelope } from '../../protocols/relay/pb/relay.js'
import type { PeerId } from '@libp2p/interface'

const log = logger('lanchat:delivery:inbox')

/** What a relayed envelope is, after the checks. */
type Opened = { sender: string, message: Message } | 'refused' | 'silent'

export interface InboxInit {
  /** delivery receipts were written for these senders' messages: send them if they are online */
  receiptsOwed: (sender: string) => void
}

export class Inbox {
  private readonly d: DeliveryDeps
  private readonly init: InboxInit
  private readonly fetching: Rounds
  private fetchRetry?: NodeJS.Timeout

  constructor (deps: DeliveryDeps, init: InboxInit) {
    this.d = deps
    this.init = init
    this.fetching = new Rounds(async () => { await this.fetchRound() }, err => { log('relay fetch failed: %e', err) })
  }

  async stop (): Promise<void> {
    clearTimeout(this.fetchRetry)
    await this.fetching.settled()
  }

  /** A message arrived on a chat stream: store it (once), then the chat service acks. */
  onMessage (peer: PeerId, message: Message): AckStatus | Promise<AckStatus> {
    if (!validMessageId(message.id)) return AckStatus.INVALID
    return this.receive(peer.toString(), message)
  }

  /**
   * Commits the message to history (with the others of this burst: one
   * fsync), then says what to ack. A stranger becomes a request (see
   * Directory.learn); a blocked peer, or a stranger when the requests are
   * full, is refused and nothing is stored.
   */
  private async receive (peerId: string, message: Message): Promise<AckStatus> {
    const person = this.d.directory.learn(peerId, message.from)
    if (person == null) return AckStatus.INVALID
    try {
      const incoming = {
        id: message.id,
        peerId,
        fromName: this.d.directory.show(person).name,
        toName: this.d.selfName(),
        body: message.body,
        sentAt: message.sentAt,
        seq: message.seq
      }
      const result = await this.d.messages.commitIncoming(incoming)
      if (result === 'conflict') return AckStatus.INVALID
      failpoint('history-committed')
      if (result === 'stored') {
        // the ack goes first: the event to local clients (a JSON write per subscriber) is not on the sender's clock
        const receivedAt = Date.now()
        const shown: StoredMessage = {
          ...incoming, from: incoming.fromName, to: incoming.toName, sentAt: clampSentAt(incoming.sentAt, receivedAt), receivedAt,
          state: 'received', direction: 'in', attempts: 0, nextAttemptAt: 0
        }
        setImmediate(() => { this.d.emit({ type: 'message', message: toApi(this.d.directory, shown) }) })
      }
      return AckStatus.STORED
    } catch (err) {
      log.error('could not store %s: %e', message.id, err)
      return AckStatus.STORAGE_FAILED
    }
  }

  /** Fetches relayed envelopes (one round at a time; asked again while running = one more round). */
  fetchRelayed (): Promise<void> {
    return this.fetching.run()
  }

  private async fetchRound (): Promise<void> {
    for (;;) {
      if (!this.d.relay.available()) return
      const { envelopes, more } = await this.d.relay.fetch(FETCH_BATCH)
      if (envelopes.length === 0) return
      const done: string[] = []
      const refused: string[] = []
      const owed = new Map<string, string[]>()
      // group items go to the groups, one at a time in the relay's order (a record before the posts that need it)
      const group = envelopes.filter(env => isGroupSeal(env.payload))
      for (const env of group) {
        const taken = this.d.groupRelayed == null ? 'refused' : await this.d.groupRelayed(env)
        if (taken === 'done') done.push(env.id)
        else if (taken === 'refused') refused.push(env.id)
        else this.retryFetchLater()
      }
      // the whole batch is stored in one commit, then the receipts owed in another, then acked at the relay
      const opened = envelopes.filter(env => !group.includes(env)).map(env => ({ env, opened: this.open(env) }))
      const statuses = await Promise.all(opened.map(async ({ opened }) => typeof opened === 'string' ? undefined : await this.receive(opened.sender, opened.message)))
      opened.forEach(({ env, opened }, k) => {
        const status = statuses[k]
        if (opened === 'silent') {
          // from someone I blocked: dropped without a word (acked, so the relay forgets it)
          done.push(env.id)
        } else if (opened === 'refused' || status === AckStatus.INVALID) {
          // failed my checks, or refused (requests full): never shown; the relay drops it and tells the sender
          refused.push(env.id)
        } else if (status === AckStatus.STORAGE_FAILED) {
          // not acked: it stays at the relay; try again later (e.g. once the disk has room)
          this.retryFetchLater()
        } else {
          done.push(env.id)
          if (status === AckStatus.STORED) owed.set(opened.sender, [...(owed.get(opened.sender) ?? []), env.id])
        }
      })
      await Promise.all([...owed].map(async ([sender, ids]) => { await this.d.messages.commitOwed(sender, ids, 'delivered') }))
      if (refused.length > 0) await this.d.relay.refuse(refused)
      await this.d.relay.ack(done)
      for (const sender of owed.keys()) this.init.receiptsOwed(sender)
      if (!more) return
    }
  }

  /** A relayed envelope after every check: its message, or why it is refused, or silence for a blocked sender. */
  private open (env: Envelope): Opened {
    let opened
    try {
      opened = openEnvelope(env, this.d.key, this.d.self)
    } catch (err) {
      return this.refuse(env.id, (err as Error).message)
    }
    const { sender, content } = opened
    // nothing from a blocked sender, and no word to it either
    if (this.d.directory.isBlocked(sender)) return 'silent'
    if (this.d.directory.pinnedElsewhere(content.fromName, sender)) {
      return this.refuse(env.id, `it claims the name ${content.fromName}, which belongs to another identity`)
    }
    return { sender, message: { id: content.id, from: content.fromName, to: content.toName, body: content.body, sentAt: content.sentAt, seq: content.seq, group: content.group, item: new Uint8Array() } }
  }

  private refuse (id: string, problem: string): 'refused' {
    log.error('dropped relayed envelope %s: %s', id, problem)
    this.d.emit({ type: 'warning', text: `dropped a relayed message: ${problem}` })
    return 'refused'
  }

  private retryFetchLater (): void {
    if (this.fetchRetry != null) return
    this.fetchRetry = setTimeout(() => {
      this.fetchRetry = undefined
      void this.fetchRelayed()
    }, FETCH_RETRY_MS)
    this.fetchRetry.unref()
  }
}
