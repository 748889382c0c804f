/**
 * A bare libp2p v3 node with lanchat's stack (TCP, Noise, yamux, identify,
 * ping) for the floors and the light clients. `localAddress` makes its
 * outgoing TCP connections come from that loopback address, so many clients
 * in one process look like many hosts to a server's per-host limits.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { gossipsub } from '@libp2p/gossipsub'
import { sha256 } from '@noble/hashes/sha2.js'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { MAX_STREAM_WINDOW_BYTES, MAX_STREAM_WRITE_BUFFER_BYTES, MAX_STREAMS_PER_CONNECTION } from '../../node/daemon/options.js'
import { MAX_GROUP_FRAME_BYTES } from '../../protocols/constants.js'
import { coalescingTcp } from '../../runtime/tcp.js'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Libp2p, PrivateKey, Stream } from '@libp2p/interface'
import type { TCPSocketOptions } from '@libp2p/tcp'

export interface BenchNodeInit {
  /** listen (and dial from) this address @default '127.0.0.1' */
  host?: string
  privateKey?: PrivateKey
  /** also run gossipsub as a daemon's everyone room does (node/daemon/node.ts) */
  gossip?: boolean
  /** TCP (writes coalesced), yamux and connection monitor exactly as node/daemon/node.ts sets them (the file floor) */
  daemonStack?: boolean
}

export type BenchNode = Libp2p<{ identify: unknown, ping: unknown, pubsub?: GossipSub }>

/** gossipsub as node/daemon/node.ts configures it for the rooms (kept in step by hand; any topic, as the daemon's named-group rooms need). */
function roomGossipsub (): ReturnType<typeof gossipsub> {
  return gossipsub({
    globalSignaturePolicy: 'StrictNoSign',
    msgIdFn: (msg) => sha256(msg.data),
    allowPublishToZeroTopicPeers: true,
    floodPublish: false,
    maxInboundDataLength: MAX_GROUP_FRAME_BYTES
  })
}

export async function createBenchNode (init: BenchNodeInit = {}): Promise<BenchNode> {
  const host = init.host ?? '127.0.0.1'
  if (init.daemonStack === true) {
    return await createLibp2p({
      privateKey: init.privateKey ?? await generateKeyPair('Ed25519'),
      addresses: { listen: [`/ip4/${host}/tcp/0`] },
      transports: [coalescingTcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux({ maxInboundStreams: MAX_STREAMS_PER_CONNECTION, enableKeepAlive: false, streamOptions: { maxWriteBufferLength: MAX_STREAM_WRITE_BUFFER_BYTES, maxStreamWindowSize: MAX_STREAM_WINDOW_BYTES } })],
      connectionMonitor: { enabled: false },
      services: { identify: identify(), ping: ping() }
    }) as unknown as BenchNode
  }
  return await createLibp2p({
    privateKey: init.privateKey ?? await generateKeyPair('Ed25519'),
    addresses: { listen: [`/ip4/${host}/tcp/0`] },
    // the TCP transport spreads dialOpts into net.connect(), which takes localAddress (its type lists a subset)
    transports: [tcp(host === '127.0.0.1' || host === '0.0.0.0' ? {} : { dialOpts: { localAddress: host } as TCPSocketOptions })],
    connectionEncrypters: [noise()],
    // a room member runs as the daemon does: no connection monitor, no yamux keepalive (node/daemon/node.ts)
    streamMuxers: [yamux(init.gossip === true ? { enableKeepAlive: false } : {})],
    ...(init.gossip === true ? { connectionMonitor: { enabled: false } } : {}),
    services: { identify: identify(), ping: ping(), ...(init.gossip === true ? { pubsub: roomGossipsub() } : {}) }
  }) as unknown as BenchNode
}

/** stream.send(), waiting for the 'drain' event when it returns false (never onDrain(): it only waits once). */
export async function sendWithBackpressure (stream: Stream, data: Uint8Array): Promise<void> {
  if (stream.send(data)) return
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

/** The n-th loopback address of a benchmark client (127.1.x.y): one "host" per client. */
export function loopbackHost (n: number): string {
  return `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`
}
