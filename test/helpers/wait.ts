/**
 * Waiting in tests: always for an event, always with a deadline.
 */
import type { EventEmitter } from 'node:events'

/** Resolves with the first event `name` whose args satisfy `match`; rejects after `ms`. */
export async function waitForEvent<T extends unknown[]> (emitter: EventEmitter<any>, name: string, match: (...args: T) => boolean = () => true, ms = 15_000): Promise<T> {
  return await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(name, listener)
      reject(new Error(`timed out after ${ms} ms waiting for "${name}"`))
    }, ms)
    const listener = (...args: T): void => {
      if (!match(...args)) return
      clearTimeout(timer)
      emitter.off(name, listener)
      resolve(args)
    }
    emitter.on(name, listener)
  })
}

/** Polls `check` (cheap, local) until it returns a value other than undefined; rejects after `ms`. */
export async function until<T> (check: () => T | undefined | Promise<T | undefined>, ms = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}
