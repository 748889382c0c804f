/**
 * Receipts I owe: a delivery receipt for each relayed message I stored (its
 * sender was not there to get the ack), and a read receipt when the person
 * reads. They wait in the database until a chat channel to the peer opens.
 * Strangers (message requests, blocked people) get no read receipts.
 */
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { AckStatus } from '../../protocols/chat/pb/chat.js'
import { listOf } from '../directory/directory.js'
import { shownName } from './view.js'
import type { DeliveryDeps } from './ports.js'

const log = logger('lanchat:delivery:receipts')

export class Receipts {
  private readonly d: DeliveryDeps

  constructor (deps: DeliveryDeps) {
    this.d = deps
  }

  /** Sends receipts owed to a peer; what cannot be sent stays owed. */
  async pay (peerId: string): Promise<void> {
    const owed = this.d.messages.owed(peerId)
    if (owed.length === 0) return
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
