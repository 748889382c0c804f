/**
 * Sending group items (records and posts) to each member over the 1:1
 * chain, as the delivery outbox sends a message: every item is committed
 * per member (group_out) before it is sent; then, per member and in the
 * order queued: direct on the member's chat stream (a chat Message with
 * `group` and `item` set, acked after the member's commit) -> sealed to the
 * member (the group seal, one wrap) and deposited at the index server's
 * relay -> stays queued and is retried with backoff, and at once when the
 * member or the index comes back. A record is queued before the posts that
 * depend on it, so one member receives them in that order.
 *
 * @example
 * ```ts
 * const fanout = new GroupFanout(deps, item => { progressChanged(item) })
 * fanout.start()
 * await fanout.flushMember(bobPeerId)
 * ```
 */
import { logger } from '@libp2p/logger'
import { sha256 } from '@noble/hashes/sha2.js'
import { peerIdFromString } from '@libp2p/peer-id'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { SignedItem } from '../../protocols/groups/item.js'
import { SealedItem, Wrap, sealItem, sealedBody } from '../../protocols/groups/seal.js'
import { peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { DEPOSIT_TIMEOUT_MS, DIRECT_GUESS_TIMEOUT_MS, DIRECT_TIMEOUT_MS, OUTBOX_TICK_MS, RETRY_MAX_MS, RETRY_MIN_MS } from '../delivery/constants.js'
import { GROUP_QUEUE_PAGE } from './constants.js'
import type { GroupsDeps } from './ports.js'
import type { OutRow, OutState } from './store.js'

const log = logger('lanchat:groups:fanout')

/**
 * The relay envelope id of an item for one member: the relay keeps one
 * envelope per (depositor, id), so each member's copy needs its own id
 * (the item's own id travels inside the seal).
 */
export function relayIdOf (item: string, member: string): string {
  return `g-${Buffer.from(sha256(new TextEncoder().encode(`${item}\n${member}`))).toString('hex').slice(0, 40)}`
}

export class GroupFanout {
  private readonly d: GroupsDeps
  private readonly onProgress: (row: OutRow) => void
  private readonly chains = new Map<string, Promise<void>>()
  private timer?: NodeJS.Timeout

  /** `onProgress` hears of every member's row that moved forward. */
  constructor (deps: GroupsDeps, onProgress: (row: OutRow) => void) {
    this.d = deps
    this.onProgress = onProgress
  }

  start (): void {
    this.timer = setInterval(() => { this.flushDue() }, OUTBOX_TICK_MS)
    this.timer.unref()
    this.flushDue()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    await Promise.allSettled([...this.chains.values()])
  }

  /** Retries every member whose queued items are due. */
  flushDue (): void {
    for (const member of this.d.store.due(Date.now())) void this.flushMember(member, false)
  }

  /** Everything queued, now (the index came back). */
  flushAll (): void {
    for (const member of this.d.store.due(Number.MAX_SAFE_INTEGER)) void this.flushMember(member, true)
  }

  /** Sends what is queued for the member, in order, behind any drain already running for it. */
  flushMember (member: string, force = true): Promise<void> {
    const previous = this.chains.get(member) ?? Promise.resolve()
    const next = previous.then(async () => { await this.drain(member, force) })
      .catch(err => { log.error('flush %s failed: %e', member, err) })
    this.chains.set(member, next)
    void next.then(() => { if (this.chains.get(member) === next) this.chains.delete(member) })
    return next
  }

  /** A member acked an item (also an ack that comes after a relayed copy, as a receipt). */
  onAck (member: string, id: string, status: AckStatus): void {
    if (status === AckStatus.STORED) this.advance(id, member, 'delivered')
  }

  onReceipt (member: string, ids: string[]): void {
    for (const id of ids) this.advance(id, member, 'read')
  }

  private async drain (member: string, force: boolean): Promise<void> {
    for (;;) {
      const now = Date.now()
      const page = this.d.store.queuedFor(member, GROUP_QUEUE_PAGE)
      const queue = page.filter(r => force || r.nextAttemptAt <= now)
      if (queue.length === 0) return
      for (let i = 0; i < queue.length; i++) {
        const state = await this.attempt(queue[i])
        if (state === 'queued') {
          // the rest would fail the same way (and must not overtake it): all later, in order
          for (const r of queue.slice(i)) this.d.store.defer(r.item, member, now + Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** r.attempts))
          return
        }
      }
      if (page.length < GROUP_QUEUE_PAGE) return
    }
  }

  /**
   * One of my posts for several members who are offline: sealed once (a key
   * wrap each) and deposited as one shared body; each member the relay took
   * it for is relayed. Members it refused stay queued (their own drain tries
   * again, one deposit each). Without the index, nothing happens.
   */
  async relayShared (item: string, members: string[]): Promise<void> {
    const signed = this.d.store.signedPost(item)
    if (signed == null || members.length < 2 || !this.d.relay.available()) return
    const peers = members.map(m => peerIdFromString(m))
    const sealed = sealItem(SignedItem.decode(signed), peers)
    const idOf = new Map(members.map(m => [relayIdOf(item, m), m]))
    // the retry tick must not deposit their own copies meanwhile (one each, beside the shared one)
    this.d.store.hold(item, members, Date.now() + DEPOSIT_TIMEOUT_MS)
    try {
      const { stored, refused } = await this.d.relay.depositShared({
        bodyId: item,
        body: sealedBody(sealed) as Uint8Array<ArrayBuffer>,
        envelopes: members.map((m, k) => {
          const person = this.d.people.byPeer(m)
          return {
            id: relayIdOf(item, m),
            sender: new Uint8Array(),
            recipient: person?.registeredName !== '' && person?.registeredName != null ? person.registeredName : (person?.name ?? ''),
            recipientPeerId: peerIdToBytes(peers[k]),
            depositedAt: 0,
            payload: Wrap.encode(sealed.wraps[k])
          }
        })
      }, { signal: AbortSignal.timeout(DEPOSIT_TIMEOUT_MS) })
      if (refused.length > 0) log('the relay refused %d of %d shares of %s', refused.length, members.length, item)
      // one commit for all of them, and one progress report (not one per member: that re-read every row each time)
      const moved = this.d.store.advanceAll(item, stored.map(id => idOf.get(id)).filter(m => m != null), 'relayed')
      const row = moved.length > 0 ? this.d.store.progress(item).find(r => r.member === moved[0]) : undefined
      if (row != null) this.onProgress(row)
    } catch (err) {
      log('shared deposit of %s failed: %e', item, err)
    }
  }

  private itemOf (row: OutRow): Uint8Array | undefined {
    return row.kind === 'post' ? this.d.store.signedPost(row.item) : this.d.store.record(row.item)
  }

  private async attempt (row: OutRow): Promise<OutState> {
    const item = this.itemOf(row)
    if (item == null) return this.advance(row.item, row.member, 'dropped')
    const online = this.d.people.isOnline(row.member)
    const indexUp = this.d.relay.available()
    if (online || (!indexUp && this.d.people.knownAddrs(row.member))) {
      const state = await this.direct(row, item, online ? DIRECT_TIMEOUT_MS : DIRECT_GUESS_TIMEOUT_MS)
      if (state != null) return state
    }
    if (indexUp) {
      const state = await this.relay(row, item)
      if (state != null) return state
    }
    return 'queued'
  }

  private async direct (row: OutRow, item: Uint8Array, timeout: number): Promise<OutState | undefined> {
    const to = this.d.people.byPeer(row.member)
    try {
      const status = await this.d.chat.send(peerIdFromString(row.member), {
        id: row.item,
        from: this.d.selfName(),
        to: to?.name.slice(0, 32) ?? '',
        body: '',
        sentAt: Date.now(),
        seq: 0,
        group: row.groupId,
        item: item as Uint8Array<ArrayBuffer>
      }, { signal: AbortSignal.timeout(timeout) })
      if (status === AckStatus.STORED) return this.advance(row.item, row.member, 'delivered')
      // refused for good (not a member there, malformed): never retried
      if (status === AckStatus.INVALID || status === AckStatus.TOO_LARGE) return this.advance(row.item, row.member, 'dropped')
    } catch (err) {
      log('direct to %s failed: %e', row.member, err)
    }
    return undefined
  }

  /** Seals the item to the member alone and deposits it; relayed once the index committed it. */
  private async relay (row: OutRow, item: Uint8Array): Promise<OutState | undefined> {
    const peer = peerIdFromString(row.member)
    const person = this.d.people.byPeer(row.member)
    try {
      const payload = SealedItem.encode(sealItem(SignedItem.decode(item), [peer]))
      await this.d.relay.deposit({
        id: relayIdOf(row.item, row.member),
        sender: new Uint8Array(),
        recipient: person?.registeredName !== '' && person?.registeredName != null ? person.registeredName : (person?.name ?? ''),
        recipientPeerId: peerIdToBytes(peer),
        depositedAt: 0,
        payload
      }, { signal: AbortSignal.timeout(DEPOSIT_TIMEOUT_MS) })
      return this.advance(row.item, row.member, 'relayed')
    } catch (err) {
      log('relay deposit for %s failed: %e', row.member, err)
      return undefined
    }
  }

  private advance (item: string, member: string, state: OutState): OutState {
    if (this.d.store.advance(item, member, state)) {
      const row = this.d.store.progress(item).find(r => r.member === member)
      if (row != null) this.onProgress(row)
      return state
    }
    return this.d.store.progress(item).find(r => r.member === member)?.state ?? state
  }
}
