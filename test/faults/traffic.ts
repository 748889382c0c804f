/**
 * Steady two-way traffic for fault tests: each side sends `rate` messages a
 * second with unique bodies, without waiting for one send to finish before
 * the next (a person keeps typing while a send is slow), and records every
 * attempt and acknowledgement in the checker. Requests in flight together go
 * on separate connections, which the daemon may read in either order: check
 * the order against the sender's own history (DeliveryChecker.check's `sent`).
 */
import type { DeliveryChecker } from '../helpers/checker.js'
import type { DaemonProcess } from '../helpers/daemon-process.js'

export const SOAK = process.env.LANCHAT_SOAK === 'full'

export class Traffic {
  private readonly sends: Array<Promise<void>> = []
  private timer?: NodeJS.Timeout
  private n = 0

  constructor (private readonly checker: DeliveryChecker, private readonly pairs: Array<[DaemonProcess, DaemonProcess]>, private readonly rate: number) {}

  start (): void {
    this.timer = setInterval(() => {
      for (const [from, to] of this.pairs) {
        const body = `${from.name} ${this.n}`
        this.checker.attempt(from.name, body)
        this.sends.push(from.send(to.name, body).then(() => { this.checker.acknowledge(body) }, () => {}))
      }
      this.n++
    }, 1000 / this.rate)
  }

  /** Stops sending and waits for every send in flight to answer. */
  async stop (): Promise<number> {
    clearInterval(this.timer)
    await Promise.all(this.sends)
    return this.n
  }
}
