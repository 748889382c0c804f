/**
 * The physical floor: plain TCP on 127.0.0.1 between this process and a
 * child (Nagle off), 100-byte messages. Round trip one at a time, and
 * one-way messages per second with each message its own write.
 */
import { latency, timed } from '../lib/stats.js'
import { COUNT, ECHO, QUERY, connectTcp, payload, tcpFrame, tcpFrames, writeTcp } from './wire.js'
import type { Latency } from '../lib/stats.js'
import type { Socket } from 'node:net'

/** One TCP connection with a FIFO of answers. */
export class TcpClient {
  readonly socket: Socket
  private readonly waiting: Array<(p: Buffer) => void> = []

  private constructor (socket: Socket) {
    this.socket = socket
    tcpFrames(socket, (p) => { this.waiting.shift()?.(Buffer.from(p)) })
  }

  static async connect (address: string): Promise<TcpClient> {
    const [host, port] = address.split(':')
    return new TcpClient(await connectTcp(host, Number(port)))
  }

  async request (p: Uint8Array): Promise<Buffer> {
    const answer = new Promise<Buffer>(resolve => { this.waiting.push(resolve) })
    this.socket.write(tcpFrame(p))
    return await answer
  }

  close (): void {
    this.socket.destroy()
  }
}

export async function tcpRoundTrip (address: string, count: number, budgetMs: number): Promise<Latency> {
  const client = await TcpClient.connect(address)
  const msg = payload(ECHO)
  await timed(Math.min(200, count), budgetMs, async () => { await client.request(msg) })
  const ms = await timed(count, budgetMs, async () => { await client.request(msg) })
  client.close()
  return latency(ms)
}

/** Messages per second, one write per 100-byte message, until the server has counted them all. */
export async function tcpOneWay (address: string, count: number): Promise<number> {
  const client = await TcpClient.connect(address)
  const msg = tcpFrame(payload(COUNT))
  const t = performance.now()
  for (let i = 0; i < count; i++) await writeTcp(client.socket, msg)
  const answer = await client.request(payload(QUERY, 1))
  const seconds = (performance.now() - t) / 1000
  client.close()
  if (answer.toString() !== `Q${count}`) throw new Error(`tcp floor counted ${answer.toString()}, sent ${count}`)
  return count / seconds
}
