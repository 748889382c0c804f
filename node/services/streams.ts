/**
 * Helpers for libp2p v3 streams that every lanchat service uses (chat,
 * presence, files): close an exchange without leaving it half-open, and
 * wait for something no longer than a deadline.
 */
import { raceSignal } from 'race-signal'
import type { Stream } from '@libp2p/interface'

/** Settles with a promise, or rejects with the signal's reason once it aborts (the package @libp2p/ping uses). */
export { raceSignal }

/**
 * Closes our end, then waits for the peer to close its end (so nothing is
 * left half-open); aborts the stream if that is not done when `signal` fires.
 */
export async function closeGracefully (stream: Stream, signal: AbortSignal): Promise<void> {
  try {
    await stream.close({ signal })
    if (stream.status !== 'open') return
    await raceSignal(new Promise<void>(resolve => { stream.addEventListener('close', () => { resolve() }, { once: true }) }), signal)
  } catch (err) {
    stream.abort(err as Error)
  }
}
