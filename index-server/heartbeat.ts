/**
 * Heartbeat: every interval the server sends each session a Heartbeat frame
 * on its own stream (no new stream per ping); a session that has not echoed
 * for `misses` intervals is announced offline with reason TIMEOUT and its
 * connection is dropped. Silence is checked CHECKS_PER_INTERVAL times per
 * interval, so with the defaults (2 s x 3) a peer that vanishes without
 * closing is announced 6-6.5 s after its last echo (4-6.5 s after it vanished).
 */

/** How often per interval the deadline is checked (heartbeats are still sent once per interval). */
export const CHECKS_PER_INTERVAL = 4
import { LeftReason } from '../protocols/directory/pb/directory.js'
import type { DirectoryFeed } from './directory.js'
import type { IndexEmitter } from './events.js'

export interface HeartbeatInit {
  intervalMs: number
  misses: number
}

export class Heartbeat {
  private readonly directory: DirectoryFeed
  private readonly events: IndexEmitter
  private readonly init: HeartbeatInit
  private timer?: NodeJS.Timeout
  private seq = 0
  private lastSent = Number.NEGATIVE_INFINITY

  constructor (directory: DirectoryFeed, events: IndexEmitter, init: HeartbeatInit) {
    this.directory = directory
    this.events = events
    this.init = init
  }

  start (): void {
    this.timer = setInterval(() => { this.tick(Date.now()) }, this.init.intervalMs / CHECKS_PER_INTERVAL)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
  }

  /** One check: time out the silent; once per interval, ping the rest. Public so tests can drive it with fake time. */
  tick (now: number): void {
    const deadline = this.init.intervalMs * this.init.misses
    const send = now - this.lastSent >= this.init.intervalMs
    if (send) {
      this.seq++
      this.lastSent = now
    }
    for (const session of [...this.directory.sessions()]) {
      if (now - session.lastEcho > deadline) {
        this.events.emit('session:end', { peerId: session.peerId, reason: LeftReason.TIMEOUT })
      } else if (send) {
        this.directory.heartbeat(session, this.seq)
      }
    }
  }
}
