/**
 * What the file scenario needs around real daemons: test files written with
 * their SHA-256, a transfer's state awaited from the events, and peak RSS
 * sampled from /proc while a transfer runs.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { rssMiB } from './procs.js'
import type { DaemonProcess } from '../../test/helpers/daemon-process.js'
import type { DaemonEvent, FileState, FileTransfer } from '../../node/types.js'

const MiB = 1024 * 1024
/** Random bytes written per write while making a big file. */
const WRITE_BYTES = 16 * MiB

/** Writes `mib` MiB of random bytes to `path`; resolves with their SHA-256 (hex). */
export async function bigFile (path: string, mib: number): Promise<string> {
  const hash = createHash('sha256')
  const fh = await open(path, 'w')
  try {
    for (let at = 0; at < mib * MiB; at += WRITE_BYTES) {
      const bytes = randomBytes(Math.min(WRITE_BYTES, mib * MiB - at))
      hash.update(bytes)
      await fh.write(bytes)
    }
  } finally {
    await fh.close()
  }
  return hash.digest('hex')
}

/** A folder of `count` files of `bytes` random bytes each; resolves with each name's content. */
export function smallFiles (dir: string, count: number, bytes: number): Map<string, Buffer> {
  mkdirSync(dir, { recursive: true })
  const files = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    const name = `f${String(i).padStart(4, '0')}.bin`
    const data = randomBytes(bytes)
    writeFileSync(join(dir, name), data)
    files.set(name, data)
  }
  return files
}

export async function sha256File (path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Resolves once `who` has transfer `id` in `state` (checked now, then at each of its file events); rejects after `ms` or if it ends otherwise. */
export async function reaches (who: DaemonProcess, id: string, state: FileState, ms: number): Promise<FileTransfer> {
  const deadline = Date.now() + ms
  for (;;) {
    const since = who.events.length
    const t = await who.api.get<FileTransfer>(`/api/files/${id}`).catch(() => undefined)
    if (t?.state === state) return t
    if (t != null && ['failed', 'cancelled', 'rejected'].includes(t.state)) throw new Error(`${who.name}: transfer ${id} ended ${t.state} (${t.detail ?? ''})`)
    const left = deadline - Date.now()
    if (left <= 0) throw new Error(`${who.name}: transfer ${id} is ${t?.state ?? 'unknown'}, not ${state}, after ${ms} ms (${t?.detail ?? ''})`)
    await who.event((e: DaemonEvent) => e.type === 'file' && e.transfer.id === id, left, since).catch(() => {})
  }
}

/** Samples the RSS of each pid every 100 ms until stopped; resolves each one's peak, MiB. */
export function peakRss (pids: number[]): () => number[] {
  const peak = pids.map(pid => rssMiB(pid))
  const sample = (): void => {
    pids.forEach((pid, i) => { try { peak[i] = Math.max(peak[i], rssMiB(pid)) } catch {} })
  }
  const timer = setInterval(sample, 100)
  return () => { clearInterval(timer); sample(); return peak }
}
