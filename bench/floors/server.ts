/**
 * The floor servers, one per child process (so the floors cross processes
 * the way lanchat's messages do). Prints its address on the first stdout
 * line, then serves until SIGTERM.
 *
 *   node dist/bench/floors/server.js tcp-echo HOST
 *   node dist/bench/floors/server.js libp2p-echo HOST [DB_DIR]   (with DB_DIR: commit before answering)
 *   node dist/bench/floors/server.js classic-relay HOST
 *   node dist/bench/floors/server.js libp2p-bulk HOST   (a sink on the daemon's stack: bulk.ts)
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { LengthPrefixedDecoder } from '@libp2p/utils'
import { encode as lpEncode } from 'it-length-prefixed'
import { openDatabase, transaction } from '../../runtime/sqlite.js'
import { createBenchNode } from '../lib/node.js'
import { BULK_PROTOCOL, bulkSink } from './bulk.js'
import { COUNT, ECHO, ECHO_PROTOCOL, FORWARD, QUERY, REGISTER, tcpFrame, tcpFrames } from './wire.js'
import type { Socket } from 'node:net'
import type { Stream } from '@libp2p/interface'

function answerCount (count: number): Uint8Array {
  return new TextEncoder().encode(`Q${count}`)
}

async function tcpEcho (host: string): Promise<string> {
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true)
    let count = 0
    tcpFrames(socket, (p) => {
      if (p[0] === ECHO) socket.write(tcpFrame(p))
      else if (p[0] === COUNT) count++
      else if (p[0] === QUERY) { socket.write(tcpFrame(answerCount(count))); count = 0 }
    })
    socket.on('error', () => {})
  })
  await new Promise<void>(resolve => { server.listen(0, host, resolve) })
  const addr = server.address() as { port: number }
  return `${host}:${addr.port}`
}

function classicRelay (host: string): Promise<string> {
  const clients = new Map<number, Socket>()
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true)
    tcpFrames(socket, (p) => {
      if (p[0] === REGISTER) {
        clients.set(p[1], socket)
      } else if (p[0] === FORWARD) {
        // the classic server: look the recipient up, forward, rewrite "to" as "from"
        const to = clients.get(p[1])
        if (to == null) return
        const out = Buffer.from(p)
        for (const [id, s] of clients) if (s === socket) out[1] = id
        to.write(tcpFrame(out))
      }
    })
    socket.on('error', () => {})
  })
  return new Promise(resolve => {
    server.listen(0, host, () => { resolve(`${host}:${(server.address() as { port: number }).port}`) })
  })
}

async function libp2pEcho (host: string, dbDir?: string): Promise<string> {
  const db = dbDir == null ? undefined : openDatabase(join(dbDir, 'floor-server.db'), 'FULL')
  db?.exec('CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, body BLOB NOT NULL, created_at INTEGER NOT NULL)')
  const insert = db?.prepare('INSERT INTO messages (id, body, created_at) VALUES (?, ?, ?)')
  const node = await createBenchNode({ host })
  await node.handle(ECHO_PROTOCOL, (stream: Stream) => {
    const decoder = new LengthPrefixedDecoder({ maxDataLength: 64 * 1024 })
    let count = 0
    let pending: Uint8Array[] = []
    const answer = (frames: Uint8Array[]): void => {
      for (const f of frames) {
        if (f[0] === ECHO) stream.send(lpEncode.single(f))
        else if (f[0] === COUNT) count++
        else if (f[0] === QUERY) { stream.send(lpEncode.single(answerCount(count))); count = 0 }
      }
    }
    // durable: the frames of one event-loop turn share one commit (group commit), made before any answer
    const flush = (): void => {
      const frames = pending
      pending = []
      if (db != null && insert != null) {
        transaction(db, () => { for (const f of frames) if (f[0] !== QUERY) insert.run(randomUUID(), f, Date.now()) })
      }
      answer(frames)
    }
    stream.addEventListener('message', (evt) => {
      const frames = [...decoder.decode(evt.data)].map(f => f.subarray())
      if (db == null) {
        answer(frames)
        return
      }
      if (pending.length === 0) setImmediate(flush)
      pending.push(...frames)
    })
    stream.addEventListener('remoteCloseWrite', () => { void stream.close().catch(() => {}) })
  }, { maxInboundStreams: 64 })
  return node.getMultiaddrs()[0].toString()
}

async function libp2pBulkSink (host: string): Promise<string> {
  const node = await createBenchNode({ host, daemonStack: true })
  await node.handle(BULK_PROTOCOL, bulkSink)
  return node.getMultiaddrs()[0].toString()
}

async function main (): Promise<void> {
  const [kind, host = '127.0.0.1', dbDir] = process.argv.slice(2)
  const address = kind === 'tcp-echo'
    ? await tcpEcho(host)
    : kind === 'classic-relay'
      ? await classicRelay(host)
      : kind === 'libp2p-echo'
        ? await libp2pEcho(host, dbDir)
        : kind === 'libp2p-bulk'
          ? await libp2pBulkSink(host)
          : undefined
  if (address == null) throw new Error(`unknown floor server ${kind}`)
  process.stdout.write(`${address}\n`)
  process.on('SIGTERM', () => { process.exit(0) })
}

main().catch((err) => {
  process.stderr.write(`floor server failed: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
