/**
 * What the file transfer tests and the files benchmark check on real
 * daemons: a transfer reaching a state (as its user would see it in
 * `lanchat files`), a file's SHA-256, and a process's RSS over a transfer.
 */
import { createHash } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import type { DaemonProcess } from './daemon-process.js'
import type { DaemonEvent, FileState, FileTransfer } from '../../node/types.js'

const ENDED: FileState[] = ['done', 'failed', 'cancelled', 'rejected']

/**
 * Resolves once `who` has transfer `id` in `state` (and with `reason`, if
 * given): checked now, then at each of its file events, and at least every
 * second. Rejects after `ms`, or at once if it ended in another state.
 */
export async function reaches (who: DaemonProcess, id: string, state: FileState, ms = 30_000, reason?: string): Promise<FileTransfer> {
  const deadline = Date.now() + ms
  for (;;) {
    const since = who.events.length
    const t = await who.api.get<FileTransfer>(`/api/files/${id}`).catch(() => undefined)
    if (t?.state === state && (reason == null || t.reason === reason)) return t
    if (t != null && t.state !== state && ENDED.includes(t.state)) throw new Error(`${who.name}: transfer ${id} ended ${t.state}, not ${state} (${t.detail ?? ''})`)
    const left = deadline - Date.now()
    if (left <= 0) throw new Error(`${who.name}: transfer ${id} is ${t?.state ?? 'unknown'}${t?.reason != null ? ` (${t.reason})` : ''}, not ${state}${reason != null ? ` (${reason})` : ''}, after ${ms} ms (${t?.detail ?? ''})`)
    await who.event((e: DaemonEvent) => e.type === 'file' && e.transfer.id === id, Math.min(left, 1_000), since).catch(() => {})
  }
}

/** SHA-256 of a file, hex. */
export function sha (path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** SHA-256 of a file read as a stream (for files too big to read at once), hex. */
export async function shaStreamed (path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const piece of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) hash.update(piece as Buffer)
  return hash.digest('hex')
}

/** A process's resident memory now, MiB. */
export function rssMiB (pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m == null ? NaN : Number(m[1]) / 1024
}

/** Samples the RSS of each pid every 100 ms until stopped; the stop function gives each one's peak, MiB. */
export function peakRss (pids: number[]): () => number[] {
  const peak = pids.map(pid => rssMiB(pid))
  const sample = (): void => {
    pids.forEach((pid, i) => { try { peak[i] = Math.max(peak[i], rssMiB(pid)) } catch {} })
  }
  const timer = setInterval(sample, 100)
  return () => { clearInterval(timer); sample(); return peak }
}
