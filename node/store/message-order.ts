/**
 * The order a history is shown in: each sender's messages in its sequence
 * order (never reordered by a clock that went back), the two senders
 * interleaved by sent-at; and the sent-at an incoming message is stored
 * with, so a sender cannot bury a message years back.
 */
import type { ChatMessage } from '../types.js'

/** How far back a sender may date a message it gives me: the relay's 7-day retention and a day of clock skew. */
export const MAX_BACKDATE_MS = 8 * 24 * 3600 * 1000

/**
 * The sent-at an incoming message is stored (and ordered) with: the sender's
 * clock, but never after it arrived and never more than MAX_BACKDATE_MS
 * before, so nobody can bury a message years back (or pin it to the bottom).
 */
export function clampSentAt (sentAt: number, receivedAt: number): number {
  return Math.min(receivedAt, Math.max(receivedAt - MAX_BACKDATE_MS, sentAt))
}

/** Merges the two directions: each in seq order, then by sent-at (a stable two-way merge). */
export function mergeBySender<M extends Pick<ChatMessage, 'direction' | 'sentAt'> & { seq: number }> (rows: M[]): M[] {
  const mine = rows.filter(m => m.direction === 'out').sort((a, b) => a.seq - b.seq)
  const theirs = rows.filter(m => m.direction === 'in').sort((a, b) => a.seq - b.seq)
  const out: M[] = []
  let i = 0
  let j = 0
  while (i < mine.length || j < theirs.length) {
    if (j >= theirs.length || (i < mine.length && mine[i].sentAt <= theirs[j].sentAt)) out.push(mine[i++])
    else out.push(theirs[j++])
  }
  return out
}

