/**
 * The relay's notes of my messages it dropped before their recipients took
 * them (retention, released, refused): each such message turns expired,
 * with the reason, and local clients hear of it; then the notes are acked
 * so the relay forgets them. Fetched at login and when the index says notes
 * wait; single flight.
 */
import { logger } from '@libp2p/logger'
import { ExpiryReason } from '../../protocols/relay/pb/relay.js'
import { peerIdFromBytes } from '../../protocols/shared/peer-ids.js'
import { FETCH_BATCH } from './constants.js'
import { Rounds } from './rounds.js'
import { shownName } from './view.js'
import type { DeliveryDeps } from './ports.js'
import type { ExpiryReason as ExpiryCause } from '../types.js'

const log = logger('lanchat:delivery:expired')

const CAUSES: Partial<Record<ExpiryReason, ExpiryCause>> = {
  [ExpiryReason.RETENTION]: 'retention',
  [ExpiryReason.RELEASED]: 'released',
  [ExpiryReason.REFUSED]: 'refused'
}

export class ExpiredNotes {
  private readonly d: DeliveryDeps
  private readonly fetching: Rounds

  constructor (deps: DeliveryDeps) {
    this.d = deps
    this.fetching = new Rounds(async () => { await this.round() }, err => { log('fetching expired notes failed: %e', err) })
  }

  async stop (): Promise<void> {
    await this.fetching.settled()
  }

  fetch (): Promise<void> {
    return this.fetching.run()
  }

  private async round (): Promise<void> {
    for (;;) {
      if (!this.d.relay.available()) return
      const { expired, more } = await this.d.relay.fetchExpired(FETCH_BATCH)
      if (expired.length === 0) return
      for (const note of expired) {
        let peerId: string
        try {
          peerId = peerIdFromBytes(note.recipientPeerId).toString()
        } catch {
          continue
        }
        const reason = CAUSES[note.reason]
        if (reason == null) continue
        const changed = this.d.messages.expire(note.id, reason, peerId)
        if (changed == null) continue
        log('%s to %s expired at the relay: %s', note.id, peerId, reason)
        this.d.emit({ type: 'state', id: changed.id, peer: shownName(this.d.directory, peerId, changed.to), peerId, state: 'expired', reason })
      }
      await this.d.relay.ackExpired(expired.map(n => n.id))
      if (!more) return
    }
  }
}
