/**
 * Helpers for libp2p v3 streams that every lanchat service uses (chat,
 * presence, files): close an exchange without leaving it half-open, and
 * wait for something no longer than a deadline.
 */
import type { Stream } from '@libp2p/interface'

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

/** Settles with `promise`, or rejects with the signal's reason once it aborts. */
export async function raceSignal<T> (promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal == null) return await promise
  return await new Promise<T>((resolve, reject) => {
    const onAbort = (): void => { reject(signal.reason) }
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value) },
      (err) => { signal.removeEventListener('abort', onAbort); reject(err) }
    )
  })
}
