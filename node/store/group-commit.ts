/**
 * Group commit: the writes asked for in one burst (one callback and the
 * promise jobs it starts) share one transaction, so one fsync instead of
 * one each. Every caller's promise settles only after that commit: with its
 * own result; with its own error (its writes rolled back to a savepoint, the
 * others kept); or, when the commit itself fails, with that error (nothing
 * written). A lone write waits only a tick.
 *
 * @example
 * ```ts
 * const group = new GroupCommit(db)
 * const [a, b] = await Promise.all([group.run(() => insert(x)), group.run(() => insert(y))]) // one COMMIT
 * ```
 */
import type { DatabaseSync } from 'node:sqlite'

interface Pending {
  fn: () => unknown
  resolve: (value: any) => void
  reject: (err: Error) => void
}

/** Writes in one transaction at most (a flood of senders still commits every so often). */
export const MAX_GROUP_WRITES = 1024

export class GroupCommit {
  private readonly db: DatabaseSync
  private pending: Pending[] = []

  constructor (db: DatabaseSync) {
    this.db = db
  }

  /** Runs `fn` (synchronous SQLite writes) in the next group's transaction; resolves after its commit. */
  async run<T> (fn: () => T): Promise<T> {
    return await new Promise<T>((resolve, reject) => {
      if (this.pending.length === 0) process.nextTick(() => { this.flush() })
      this.pending.push({ fn, resolve, reject })
    })
  }

  private flush (): void {
    const batch = this.pending.splice(0, MAX_GROUP_WRITES)
    if (this.pending.length > 0) process.nextTick(() => { this.flush() })
    const outcomes: Array<{ ok: true, value: unknown } | { ok: false, err: Error }> = []
    try {
      this.db.exec('BEGIN IMMEDIATE')
    } catch (err) {
      for (const item of batch) item.reject(err as Error)
      return
    }
    try {
      for (const item of batch) {
        this.db.exec('SAVEPOINT group_write')
        try {
          outcomes.push({ ok: true, value: item.fn() })
          this.db.exec('RELEASE group_write')
        } catch (err) {
          this.db.exec('ROLLBACK TO group_write')
          this.db.exec('RELEASE group_write')
          outcomes.push({ ok: false, err: err as Error })
        }
      }
      this.db.exec('COMMIT')
    } catch (err) {
      try { this.db.exec('ROLLBACK') } catch {}
      for (const item of batch) item.reject(err as Error)
      return
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]
      if (o.ok) item.resolve(o.value)
      else item.reject(o.err)
    })
  }
}
