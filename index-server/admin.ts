/**
 * Admin subcommands for the office machine: they work on the data directory
 * directly (SQLite in WAL mode lets them run beside a live server, which
 * notices their commits within a second).
 *
 *   lanchat-index users   [--data DIR] [--json]
 *   lanchat-index release NAME [--data DIR] [--json]
 *   lanchat-index status  [--data DIR] [--json]
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { STATE_WRITE_MS } from './options.js'
import { INDEX_DB_FILE, openIndexStore } from './store.js'
import type { IndexStore } from './store.js'

export class AdminError extends Error {
  static name = 'AdminError'
  name = 'AdminError'
}

export interface AdminOutput {
  /** what --json prints */
  json: unknown
  /** what a person reads */
  text: string
}

function openExisting (dataDir: string): IndexStore {
  if (!existsSync(join(dataDir, INDEX_DB_FILE))) {
    throw new AdminError(`there is no index data in ${dataDir}; pass the --data DIR that lanchat-index runs with`)
  }
  return openIndexStore(dataDir)
}

/** Is a server running on this data directory? (its pid is alive and it wrote its state recently) */
function serverRunning (store: IndexStore): { running: boolean, pid: number | null } {
  const pid = Number(store.getState('pid') ?? '')
  const updated = Number(store.getState('updated_at') ?? '0')
  if (!Number.isInteger(pid) || pid <= 0) return { running: false, pid: null }
  let alive = false
  try {
    process.kill(pid, 0)
    alive = true
  } catch (err: any) {
    alive = err.code === 'EPERM'
  }
  return { running: alive && Date.now() - updated < STATE_WRITE_MS * 3, pid }
}

const when = (ms: number): string => ms > 0 ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '-'

function table (rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)))
  return rows.map(r => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n')
}

export function users (dataDir: string): AdminOutput {
  const store = openExisting(dataDir)
  try {
    const { running } = serverRunning(store)
    const list = store.names.list().map(u => ({ name: u.name, peerId: u.peerId, firstSeen: u.firstSeen, lastSeen: u.lastSeen, online: running && u.online }))
    const text = list.length === 0
      ? 'no users have logged in yet'
      : table([['NAME', 'PEER ID', 'FIRST SEEN', 'LAST SEEN', 'ONLINE'], ...list.map(u => [u.name, u.peerId, when(u.firstSeen), when(u.lastSeen), u.online ? 'yes' : 'no'])])
    return { json: list, text }
  } finally {
    store.close()
  }
}

export function release (dataDir: string, name: string): AdminOutput {
  const store = openExisting(dataDir)
  try {
    const user = store.names.byName(name)
    if (user == null) throw new AdminError(`nobody called "${name}" is registered; see lanchat-index users`)
    const dropped = store.relay.pending(user.peerId)
    store.names.release(name)
    const json = { released: true, name: user.name, peerId: user.peerId, droppedEnvelopes: dropped }
    const text = `released "${user.name}" (was bound to ${user.peerId})` +
      (dropped > 0 ? `; ${dropped} message(s) waiting for it were dropped, and their senders are told (expired, released)` : '') +
      '; the next identity to log in with this name gets it'
    return { json, text }
  } finally {
    store.close()
  }
}

export function status (dataDir: string): AdminOutput {
  const store = openExisting(dataDir)
  try {
    const { running, pid } = serverRunning(store)
    const list = store.names.list()
    const queues = store.relay.queues()
    const counters = JSON.parse(store.getState('counters') ?? '{}')
    const json = {
      running,
      pid: running ? pid : null,
      peerId: store.getState('peer_id') ?? null,
      udp: store.getState('udp') ?? null,
      listen: JSON.parse(store.getState('listen') ?? '[]') as string[],
      users: list.length,
      online: running ? list.filter(u => u.online).length : 0,
      relay: queues.map(q => ({ recipient: q.recipient, peerId: q.peerId, count: q.count, bytes: q.bytes, oldest: q.oldest })),
      counters: running ? counters : null
    }
    const lines = [
      running ? `lanchat-index is running (pid ${pid ?? '?'}), peer id ${json.peerId ?? '?'}` : 'lanchat-index is not running on this data directory',
      `users: ${json.users} registered, ${json.online} online`
    ]
    if (running) lines.push(`udp ${json.udp ?? '?'}; libp2p ${json.listen.join(', ')}`)
    if (queues.length === 0) {
      lines.push('relay: nothing waiting')
    } else {
      lines.push('relay queue:', table([['RECIPIENT', 'COUNT', 'BYTES', 'OLDEST'], ...queues.map(q => [q.recipient, String(q.count), String(q.bytes), when(q.oldest)])]))
    }
    return { json, text: lines.join('\n') }
  } finally {
    store.close()
  }
}
