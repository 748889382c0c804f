/**
 * Groups (issue 15), relay bytes: one post to the everyone room whose other
 * members are all offline, against the same body sent 1:1 to each of them.
 * The sender is a real `lanchat daemon` process. Its post reaches the relay
 * as one shared deposit (node/groups/fanout.ts relayShared: the body sealed
 * once, a key wrap per offline member), committed before the API answers;
 * the 1:1 sends answer once the index committed their envelope. Measured:
 * the bytes the index stores (read from its database beside the running
 * server, read-only) and the bytes it received on its TCP port meanwhile
 * (the kernel's per-socket counters: Noise, yamux and everything else on the
 * sender's index connection in that window).
 */
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex } from '../../test/helpers/index-process.js'
import { INDEX_DB_FILE } from '../../index-server/store.js'
import { BODY, INDEX_ARGS, knowsMembers, loginAll, poll } from '../lib/group-setup.js'
import { STATE_WRITE_MS } from '../../index-server/options.js'
import { createClients, stopClients } from '../lib/light-client.js'
import { tcpBytesReceivedOn } from '../lib/procs.js'
import type { Bench } from '../lib/context.js'
import type { IndexProcess } from '../../test/helpers/index-process.js'
import type { SendResult } from '../../node/types.js'

interface Usage { count: number, bytes: number, quota: number }

/** What the index database holds, in payload bytes (row keys and columns aside). */
interface Stored {
  /** 1:1 envelopes (no body id, not a group copy) */
  direct: Usage
  /** the shared deposit's envelopes: each payload one member's key wrap */
  wraps: Usage
  /** stored bodies, each once */
  bodies: Usage
  /** group copies sealed to one member and deposited alone (members a shared deposit did not take) */
  copies: Usage
}

function stored (index: IndexProcess): Stored {
  const db = new DatabaseSync(join(index.dataDir, INDEX_DB_FILE), { readOnly: true })
  const usage = (sql: string): Usage => {
    const row = db.prepare(sql).get() as unknown as Usage
    return { count: Number(row.count), bytes: Number(row.bytes), quota: Number(row.quota) }
  }
  try {
    const envelopes = (where: string): Usage => usage(`SELECT count(*) AS count, coalesce(sum(length(payload)), 0) AS bytes, coalesce(sum(size), 0) AS quota FROM envelopes WHERE ${where}`)
    return {
      direct: envelopes("body_id IS NULL AND id NOT LIKE 'g-%'"),
      wraps: envelopes('body_id IS NOT NULL'),
      bodies: usage('SELECT count(*) AS count, coalesce(sum(length(body)), 0) AS bytes, 0 AS quota FROM bodies'),
      copies: envelopes("body_id IS NULL AND id LIKE 'g-%'")
    }
  } finally {
    db.close()
  }
}

/**
 * The index's relay counters as it last wrote them for `lanchat-index status` (every
 * STATE_WRITE_MS), once written after `since` (epoch ms); undefined if not within `ms`.
 */
async function relayCounters (index: IndexProcess, since: number, ms: number): Promise<{ stored: number, duplicates: number } | undefined> {
  let found: { stored: number, duplicates: number } | undefined
  await poll(() => {
    const db = new DatabaseSync(join(index.dataDir, INDEX_DB_FILE), { readOnly: true })
    try {
      const get = (key: string): string | undefined => (db.prepare('SELECT value FROM server_state WHERE key = ?').get(key) as { value: string } | undefined)?.value
      if (Number(get('updated_at') ?? 0) <= since) return false
      const relay = JSON.parse(get('counters') ?? '{}').relay ?? {}
      found = { stored: Number(relay.stored ?? 0), duplicates: Number(relay.duplicates ?? 0) }
      return true
    } finally {
      db.close()
    }
  }, ms)
  return found
}

function tcpPort (index: IndexProcess): number {
  const m = /\/tcp\/(\d+)/.exec(index.tcpAddr)
  if (m == null) throw new Error(`no TCP port in the index's address ${index.tcpAddr}`)
  return Number(m[1])
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`

export async function relayBytes (b: Bench, hostBase: number): Promise<void> {
  const n = b.n.groupOffline
  const index = await startIndex({ args: INDEX_ARGS })
  const port = tcpPort(index)
  const sender = new DaemonProcess({ name: 'rsender', indexPort: index.udpPort })
  const clients = await createClients('off', n, hostBase)
  try {
    await sender.start()
    const failures = await loginAll(clients, index)
    for (const c of clients) await c.logout().catch(() => {})
    await stopClients(clients)
    const wanted = n - failures
    if (!await knowsMembers(sender, wanted, 30_000)) b.note('relay bytes: the sender did not list every offline user within 30 s')
    // 1:1 first: each send answers once the index committed its envelope
    const wire0 = tcpBytesReceivedOn(port)
    const sendsFrom = performance.now()
    let relayed = 0
    for (const c of clients) {
      if (performance.now() - sendsFrom > b.budget(60_000)) break
      const r = await sender.send(c.name, BODY).catch(() => undefined as SendResult | undefined)
      if (r?.state === 'relayed') relayed++
    }
    const wire1 = tcpBytesReceivedOn(port)
    const before = stored(index)
    const counted0 = await relayCounters(index, Date.now(), 2 * STATE_WRITE_MS)
    const wire1b = tcpBytesReceivedOn(port)
    const r = await sender.api.post<{ state: string }>('/api/groups/everyone/messages', { body: BODY })
    const wire2 = tcpBytesReceivedOn(port)
    const after = stored(index)
    const counted1 = await relayCounters(index, Date.now(), 2 * STATE_WRITE_MS)
    // deposits of the post the index already held: a copy of it sent to a member one by one besides the shared deposit
    const duplicates = counted0 != null && counted1 != null ? counted1.duplicates - counted0.duplicates : NaN
    const post = {
      wraps: after.wraps.count - before.wraps.count,
      wrapBytes: after.wraps.bytes - before.wraps.bytes,
      bodies: after.bodies.count - before.bodies.count,
      bodyBytes: after.bodies.bytes - before.bodies.bytes,
      copies: after.copies.count - before.copies.count,
      copyBytes: after.copies.bytes - before.copies.bytes,
      quota: after.wraps.quota - before.wraps.quota + after.copies.quota - before.copies.quota
    }
    const postBytes = post.bodyBytes + post.wrapBytes + post.copyBytes
    const direct = before.direct
    // the 1:1 side for every offline member, also when the time budget cut the sends short
    const directBytes = direct.count >= wanted ? direct.bytes : direct.bytes / direct.count * wanted
    const wirePost = wire2 - wire1b
    const wireDirect = direct.count >= wanted ? wire1 - wire0 : (wire1 - wire0) / direct.count * wanted
    const missing = wanted - post.wraps - post.copies
    b.add({
      scenario: `relay bytes: one everyone post to ${n} offline vs ${n} x 1:1 (stored)`,
      lanchat: kib(postBytes),
      floor: `${kib(directBytes)} 1:1`,
      ratio: postBytes / directBytes,
      target: `body once + a wrap each`,
      met: post.bodies === 1 && post.wraps === wanted && post.copies === 0,
      note: `payload bytes in the index's database, ${BODY.length}-character body. The post (state ${r.state} at the API's answer: the shared deposit is one request, committed before it answers): ${post.bodies} stored body of ${post.bodyBytes} B + ${post.wraps} key wraps of ${(post.wrapBytes / Math.max(1, post.wraps)).toFixed(0)} B${post.copies > 0 ? ` + ${post.copies} copies deposited alone (${post.copyBytes} B)` : ''}${missing > 0 ? `; ${missing} of ${wanted} offline members not at the relay when the API answered` : ''}; the quota counts ${kib(post.quota)} (body + wrap per recipient, what each will fetch). 1:1: ${direct.count} envelopes of ${(direct.bytes / Math.max(1, direct.count)).toFixed(0)} B (${relayed} sends answered relayed)${direct.count < wanted ? `, scaled to ${wanted}` : ''}${failures > 0 ? `; ${failures} of ${n} logins failed` : ''}`,
      values: { postBytes, directBytes, bodies: post.bodies, bodyBytes: post.bodyBytes, wraps: post.wraps, wrapBytes: post.wrapBytes, copies: post.copies, copyBytes: post.copyBytes, quotaBytes: post.quota, directEnvelopes: direct.count, directStored: direct.bytes, offline: wanted }
    })
    b.add({
      scenario: `relay bytes: one everyone post to ${n} offline vs ${n} x 1:1 (received by the index)`,
      lanchat: Number.isFinite(wirePost) ? kib(wirePost) : 'n/a',
      floor: Number.isFinite(wireDirect) ? `${kib(wireDirect)} 1:1` : 'n/a',
      ratio: wirePost / wireDirect,
      target: '',
      note: `TCP payload bytes the index received on its port ${port} (kernel per-socket counters, ss -ti bytes_received: Noise, yamux, the relay requests, and anything else the sender's index connection carried in that window) during the post's API call vs during the ${direct.count} 1:1 sends${direct.count < wanted ? ` (scaled to ${wanted})` : ''}; deposits of the post the index already held (copies sent one by one besides the shared deposit, kept by nobody) by its counters ${STATE_WRITE_MS / 1000} s later: ${Number.isFinite(duplicates) ? duplicates : 'not read'}`,
      values: { wirePost, wireDirect, wireDirectMeasured: wire1 - wire0, duplicates }
    })
  } finally {
    await sender.stop()
    await index.stop()
  }
}
