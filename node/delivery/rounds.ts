/**
 * Rounds of work that run one at a time: asked while one runs, it runs once
 * more after it (asked ten times meanwhile, still once), so nothing that
 * arrived during a round is missed and nothing runs twice at once. Used for
 * fetching from the relay (envelopes, expired notes).
 */
export class Rounds {
  private running?: Promise<void>
  private again = false
  private readonly round: () => Promise<void>
  private readonly onError: (err: unknown) => void

  constructor (round: () => Promise<void>, onError: (err: unknown) => void) {
    this.round = round
    this.onError = onError
  }

  /** Runs a round now, or one more after the running one; resolves when no round is left. */
  run (): Promise<void> {
    if (this.running != null) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.again = false
        await this.round()
      } while (this.again)
    })().catch(this.onError).finally(() => { this.running = undefined })
    return this.running
  }

  /** Resolves once the running round (if any) is over. */
  async settled (): Promise<void> {
    await Promise.allSettled([this.running])
  }
}
