/**
 * The design lanchat replaces: a classic IM server that forwards every
 * message. A -> server -> B, B answers -> server -> A, over plain TCP (Nagle
 * off), 100-byte messages; the server's CPU time per message is read from
 * /proc while it forwards.
 */
import { cpuMs } from '../lib/procs.js'
import { latency, timed } from '../lib/stats.js'
import { FORWARD, REGISTER, connectTcp, payload, tcpFrame, tcpFrames } from './wire.js'
import type { Latency } from '../lib/stats.js'
import type { Socket } from 'node:net'

const A = 1
const B = 2

export interface ClassicClient {
  socket: Socket
  close: () => void
}

/** Client B: registers and answers every forwarded message back to its sender through the server. */
export async function classicAnswerer (address: string): Promise<ClassicClient> {
  const [host, port] = address.split(':')
  const socket = await connectTcp(host, Number(port))
  socket.write(tcpFrame(payload(REGISTER, 2, B)))
  tcpFrames(socket, (p) => {
    // p = [FORWARD, from, ...]: send it back to `from`
    socket.write(tcpFrame(p))
  })
  return { socket, close: () => { socket.destroy() } }
}

/** Client A: round trips through the server to B and back. Resolves with A's latencies. */
export async function classicRoundTrip (address: string, count: number, budgetMs: number): Promise<Latency & { answered: number }> {
  const [host, port] = address.split(':')
  const socket = await connectTcp(host, Number(port))
  const waiting: Array<() => void> = []
  let answered = 0
  tcpFrames(socket, () => { answered++; waiting.shift()?.() })
  socket.write(tcpFrame(payload(REGISTER, 2, A)))
  const msg = tcpFrame(payload(FORWARD, 100, B))
  const once = async (): Promise<void> => {
    const answered = new Promise<void>(resolve => { waiting.push(resolve) })
    socket.write(msg)
    await answered
  }
  await timed(Math.min(200, count), budgetMs / 4, once)
  const ms = await timed(count, budgetMs, once)
  socket.destroy()
  return { ...latency(ms), answered }
}

export interface ClassicResult {
  rtt: Latency
  /** the server's CPU time per user message (each one forwarded twice: there and back) */
  serverCpuUsPerMessage: number
}

/** Both clients here, the server in `serverPid`. */
export async function classicRelay (address: string, serverPid: number, count: number, budgetMs: number): Promise<ClassicResult> {
  const b = await classicAnswerer(address)
  const cpu0 = cpuMs(serverPid)
  const rtt = await classicRoundTrip(address, count, budgetMs)
  const cpu1 = cpuMs(serverPid)
  b.close()
  // warm-up round trips count too: they were forwarded
  return { rtt, serverCpuUsPerMessage: (cpu1 - cpu0) * 1000 / rtt.answered }
}
