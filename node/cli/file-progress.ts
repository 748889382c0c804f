/**
 * Live progress of file transfers in the CLI: one cli-progress bar per
 * transfer with its rate and time left on a terminal; on anything else
 * (a pipe, a log) plain lines, at most one per PLAIN_LINE_INTERVAL_MS per
 * transfer, and one when it ends. Follows the daemon's event stream until
 * every transfer followed has ended (or stopped moving by the person's wish:
 * Ctrl-C stops watching, never the transfer).
 */
import cliProgress from 'cli-progress'
import { formatBytes, formatDuration, formatRate } from '../files/format.js'
import { terminalSafe } from './format.js'
import type { ApiClient } from './api-client.js'
import type { Io } from './command.js'
import type { DaemonEvent, FileState, FileTransfer } from '../types.js'

/** Plain progress lines (not a terminal): at most one per transfer this often. */
export const PLAIN_LINE_INTERVAL_MS = 2_000

const ENDED: FileState[] = ['done', 'rejected', 'cancelled', 'failed']

/** How a transfer's end reads. */
export function endLine (t: FileTransfer): string {
  const what = `${t.files.length} file${t.files.length === 1 ? '' : 's'} (${formatBytes(t.size)}) ${t.direction === 'out' ? 'to' : 'from'} ${terminalSafe(t.peer)}`
  switch (t.state) {
    case 'done': {
      if (t.direction === 'out') return `sent ${what}`
      const skipped = t.files.filter(f => f.state === 'skipped').length
      const dir = terminalSafe(t.dir ?? '')
      if (skipped === 0) return `received ${what} into ${dir}`
      if (skipped === t.files.length) return `${what}: already in ${dir} (the same path and content); nothing was sent`
      return `received ${what} into ${dir} (${skipped} of them were there already, not sent again)`
    }
    case 'rejected': return `${what}: rejected${t.direction === 'out' ? ` by ${terminalSafe(t.peer)}` : ''}`
    case 'cancelled': return `${what}: cancelled (${t.reason === 'by_me' ? 'by you' : `by ${terminalSafe(t.peer)}`})`
    default: return `${what}: ${t.state}${t.detail != null ? ` — ${terminalSafe(t.detail)}` : ''}`
  }
}

function label (t: FileTransfer): string {
  const first = t.files[0]?.name ?? ''
  const name = t.files.length === 1 ? first : `${first.split('/')[0]} (${t.files.length} files)`
  return `${t.direction === 'out' ? '→' : '←'} ${terminalSafe(t.peer)} ${terminalSafe(name)}`.slice(0, 40)
}

/** Follows `ids` until each has ended; resolves with the transfers as they ended. */
export async function follow (client: ApiClient, ids: string[], io: Io): Promise<FileTransfer[]> {
  const tty = io.stdout.isTTY === true
  const bars = tty ? new cliProgress.MultiBar({ stream: io.stdout as NodeJS.WriteStream, hideCursor: true, clearOnComplete: false, format: '{label} [{bar}] {percentage}% {moved} of {all} {speed} {left}' }, cliProgress.Presets.shades_classic) : undefined
  const shown = new Map<string, { bar?: cliProgress.SingleBar, lastLine: number }>()
  const ended = new Map<string, FileTransfer>()
  const finished = Promise.withResolvers<void>()
  const show = (t: FileTransfer, rate = t.bytesPerSecond ?? 0, bytesDone = t.bytesDone): void => {
    if (!ids.includes(t.id) || ended.has(t.id)) return
    const eta = rate > 0 ? formatDuration((t.size - bytesDone) * 1000 / rate) : '--:--'
    const payload = { label: label(t), moved: formatBytes(bytesDone), all: formatBytes(t.size), speed: rate > 0 ? formatRate(rate) : t.state, left: rate > 0 ? `${eta} left` : '' }
    let entry = shown.get(t.id)
    if (entry == null) {
      entry = { bar: bars?.create(Math.max(1, t.size), 0, payload), lastLine: 0 }
      shown.set(t.id, entry)
    }
    if (entry.bar != null) entry.bar.update(Math.min(bytesDone, Math.max(1, t.size)), payload)
    else if (Date.now() - entry.lastLine >= PLAIN_LINE_INTERVAL_MS && !ENDED.includes(t.state)) {
      entry.lastLine = Date.now()
      io.stdout.write(`${payload.label}: ${t.state} ${payload.moved} of ${payload.all}${rate > 0 ? ` at ${payload.speed}, ${eta} left` : ''}\n`)
    }
    if (ENDED.includes(t.state)) {
      ended.set(t.id, t)
      if (entry.bar != null) entry.bar.update(t.state === 'done' ? Math.max(1, t.size) : bytesDone, payload)
      if (ended.size === ids.length) finished.resolve()
    }
  }
  const latest = new Map<string, FileTransfer>()
  const close = client.events((event: DaemonEvent) => {
    if (event.type === 'file') {
      latest.set(event.transfer.id, event.transfer)
      show(event.transfer)
    } else if (event.type === 'file-progress') {
      const t = latest.get(event.id)
      if (t != null) show({ ...t, state: t.state === 'offered' || t.state === 'accepted' ? (t.direction === 'in' ? 'receiving' : 'sending') : t.state }, event.bytesPerSecond, event.bytesDone)
    }
  }, {
    onOpen: () => {
      // what happened before the stream opened
      void Promise.all(ids.map(async id => await client.get<FileTransfer>(`/api/files/${id}`))).then(ts => {
        for (const t of ts) { latest.set(t.id, t); show(t) }
      }, (err: Error) => { finished.reject(err) })
    },
    onEnd: (err) => { finished.reject(err ?? new Error('the daemon closed the event stream')) }
  })
  const stop = (): void => { finished.resolve() }
  process.once('SIGINT', stop)
  try {
    await finished.promise
  } finally {
    process.off('SIGINT', stop)
    close()
    bars?.stop()
  }
  for (const t of ended.values()) io.stdout.write(endLine(t) + '\n')
  return [...ended.values()]
}
