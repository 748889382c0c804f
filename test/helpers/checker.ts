/**
 * A Jepsen-style queue checker for chat delivery. Every message the test
 * tries to send has a unique body; the checker records each attempt and
 * whether the API acknowledged it (returned an id), then classifies the
 * recipient's final history:
 *   lost        acknowledged, but not in the recipient's history   (a bug)
 *   duplicated  in the history more than once                      (a bug)
 *   unexpected  in the history, but never attempted                (a bug)
 *   reordered   one sender's messages not in the order it sent them (a bug):
 *               the order the test made them when it sent one after another;
 *               when it sent without waiting (several requests in flight on
 *               several connections, which a server may read in either
 *               order), the order the sender's daemon took them, from its
 *               own history (`sent`)
 *   recovered   attempted without an acknowledgement (the sender died), yet delivered (fine)
 */
import type { ChatMessage } from '../../node/types.js'

export interface Verdict {
  attempted: number
  acknowledged: number
  delivered: number
  lost: string[]
  duplicated: string[]
  unexpected: string[]
  reordered: string[]
  recovered: string[]
}

export class DeliveryChecker {
  /** bodies in the order they were attempted, per sender */
  private readonly attempts = new Map<string, string[]>()
  private readonly acked = new Set<string>()

  attempt (sender: string, body: string): void {
    const list = this.attempts.get(sender) ?? []
    list.push(body)
    this.attempts.set(sender, list)
  }

  acknowledge (body: string): void {
    this.acked.add(body)
  }

  /**
   * Classifies the recipient's history of messages from `sender`. `sent`: the
   * sender's own history with the recipient, when its sends overlapped.
   */
  check (sender: string, history: ChatMessage[], sent?: ChatMessage[]): Verdict {
    const attempted = this.inOrder(this.attempts.get(sender) ?? [], sent)
    const known = new Set(attempted)
    const bodies = history.filter(m => m.from === sender).map(m => m.body)
    const counts = new Map<string, number>()
    for (const b of bodies) counts.set(b, (counts.get(b) ?? 0) + 1)
    const order = bodies.filter(b => known.has(b)).map(b => attempted.indexOf(b))
    return {
      attempted: attempted.length,
      acknowledged: attempted.filter(b => this.acked.has(b)).length,
      delivered: counts.size,
      lost: attempted.filter(b => this.acked.has(b) && !counts.has(b)),
      duplicated: [...counts].filter(([, n]) => n > 1).map(([b]) => b),
      unexpected: bodies.filter(b => !known.has(b)),
      reordered: order.flatMap((at, i) => i > 0 && at < order[i - 1] ? [attempted[at]] : []),
      recovered: attempted.filter(b => !this.acked.has(b) && counts.has(b))
    }
  }

  /** The attempts in the order the sender's daemon took them (its history, by its sequence numbers); the ones it never took after, as made. */
  private inOrder (attempted: string[], sent?: ChatMessage[]): string[] {
    if (sent == null) return attempted
    const made = new Set(attempted)
    const taken = [...new Set(sent.filter(m => m.direction === 'out' && made.has(m.body)).map(m => m.body))]
    const seen = new Set(taken)
    return [...taken, ...attempted.filter(b => !seen.has(b))]
  }
}

/** The seed of a fault test: LANCHAT_SEED to replay one, else a fresh one (printed on failure). */
export function testSeed (): number {
  return Number(process.env.LANCHAT_SEED ?? Math.floor(Math.random() * 2 ** 31))
}

/** A small seeded generator (mulberry32), so crash points replay exactly. */
export function seeded (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
