/**
 * A transfer as the API, the CLI and the web client see it (FileTransfer in
 * node/types.ts), the reason codes of its states, and the rate of a moving
 * transfer (progress events at most every PROGRESS_INTERVAL_MS).
 */
import { Status } from '../../protocols/files/pb/files.js'
import type { EntryRecord, TransferRecord } from '../store/files.js'
import type { FileTransfer } from '../types.js'

/** Progress events per transfer: at most one per this long (and one at the end). */
export const PROGRESS_INTERVAL_MS = 250
/** The rate shown is over about this long. */
const RATE_WINDOW_MS = 3_000

/** A wire status as the reason code of a failed, paused or refused transfer. */
export function reasonOf (status: Status): string {
  switch (status) {
    case Status.TOO_LARGE: return 'too_large'
    case Status.TOO_MANY: return 'too_many'
    case Status.REFUSED: return 'refused'
    case Status.INVALID: return 'invalid'
    case Status.DISK_FULL: return 'disk_full'
    case Status.CHANGED: return 'changed'
    case Status.CORRUPT: return 'corrupt'
    case Status.CANCELLED: return 'by_sender'
    case Status.UNKNOWN: return 'unknown'
    default: return 'failed'
  }
}

export class Progress {
  rate = 0
  private lastEmit = 0
  private readonly samples: Array<{ at: number, bytes: number }> = []

  /** Records `bytesDone` at `now`; true when an event is due. */
  update (bytesDone: number, now: number): boolean {
    this.samples.push({ at: now, bytes: bytesDone })
    while (this.samples.length > 2 && now - this.samples[0].at > RATE_WINDOW_MS) this.samples.shift()
    const first = this.samples[0]
    this.rate = now > first.at ? Math.max(0, (bytesDone - first.bytes) * 1000 / (now - first.at)) : 0
    if (now - this.lastEmit < PROGRESS_INTERVAL_MS) return false
    this.lastEmit = now
    return true
  }
}

export function toView (t: TransferRecord, entries: EntryRecord[], shown: { name: string, verified: boolean }, progress?: Progress, bytesSent?: number): FileTransfer {
  const view: FileTransfer = {
    id: t.id,
    direction: t.direction,
    peer: shown.name,
    peerId: t.peerId,
    verified: shown.verified,
    files: entries.map(e => ({ name: e.path, size: e.size, state: e.state, ...(e.landed != null && t.direction === 'in' && e.state === 'done' ? { path: e.landed } : {}) })),
    size: t.size,
    bytesDone: t.state === 'done' ? t.size : entries.reduce((n, e) => n + (e.state === 'waiting' ? e.doneBytes : e.size), 0),
    state: t.state,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt
  }
  if (t.reason != null) view.reason = t.reason
  if (t.detail != null) view.detail = t.detail
  if (t.dir != null && t.direction === 'in') view.dir = t.dir
  if (progress != null) view.bytesPerSecond = Math.round(progress.rate)
  if (bytesSent != null && t.direction === 'out') view.bytesSent = bytesSent
  return view
}
