/**
 * The order of a group's history, the same on every member whatever order
 * the posts arrived in.
 *
 * @example
 * ```ts
 * mergeSenders([{ sender: 'b', seq: 1, sentAt: 5 }, { sender: 'a', seq: 1, sentAt: 5 }])   // a's first (tie: sender)
 * ```
 */

/**
 * The order of one group's history: each sender's posts in its seq order
 * (never reordered by a clock that went back), the senders interleaved by
 * sent-at; ties by sender PeerId, then seq: the same order on every member.
 */
export function mergeSenders<P extends { sender: string, seq: number, sentAt: number }> (posts: P[]): P[] {
  const lanes = new Map<string, P[]>()
  for (const p of posts) {
    const lane = lanes.get(p.sender)
    if (lane == null) lanes.set(p.sender, [p])
    else lane.push(p)
  }
  const queues = [...lanes.values()].map(l => l.sort((a, b) => a.seq - b.seq))
  const out: P[] = []
  for (;;) {
    let best: P[] | undefined
    for (const q of queues) {
      if (q.length === 0) continue
      const a = q[0]
      const b = best?.[0]
      if (b == null || a.sentAt < b.sentAt || (a.sentAt === b.sentAt && (a.sender < b.sender || (a.sender === b.sender && a.seq < b.seq)))) best = q
    }
    if (best == null) return out
    out.push(best.shift() as P)
  }
}
