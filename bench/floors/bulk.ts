/**
 * The file floor: bare libp2p bulk on the daemon's own stack (TCP with
 * coalesced writes, Noise, yamux with the daemon's options; node/daemon/node.ts)
 * between this process and a child sink (`floors/server.js libp2p-bulk`), one
 * stream, frames of FILE_DATA_FRAME_BYTES with backpressure, no disk, no hash:
 * the most a file transfer over the same libp2p could move. Both ends hold
 * the heap's transfer rule while they move bytes, as the daemon's file
 * service does (runtime/heap-growth.ts; a change only in a process started
 * with the daemon's V8 flags).
 */
import { randomBytes } from 'node:crypto'
import { multiaddr } from '@multiformats/multiaddr'
import { FILE_DATA_FRAME_BYTES } from '../../protocols/constants.js'
import { holdHeapGrowth } from '../../runtime/heap-growth.js'
import { createBenchNode } from '../lib/node.js'
import type { Stream } from '@libp2p/interface'

/** As the file service writes (node/services/files/reader.ts): after 'drain', wait for more until at most this is queued. */
const QUEUE_RESUME_BYTES = 1024 * 1024

async function nextDrain (stream: Stream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const done = (): void => {
      stream.removeEventListener('drain', onDrain)
      stream.removeEventListener('close', onClose)
    }
    const onDrain = (): void => { done(); resolve() }
    const onClose = (): void => { done(); reject(new Error('the stream closed while waiting to drain')) }
    stream.addEventListener('drain', onDrain)
    stream.addEventListener('close', onClose)
  })
}

/** send(), then when it asks for it, wait for 'drain' until the queue is small again. */
async function sendWithBackpressure (stream: Stream, data: Uint8Array): Promise<void> {
  if (stream.send(data)) return
  do {
    await nextDrain(stream)
  } while (stream.writeBufferLength > QUEUE_RESUME_BYTES)
}

export const BULK_PROTOCOL = '/lanchat-bench/bulk/1.0.0'

/** The sink's side: counts what arrives; once the sender closes, answers the count (decimal) and closes. */
export function bulkSink (stream: Stream): void {
  let count = 0
  const release = holdHeapGrowth()
  stream.addEventListener('close', release)
  stream.addEventListener('message', (evt) => { count += evt.data.byteLength })
  stream.addEventListener('remoteCloseWrite', () => {
    release()
    stream.send(new TextEncoder().encode(String(count)))
    void stream.close().catch(() => {})
  })
}

/** Sends `bytes` to the sink at `address`; resolves with the seconds from the first byte to the sink's count. */
export async function libp2pBulk (address: string, bytes: number): Promise<number> {
  const node = await createBenchNode({ daemonStack: true })
  try {
    const stream = await node.dialProtocol(multiaddr(address), BULK_PROTOCOL)
    const answer = new Promise<string>((resolve, reject) => {
      let text = ''
      stream.addEventListener('message', (evt) => { text += new TextDecoder().decode(evt.data.subarray()) })
      stream.addEventListener('remoteCloseWrite', () => { resolve(text) })
      stream.addEventListener('close', (evt) => { if (evt.error != null) reject(evt.error); else resolve(text) })
    })
    const frame = randomBytes(FILE_DATA_FRAME_BYTES)
    const release = holdHeapGrowth()
    const t = performance.now()
    let got: number
    try {
      for (let sent = 0; sent < bytes; sent += frame.byteLength) {
        await sendWithBackpressure(stream, bytes - sent >= frame.byteLength ? frame : frame.subarray(0, bytes - sent))
      }
      await stream.close()
      got = Number(await answer)
    } finally {
      release()
    }
    const seconds = (performance.now() - t) / 1000
    if (got !== bytes) throw new Error(`the bulk sink counted ${got} bytes of ${bytes}`)
    return seconds
  } finally {
    await node.stop()
  }
}
