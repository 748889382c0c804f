/**
 * The answers of one daemon to what peers ask over the file protocol (the
 * FilesHandlers of node/services/files): an offer is recorded (or refused:
 * a blocked sender, too many waiting), a notice moves a transfer (reject,
 * cancel, done, failed), a fetch gets a source for the files asked for.
 */
import { MAX_NOTICE_TEXT_CHARS, MAX_WAITING_OFFERS_PER_PEER } from '../../protocols/constants.js'
import { NoticeKind, Status } from '../../protocols/files/pb/files.js'
import { sanitisePath } from '../../protocols/files/paths.js'
import { clampSentAt } from '../store/message-order.js'
import { sending } from './source.js'
import { reasonOf } from './view.js'
import type { FilesPeers } from './ports.js'
import type { Answer, FileSource, FilesHandlers } from '../services/files/index.js'
import type { FileStore, TransferRecord } from '../store/files.js'
import type { FileState } from '../types.js'
import type { FileEntry, Notice, Offer } from '../../protocols/files/pb/files.js'
import type { PeerId } from '@libp2p/interface'

const FINAL: FileState[] = ['done', 'rejected', 'cancelled', 'failed']

/** What the answers need of the engine (transfers.ts). */
export interface AnswerContext {
  store: FileStore
  peers: FilesPeers
  /** accepts an offer once this answer is out (a trusted sender) */
  acceptSoon(id: string): void
  /** stops a running fetch of this transfer and drops its partial files */
  stopFetch(id: string, why: string): void
  /** the transfer changed: tell local clients */
  changed(id: string): void
  /** bytes moved on a transfer (for progress) */
  moved(t: TransferRecord, bytesDone: number): void
  /** file bytes put on the wire for an outgoing transfer */
  countSent(id: string, bytes: number): void
  /** a serving stream ended */
  stopped(id: string): void
}

export function answers (ctx: AnswerContext): FilesHandlers {
  async function onOffer (peer: PeerId, offer: Offer, files: FileEntry[]): Promise<Answer> {
    const from = peer.toString()
    const known = ctx.store.get(offer.id)
    if (known != null) return known.peerId === from && known.direction === 'in' ? { status: Status.OK, text: '' } : { status: Status.INVALID, text: 'a transfer with this id exists already' }
    // like a message: a blocked sender is refused, a stranger becomes a request (refused when the requests are full)
    if (ctx.peers.isBlocked(from) || !ctx.peers.learn(from, offer.from)) return { status: Status.REFUSED, text: 'the receiver does not take files from you now' }
    if (ctx.store.waitingFrom(from) >= MAX_WAITING_OFFERS_PER_PEER) return { status: Status.REFUSED, text: `${MAX_WAITING_OFFERS_PER_PEER} of your offers are waiting for an answer already` }
    const shown = ctx.peers.show(from)
    // the sender's clock, like a message's: never in the future, never long before now
    ctx.store.create({ id: offer.id, direction: 'in', peerId: from, peerName: shown.name, state: 'offered', size: offer.totalBytes, fileCount: files.length, sentAt: clampSentAt(offer.sentAt, Date.now()) },
      files.map((f, idx) => ({ idx, path: sanitisePath(f.path), size: f.size, sha256: f.sha256, chunks: f.chunks })))
    ctx.changed(offer.id)
    if (ctx.store.trusted(from)) ctx.acceptSoon(offer.id)
    return { status: Status.OK, text: '' }
  }

  function onNotice (peer: PeerId, notice: Notice): Answer {
    const t = ctx.store.get(notice.id)
    if (t == null || t.peerId !== peer.toString()) return { status: Status.UNKNOWN, text: 'no such transfer here' }
    if (FINAL.includes(t.state) && notice.kind !== NoticeKind.DONE) return { status: Status.OK, text: '' }
    const text = notice.text.slice(0, MAX_NOTICE_TEXT_CHARS)
    if (notice.kind === NoticeKind.CANCEL) {
      ctx.store.update(t.id, { state: 'cancelled', reason: t.direction === 'in' ? 'by_sender' : 'by_receiver', detail: text || 'cancelled by the other side', owed: null })
      ctx.stopFetch(t.id, 'cancelled by the other side')
    } else if (t.direction === 'out' && notice.kind === NoticeKind.REJECT) {
      ctx.store.update(t.id, { state: 'rejected', reason: 'by_receiver', detail: 'the receiver rejected it' })
    } else if (t.direction === 'out' && notice.kind === NoticeKind.DONE) {
      for (const e of ctx.store.entries(t.id)) ctx.store.setEntry(t.id, e.idx, 'done', e.size)
      ctx.store.update(t.id, { state: 'done', reason: null, detail: null })
    } else if (t.direction === 'out' && notice.kind === NoticeKind.FAILED) {
      const paused = notice.status === Status.DISK_FULL
      ctx.store.update(t.id, { state: paused ? 'paused' : 'failed', reason: reasonOf(notice.status), detail: text })
    } else {
      return { status: Status.INVALID, text: 'this notice does not fit this transfer' }
    }
    ctx.changed(t.id)
    return { status: Status.OK, text: '' }
  }

  function onFetch (peer: PeerId, id: string): FileSource | Answer {
    const t = ctx.store.get(id)
    if (t == null || t.peerId !== peer.toString() || t.direction !== 'out') return { status: Status.UNKNOWN, text: 'no such transfer here' }
    if (t.state === 'cancelled') return { status: Status.CANCELLED, text: 'the sender cancelled it' }
    if (!['offered', 'sending', 'paused'].includes(t.state)) return { status: Status.UNKNOWN, text: `the transfer is ${t.state}` }
    ctx.store.update(id, { state: 'sending', reason: null, detail: null })
    ctx.changed(id)
    // where each file stands in this run, in memory: the database hears of it when a file starts and when the run ends
    const entries = ctx.store.entries(id)
    const at = new Map<number, number>()
    let bytesDone = entries.reduce((n, e) => n + (e.state === 'waiting' ? e.doneBytes : e.size), 0)
    return sending({
      entries,
      cancelled: () => ctx.store.get(id)?.state === 'cancelled',
      onOpen: (index, offset) => {
        bytesDone += offset - (at.get(index) ?? entries.find(e => e.idx === index)?.doneBytes ?? 0)
        at.set(index, offset)
        ctx.store.saveProgress(id, index, offset)
      },
      onSent: (index, position) => {
        const moved = position - (at.get(index) ?? position)
        at.set(index, position)
        bytesDone += moved
        ctx.countSent(id, moved)
        ctx.moved(t, bytesDone)
      },
      onEnd: (err) => {
        for (const [index, position] of at) ctx.store.saveProgress(id, index, position)
        const now = ctx.store.get(id)
        const status = (err as Error & { status?: Status } | undefined)?.status
        if (now?.state !== 'sending' || err == null) {
          // served to the end (the receiver's DONE notice finishes it), or it ended here already
        } else if (err.name === 'TransferStoppedError' && status === Status.CHANGED) {
          ctx.store.update(id, { state: 'failed', reason: 'changed', detail: err.message })
        } else {
          ctx.store.update(id, { state: 'paused', reason: 'link_lost', detail: 'the link to the receiver was lost; it goes on when they fetch again' })
        }
        ctx.stopped(id)
        ctx.changed(id)
      }
    })
  }

  return {
    onOffer,
    onNotice,
    onFetch: async (peer, id) => onFetch(peer, id)
  }
}
