/**
 * The tiny wire of the floor servers. Plain TCP: a 2-byte big-endian length,
 * then the payload. libp2p: the same payloads, varint length-prefixed like
 * lanchat's frames. The first payload byte says what to do with it.
 */
import { Socket } from 'node:net'

/** the libp2p floor's protocol */
export const ECHO_PROTOCOL = '/lanchat-bench/echo/1.0.0'

/** echo this frame back */
export const ECHO = 0x45
/** count this frame, answer nothing */
export const COUNT = 0x43
/** answer with one frame holding the count so far (then reset it) */
export const QUERY = 0x51
/** classic relay: register as the client with id payload[1] */
export const REGISTER = 0x52
/** classic relay: forward to client payload[1] (it receives [FORWARD, from, ...data]) */
export const FORWARD = 0x46

/** A 100-byte message body, like a short chat line. */
export const BODY_BYTES = 100

export function payload (kind: number, bytes = BODY_BYTES, second = 0): Uint8Array {
  const p = new Uint8Array(bytes).fill(0x61)
  p[0] = kind
  p[1] = second
  return p
}

/** One TCP frame: 2-byte length + payload. */
export function tcpFrame (p: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(2 + p.byteLength)
  out.writeUInt16BE(p.byteLength, 0)
  out.set(p, 2)
  return out
}

/** Splits a TCP byte stream into payloads (calls `onFrame` for each, in order). */
export function tcpFrames (socket: Socket, onFrame: (p: Buffer) => void): void {
  let buf: Buffer = Buffer.alloc(0)
  socket.on('data', (d: Buffer) => {
    buf = buf.byteLength === 0 ? d : Buffer.concat([buf, d])
    let at = 0
    while (buf.byteLength - at >= 2) {
      const len = buf.readUInt16BE(at)
      if (buf.byteLength - at - 2 < len) break
      onFrame(buf.subarray(at + 2, at + 2 + len))
      at += 2 + len
    }
    buf = buf.subarray(at)
  })
}

/** Connects with Nagle off (request/response over TCP otherwise waits ~40 ms for delayed ACKs). */
export async function connectTcp (host: string, port: number): Promise<Socket> {
  return await new Promise((resolve, reject) => {
    const socket = new Socket()
    socket.setNoDelay(true)
    socket.once('error', reject)
    socket.connect(port, host, () => {
      socket.off('error', reject)
      resolve(socket)
    })
  })
}

/** Writes, waiting for 'drain' when the socket asks for it. */
export async function writeTcp (socket: Socket, data: Uint8Array): Promise<void> {
  if (!socket.write(data)) await new Promise(resolve => socket.once('drain', resolve))
}
