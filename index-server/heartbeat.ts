/**
 * Heartbeat: every interval the server sends each session a Heartbeat frame
 * on its own stream (no new stream per ping); a session that has not echoed
 * for `misses` intervals is announced offline with reason TIMEOUT and its
 * connection is dropped. With the defaults (2 s x 3) a peer that vanishes
 * without closing is announced within 6-8 s.
 */
import { LeftReason } from '../protocols/directory/pb/directory.js'
import type { Directory } from './directory.js'
import type { IndexEmitter } from './events.js'

export interface HeartbeatInit {
  intervalMs: number
  misses: number
}

export class Heartbeat {
  private readonly directory: Directory
  private readonly events: IndexEmitter
  private readonly init: HeartbeatInit
  private timer?: NodeJS.Timeout
  private seq = 0

  constructor (directory: Directory, events: IndexEmitter, init: HeartbeatInit) {
    this.directory = directory
    this.events = events
    this.init = init
  }

  start (): void {
    this.timer = setInterval(() => { this.tick(Date.now()) }, this.init.intervalMs)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
  }

  /** One round: time out the silent, ping the rest. Public so tests can drive it with fake time. */
  tick (now: number): void {
    const deadline = this.init.intervalMs * this.init.misses
    this.seq++
    for (const session of [...this.directory.sessions()]) {
      if (now - session.lastEcho > deadline) {
        this.events.emit('session:end', { peerId: session.peerId, reason: LeftReason.TIMEOUT })
      } else {
        this.directory.heartbeat(session, this.seq)
      }
    }
  }
}
