/**
 * Store-and-forward (/lanchat/relay/1.0.0): one request and one response per
 * stream. Deposit stores an envelope for a registered recipient and is
 * acknowledged only after the commit (synchronous FULL); deposits are
 * idempotent on (sender, id). Fetch returns what waits for the caller (the
 * Noise-authenticated PeerId), Ack deletes it. Payloads are opaque bytes.
 *
 * What waits for one recipient is capped (quota.count, quota.bytes), and so
 * is what one sender may leave for one recipient (quota.senderCount,
 * quota.senderBytes: a share of the quota), so one key cannot fill a
 * recipient's inbox for everyone else. A refused deposit stays in the
 * sender's outbox and is sent when the recipient comes back.
 */
import { logger } from '@libp2p/logger'
import {
  EXPIRED_NOTICE_RETENTION_MS, MAX_MESSAGE_ID_CHARS, MAX_RELAY_PAYLOAD_BYTES, MAX_RELAY_REQUEST_BYTES, MAX_RELAY_SHARED_REQUEST_BYTES, MAX_SHARED_WRAP_BYTES, RELAY_BATCH_BYTES,
  RELAY_BATCH_COUNT, RELAY_MAX_STREAMS, RELAY_PROTOCOL, RELAY_TIMEOUT_MS
} from '../protocols/constants.js'
import { encodeFrame, readFrame } from '../protocols/frames.js'
import { validMessageId } from '../protocols/ids.js'
import { ExpiryReason, RelayRefusal, RelayRequest, RelayResponse } from '../protocols/relay/pb/relay.js'
import { peerIdFromBytes, peerIdToBytes } from '../protocols/shared/peer-ids.js'
import { peerIdFromString } from '@libp2p/peer-id'
import type { IndexEmitter } from './events.js'
import type { ExpiryCause, NameStore, RelayQuota, RelayStore, SharedBody } from './store.js'
import type { Deposit, DepositShared, SharedResult } from '../protocols/relay/pb/relay.js'
import type { Connection, Libp2p, Stream } from '@libp2p/interface'
import { failpoint } from '../runtime/failpoint.js'

const log = logger('lanchat:index:relay')

const EXPIRY_REASONS: Record<ExpiryCause, ExpiryReason> = {
  retention: ExpiryReason.RETENTION,
  released: ExpiryReason.RELEASED,
  refused: ExpiryReason.REFUSED
}

export interface RelayComponents {
  libp2p: Libp2p
  names: NameStore
  relay: RelayStore
  events: IndexEmitter
}

export interface RelayInit {
  quota: RelayQuota
  retentionMs: number
}

export class RelayService {
  private readonly components: RelayComponents
  private readonly init: RelayInit
  /** deposits refused, by reason (for status) */
  readonly counters = { stored: 0, duplicates: 0, refused: 0, fetched: 0, acked: 0, expired: 0, refusedByRecipient: 0 }

  constructor (components: RelayComponents, init: RelayInit) {
    this.components = components
    this.init = init
    this.handle = this.handle.bind(this)
  }

  async start (): Promise<void> {
    await this.components.libp2p.handle(RELAY_PROTOCOL, this.handle, { maxInboundStreams: RELAY_MAX_STREAMS, maxOutboundStreams: 0 })
  }

  async stop (): Promise<void> {
    await this.components.libp2p.unhandle(RELAY_PROTOCOL)
  }

  /**
   * Drops envelopes older than the retention period, noting each for its
   * sender (who hears of it at once if online, else at its next login), and
   * forgets notes older than EXPIRED_NOTICE_RETENTION_MS.
   */
  sweep (now = Date.now()): number {
    const { count, senders } = this.components.relay.expire(now - this.init.retentionMs, now)
    this.counters.expired += count
    this.components.relay.forgetNotices(now - EXPIRED_NOTICE_RETENTION_MS)
    if (senders.length > 0) this.components.events.emit('relay:expired', { senders })
    return count
  }

  private async handle (stream: Stream, connection: Connection): Promise<void> {
    const signal = AbortSignal.timeout(RELAY_TIMEOUT_MS)
    try {
      const request = await readFrame(stream, RelayRequest, MAX_RELAY_SHARED_REQUEST_BYTES, { signal })
      const response = this.answer(request, connection.remotePeer.toString())
      stream.send(encodeFrame(RelayResponse, response))
      await stream.close({ signal })
    } catch (err) {
      log('relay exchange with %p failed: %e', connection.remotePeer, err)
      stream.abort(err as Error)
    }
  }

  private answer (request: RelayRequest, caller: string): RelayResponse {
    if (request.deposit != null) {
      // a plain deposit keeps its own (smaller) cap
      if (RelayRequest.encode(request).length > MAX_RELAY_REQUEST_BYTES) return refused(request.deposit.envelope?.id ?? '', RelayRefusal.TOO_LARGE, 'the request is larger than the relay takes')
      return this.deposit(request.deposit, caller)
    }
    if (request.depositShared != null) return this.depositShared(request.depositShared, caller)
    if (request.fetch != null) {
      const max = Math.min(Math.max(request.fetch.max, 1), RELAY_BATCH_COUNT)
      const { envelopes, more } = this.components.relay.fetch(caller, max, RELAY_BATCH_BYTES)
      this.counters.fetched += envelopes.length
      return {
        batch: {
          more,
          envelopes: envelopes.map(e => ({
            id: e.id,
            sender: peerIdToBytes(peerIdFromString(e.sender)),
            recipient: e.recipient,
            recipientPeerId: peerIdToBytes(peerIdFromString(e.recipientPeerId)),
            depositedAt: e.depositedAt,
            payload: e.payload as Uint8Array<ArrayBuffer>
          }))
        }
      }
    }
    if (request.ack != null) {
      const count = this.components.relay.ack(caller, request.ack.ids)
      this.counters.acked += count
      return { acked: { count } }
    }
    if (request.refuse != null) {
      // only the caller's own envelopes: the store matches on recipient = caller
      const { count, senders } = this.components.relay.refuse(caller, request.refuse.ids)
      this.counters.refusedByRecipient += count
      if (senders.length > 0) this.components.events.emit('relay:expired', { senders })
      return { acked: { count } }
    }
    if (request.fetchExpired != null) {
      // only the caller's own notes: the store matches on sender = caller
      const max = Math.min(Math.max(request.fetchExpired.max, 1), RELAY_BATCH_COUNT)
      const { notices, more } = this.components.relay.expired(caller, max)
      return {
        expiredBatch: {
          more,
          expired: notices.map(n => ({
            id: n.id,
            recipientPeerId: peerIdToBytes(peerIdFromString(n.recipientPeerId)),
            recipient: n.recipient,
            reason: EXPIRY_REASONS[n.reason],
            at: n.at
          }))
        }
      }
    }
    if (request.ackExpired != null) {
      return { acked: { count: this.components.relay.ackExpired(caller, request.ackExpired.ids) } }
    }
    return refused('', RelayRefusal.BAD_REQUEST, 'the request has no body')
  }

  /**
   * One group item for several recipients: the body is stored once, each
   * envelope (its payload a key wrap) goes through every check of a deposit.
   */
  private depositShared (d: DepositShared, caller: string): RelayResponse {
    if (!validMessageId(d.bodyId)) return refused('', RelayRefusal.BAD_REQUEST, `a body id has 1 to ${MAX_MESSAGE_ID_CHARS} characters`)
    if (d.body.length > MAX_RELAY_PAYLOAD_BYTES) return refused('', RelayRefusal.TOO_LARGE, `the body is ${d.body.length} bytes; the relay takes at most ${MAX_RELAY_PAYLOAD_BYTES}`)
    const result: SharedResult = { stored: [], refused: [] }
    for (const env of d.envelopes) {
      if (env.payload.length > MAX_SHARED_WRAP_BYTES) {
        result.refused.push({ id: env.id, reason: RelayRefusal.TOO_LARGE, message: 'a key wrap is larger than the relay takes' })
        continue
      }
      const answer = this.deposit({ envelope: env }, caller, { id: d.bodyId, body: d.body })
      if (answer.stored != null) result.stored.push(answer.stored)
      if (answer.refused != null) result.refused.push(answer.refused)
    }
    if (result.stored.length === 0) this.components.relay.dropUnused(caller, d.bodyId)
    return { shared: result }
  }

  private deposit (deposit: Deposit, caller: string, shared?: SharedBody): RelayResponse {
    const env = deposit.envelope
    if (env == null) return refused('', RelayRefusal.BAD_REQUEST, 'the deposit has no envelope')
    const id = env.id
    if (!validMessageId(id)) return this.refuse(id, RelayRefusal.BAD_REQUEST, `a message id has 1 to ${MAX_MESSAGE_ID_CHARS} characters`)
    if (env.payload.length > MAX_RELAY_PAYLOAD_BYTES) return this.refuse(id, RelayRefusal.TOO_LARGE, `the envelope is ${env.payload.length} bytes; the relay takes at most ${MAX_RELAY_PAYLOAD_BYTES}`)
    if (this.components.names.byPeer(caller) == null) return this.refuse(id, RelayRefusal.NOT_LOGGED_IN, 'only registered users can deposit; log in to this index server first')
    const recipient = this.components.names.byName(env.recipient)
    if (recipient == null) return this.refuse(id, RelayRefusal.UNKNOWN_RECIPIENT, `nobody called "${env.recipient.slice(0, 40)}" is registered at this index server`)
    if (env.recipientPeerId.length > 0) {
      let given: string
      try {
        given = peerIdFromBytes(env.recipientPeerId).toString()
      } catch {
        return this.refuse(id, RelayRefusal.BAD_REQUEST, 'the recipient PeerId is malformed')
      }
      if (given !== recipient.peerId) return this.refuse(id, RelayRefusal.KEY_MISMATCH, `"${recipient.name}" is registered with another identity than the one this message is for`)
    }
    let result
    try {
      result = this.components.relay.deposit({
        id,
        sender: caller,
        recipient: recipient.name,
        recipientPeerId: recipient.peerId,
        depositedAt: Date.now(),
        payload: env.payload
      }, this.init.quota, shared)
    } catch (err) {
      log.error('deposit could not be committed: %e', err)
      return this.refuse(id, RelayRefusal.STORAGE_FAILED, 'the index server could not store the message (its disk may be full); it stays in your outbox')
    }
    if (!result.ok) {
      const { quota } = this.init
      if (result.reason === 'sender-share') {
        return this.refuse(id, RelayRefusal.SENDER_SHARE, `you already have as much waiting for ${recipient.name} at the index server as one sender may (${quota.senderCount} messages or ${quota.senderBytes} bytes); the rest waits in your outbox until ${recipient.name} is back`)
      }
      return result.reason === 'quota-count'
        ? this.refuse(id, RelayRefusal.QUOTA_COUNT, `${recipient.name} already has ${quota.count} messages waiting at the index server`)
        : this.refuse(id, RelayRefusal.QUOTA_BYTES, `${recipient.name} already has too much waiting at the index server (${quota.bytes} bytes)`)
    }
    failpoint('deposit-committed')
    if (result.duplicate) {
      this.counters.duplicates++
    } else {
      this.counters.stored++
      this.components.events.emit('relay:stored', { recipientPeerId: recipient.peerId })
    }
    return { stored: { id, duplicate: result.duplicate } }
  }

  private refuse (id: string, reason: RelayRefusal, message: string): RelayResponse {
    this.counters.refused++
    return refused(id, reason, message)
  }
}

function refused (id: string, reason: RelayRefusal, message: string): RelayResponse {
  return { refused: { id, reason, message } }
}
