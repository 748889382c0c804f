/**
 * The libp2p floor: a bare v3 stream between this process and a child node
 * with lanchat's stack (TCP, Noise, yamux), frames as lanchat frames them
 * (varint length prefix, `message` events, one `send()` per frame). The
 * durable floor adds what lanchat's delivery contract requires per message:
 * the sender commits (SQLite WAL, synchronous FULL) before it sends, the
 * receiver commits before it answers.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { LengthPrefixedDecoder } from '@libp2p/utils'
import { encode as lpEncode } from 'it-length-prefixed'
import { openDatabase, transaction } from '../../runtime/sqlite.js'
import { createBenchNode, sendWithBackpressure } from '../lib/node.js'
import { latency, timed } from '../lib/stats.js'
import { COUNT, ECHO, ECHO_PROTOCOL, QUERY, payload } from './wire.js'
import type { BenchNode } from '../lib/node.js'
import type { Latency } from '../lib/stats.js'
import type { Stream } from '@libp2p/interface'
import type { DatabaseSync, StatementSync } from 'node:sqlite'

export class Libp2pClient {
  readonly node: BenchNode
  readonly stream: Stream
  private readonly waiting: Array<(p: Uint8Array) => void> = []

  private constructor (node: BenchNode, stream: Stream) {
    this.node = node
    this.stream = stream
    const decoder = new LengthPrefixedDecoder({ maxDataLength: 64 * 1024 })
    stream.addEventListener('message', (evt) => {
      for (const f of decoder.decode(evt.data)) this.waiting.shift()?.(f.subarray())
    })
  }

  static async connect (address: string): Promise<Libp2pClient> {
    const node = await createBenchNode()
    const stream = await node.dialProtocol(multiaddr(address), ECHO_PROTOCOL)
    return new Libp2pClient(node, stream)
  }

  async request (p: Uint8Array): Promise<Uint8Array> {
    const answer = new Promise<Uint8Array>(resolve => { this.waiting.push(resolve) })
    this.stream.send(lpEncode.single(p))
    return await answer
  }

  async close (): Promise<void> {
    this.stream.abort(new Error('done'))
    await this.node.stop()
  }
}

/** The sender's outbox commit of the durable floor. */
export class FloorOutbox {
  readonly db: DatabaseSync
  private readonly insert: StatementSync

  constructor (dir: string) {
    this.db = openDatabase(join(dir, 'floor-client.db'), 'FULL')
    this.db.exec('CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, body BLOB NOT NULL, created_at INTEGER NOT NULL)')
    this.insert = this.db.prepare('INSERT INTO messages (id, body, created_at) VALUES (?, ?, ?)')
  }

  commit (body: Uint8Array): void {
    transaction(this.db, () => { this.insert.run(randomUUID(), body, Date.now()) })
  }

  close (): void {
    this.db.close()
  }
}

/** One durable round trip at a time (for interleaving with lanchat's, so both see the same disk). */
export class DurableFloor {
  private readonly client: Libp2pClient
  private readonly outbox: FloorOutbox
  private readonly msg = payload(ECHO)

  private constructor (client: Libp2pClient, outbox: FloorOutbox) {
    this.client = client
    this.outbox = outbox
  }

  /** Connects to a `libp2p-echo HOST DIR` floor server; `dir` holds the sender's database. */
  static async connect (address: string, dir: string): Promise<DurableFloor> {
    return new DurableFloor(await Libp2pClient.connect(address), new FloorOutbox(dir))
  }

  async once (): Promise<void> {
    this.outbox.commit(this.msg)
    await this.client.request(this.msg)
  }

  async close (): Promise<void> {
    this.outbox.close()
    await this.client.close()
  }
}

export async function libp2pRoundTrip (address: string, count: number, budgetMs: number, outbox?: FloorOutbox): Promise<Latency> {
  const client = await Libp2pClient.connect(address)
  const msg = payload(ECHO)
  const once = async (): Promise<void> => {
    outbox?.commit(msg)
    await client.request(msg)
  }
  await timed(Math.min(200, count), budgetMs / 4, once)
  const ms = await timed(count, budgetMs, once)
  await client.close()
  return latency(ms)
}

/** Messages per second one way, one `send()` per message (with backpressure), until the far end counted them all. */
export async function libp2pOneWay (address: string, count: number): Promise<number> {
  const client = await Libp2pClient.connect(address)
  const msg = lpEncode.single(payload(COUNT)).subarray()
  const t = performance.now()
  for (let i = 0; i < count; i++) await sendWithBackpressure(client.stream, msg)
  const answer = new TextDecoder().decode(await client.request(payload(QUERY, 1)))
  const seconds = (performance.now() - t) / 1000
  await client.close()
  if (answer !== `Q${count}`) throw new Error(`libp2p floor counted ${answer}, sent ${count}`)
  return count / seconds
}
