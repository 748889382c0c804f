/**
 * Store-and-forward: sends to an offline peer until the index server has
 * committed them (state relayed), and a login with a backlog waiting: from
 * starting the recipient's daemon until every envelope is in its history
 * (each one opened: sealed to it, signed by its sender).
 */
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { peerIdFromString } from '@libp2p/peer-id'
import { v7 as uuidv7 } from 'uuid'
import { seal } from '../../protocols/relay/seal.js'
import { peerIdToBytes } from '../../protocols/shared/peer-ids.js'
import { deposit } from '../../node/services/index-client/relay-client.js'
import { PROFILE_DB_FILE } from '../../node/profile-files.js'
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex } from '../../test/helpers/index-process.js'
import { inProcessDaemon, until } from '../lib/daemon.js'
import { createClients, stopClients } from '../lib/light-client.js'
import { fmtLatency, fmtMs, fmtRate, latency, timed } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'
import type { BenchClient } from '../lib/light-client.js'
import type { PeerId } from '@libp2p/interface'

const BODY = 'x'.repeat(100)
/** senders filling the backlog, each with the index's limit of concurrent relay streams per connection */
const FILLERS = 4
const STREAMS_PER_FILLER = 4

/** Deposits `count` sealed envelopes for `to` from the fillers; resolves with deposits per second. */
async function fill (fillers: BenchClient[], indexPeerId: PeerId, to: PeerId, count: number): Promise<number> {
  let next = 0
  const t = performance.now()
  const worker = async (c: BenchClient): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const id = uuidv7()
      const payload = seal({ id, seq: i + 1, from: peerIdToBytes(c.node.peerId), to: peerIdToBytes(to), sentAt: Date.now(), body: BODY, fromName: c.name, toName: 'bob', group: '' }, c.key, to)
      await deposit(c.node, indexPeerId, { id, sender: new Uint8Array(), recipient: 'bob', recipientPeerId: peerIdToBytes(to), depositedAt: 0, payload })
    }
  }
  await Promise.all(fillers.flatMap(c => Array.from({ length: STREAMS_PER_FILLER }, async () => { await worker(c) })))
  return count / ((performance.now() - t) / 1000)
}

export async function relay (b: Bench): Promise<void> {
  const index = await startIndex({ args: ['--login-rate', '100000', '--relay-quota', String(b.n.backlog * 2), '--relay-quota-bytes', String(256 * 1024 * 1024)] })
  // bob registers once, then goes offline
  const bob = new DaemonProcess({ name: 'bob', indexPort: index.udpPort })
  await bob.start()
  const bobId = peerIdFromString(bob.peerId)
  await bob.stop()

  const alice = await inProcessDaemon('alice', index.udpPort)
  let relayed = 0
  try {
    await until(() => alice.index.connected && alice.directory.resolve('bob') != null && !alice.directory.isOnline(bob.peerId), 20_000, 'alice to know bob is offline')
    const send = async (): Promise<void> => {
      const r = await alice.send('bob', BODY)
      if (r.state !== 'relayed') throw new Error(`a send to an offline peer ended ${r.state}`)
      relayed++
    }
    await timed(10, 2_000, send)
    const l = latency(await timed(b.n.relayRtt, b.budget(4_000), send))
    const floor = b.floors.durableRtt
    b.add({
      scenario: 'send to offline peer -> relayed p50 / p99',
      lanchat: fmtLatency(l),
      floor: floor == null ? '' : `${fmtLatency(floor)} durable`,
      ratio: floor == null ? undefined : l.p50 / floor.p50,
      target: '',
      note: `${l.n} sequential; outbox commit, seal, new relay stream, durable commit at the index`,
      values: { p50: l.p50, p99: l.p99, n: l.n }
    })
  } finally {
    await alice.stop()
  }

  const fillers = await createClients('filler', FILLERS, 900)
  let rate: number
  try {
    await Promise.all(fillers.map(async c => { await c.login(index) }))
    rate = await fill(fillers, peerIdFromString(index.peerId), bobId, b.n.backlog)
  } finally {
    await stopClients(fillers)
  }
  const expected = b.n.backlog + relayed
  b.add({ scenario: 'relay deposits at the index', lanchat: fmtRate(rate), floor: '', target: '', note: `${b.n.backlog} sealed 100-byte envelopes, ${FILLERS} senders x ${STREAMS_PER_FILLER} streams; each acknowledged after its durable commit`, values: { rate } })

  const t = performance.now()
  await bob.start({ waitForIndex: false })
  const ready = performance.now() - t
  const db = new DatabaseSync(join(bob.profileDir, PROFILE_DB_FILE), { readOnly: true })
  const count = db.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'in'")
  let have = 0
  try {
    await until(() => (have = (count.get() as { n: number }).n) >= expected, b.quick ? 20_000 : 60_000, `bob's history to hold ${expected} messages`).catch(() => {})
  } finally {
    db.close()
  }
  const total = performance.now() - t
  const drain = (total - ready) / 1000
  b.add({
    scenario: `login with ${expected.toLocaleString('en-US')} waiting -> all in history`,
    lanchat: fmtMs(total),
    floor: b.floors.durableOneWay == null ? '' : `${fmtMs(expected / b.floors.durableOneWay * 1000)} durable`,
    ratio: b.floors.durableOneWay == null ? undefined : total / (expected / b.floors.durableOneWay * 1000),
    target: '',
    note: `${have} of ${expected} in history; from spawning the daemon (API ready after ${fmtMs(ready)}, then ${fmtRate(have / drain)} fetched, opened, committed); floor = the durable floor's one-way rate`,
    values: { totalMs: total, readyMs: ready, stored: have, expected }
  })
  await bob.stop()
  await index.stop()
}
