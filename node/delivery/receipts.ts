/**
 * Receipts I owe: a delivery receipt for each relayed message I stored (its
 * sender was not there to get the ack), and a read receipt when the person
 * reads. They wait in the database until a chat channel to the peer opens,
 * and are tried again every RECEIPT_RETRY_MS while the peer is online (a
 * first try that failed, e.g. while the connection was still being made,
 * would otherwise wait for the next channel). Strangers (message requests,
 * blocked people) get no read receipts.
 */
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { listOf } from '../directory/directory.js'
import { RECEIPT_RETRY_MS } from './constants.js'
import { shownName } from './view.js'
import type { DeliveryDeps } from './ports.js'

const log = logger('lanchat:delivery:receipts')

export class Receipts {
  private readonly d: DeliveryDeps
  /** peers being paid now: one payment at a time each (no receipt sent twice by two overlapping tries) */
  private readonly paying = new Set<string>()
  private timer?: NodeJS.Timeout

  constructor (deps: DeliveryDeps) {
    this.d = deps
  }

  start (): void {
    this.timer = setInterval(() => { for (const peerId of this.d.messages.owedPeers()) this.payIfOnline(peerId) }, RECEIPT_RETRY_MS)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
  }

  /** Sends receipts owed to a peer; what cannot be sent stays owed. */
  async pay (peerId: string): Promise<void> {
    if (this.paying.has(peerId)) return
    const owed = this.d.messages.owed(peerId)
    if (owed.length === 0) return
    this.paying.add(peerId)
    try {
      await this.send(peerId, owed)
    } finally {
      this.paying.delete(peerId)
    }
  }

  private async send (peerId: string, owed: Array<{ id: string, kind: 'delivered' | 'read' }>): Promise<void> {
    const peer = peerIdFromString(peerId)
    try {
      for (const { id } of owed.filter(o => o.kind === 'delivered')) {
        await this.d.chat.sendAck(peer, { id, status: AckStatus.STORED })
        this.d.messages.paid(peerId, [id], 'delivered')
      }
      const read = owed.filter(o => o.kind === 'read').map(o => o.id)
      if (read.length > 0) {
        await this.d.chat.sendReceipt(peer, read)
        this.d.messages.paid(peerId, read, 'read')
      }
    } catch (err) {
      log('receipts to %s wait: %e', peerId, err)
    }
  }

  /** Pays now if the peer is online (else when a channel to it opens). */
  payIfOnline (peerId: string): void {
    if (this.d.directory.isOnline(peerId)) void this.pay(peerId)
  }

  /** The person read these (or all) messages from `peerId`: record it and tell the sender. */
  markRead (peerId: string, ids?: string[]): number {
    const changed = this.d.messages.markRead(peerId, ids)
    if (changed.length === 0) return 0
    const peer = shownName(this.d.directory, peerId, '')
    for (const id of changed) this.d.emit({ type: 'state', id, peer, peerId, state: 'read' })
    // a stranger (a request, or blocked) does not learn that I read it; read receipts are for people I answered
    const person = this.d.directory.byPeer(peerId)
    if (person == null || listOf(person) !== 'people') return changed.length
    this.d.messages.owe(peerId, changed, 'read')
    this.payIfOnline(peerId)
    return changed.length
  }
}
