/**
 * The daemon's libp2p node: TCP (writes coalesced per loop turn), Noise,
 * yamux, identify, ping, lanchat's chat, presence and files services, and mDNS on a
 * LAN (never on loopback). Peer connections are pinged by LanPeers and the
 * index server's by its heartbeat, so yamux keepalive and libp2p's
 * connection monitor are off. Blocked peers get no connection either way
 * (the gate is filled in once the directory exists).
 *
 * @example
 * ```ts
 * const gate: Gate = { blocked: () => false }
 * const node = await createDaemonNode(init, profile.key, gate)
 * gate.blocked = peerId => directory.isBlocked(peerId)
 * ```
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { sha256 } from '@noble/hashes/sha2.js'
import { createLibp2p } from 'libp2p'
import { MAX_GROUP_FRAME_BYTES } from '../../protocols/constants.js'
import { coalescingTcp } from '../../runtime/tcp.js'
import { chat } from '../services/chat/index.js'
import { files } from '../services/files/index.js'
import { presence } from '../services/presence/index.js'
import { lanMdns } from './mdns.js'
import {
  defaultValues, INBOUND_CONNECTIONS_PER_HOST, INBOUND_UPGRADE_TIMEOUT_MS, MAX_CONNECTIONS, MAX_PENDING_CONNECTIONS,
  MAX_STREAM_WINDOW_BYTES, MAX_STREAM_WRITE_BUFFER_BYTES, MAX_STREAMS_PER_CONNECTION
} from './options.js'
import type { LanMdns } from './mdns.js'
import type { DaemonInit } from './options.js'
import type { ChatService } from '../services/chat/index.js'
import type { FilesService } from '../services/files/index.js'
import type { PresenceService } from '../services/presence/index.js'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Identify } from '@libp2p/identify'
import type { Libp2p, PrivateKey } from '@libp2p/interface'
import type { Ping } from '@libp2p/ping'

// a type, not an interface: libp2p's ServiceMap needs an index signature
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type DaemonServices = {
  identify: Identify
  ping: Ping
  chat: ChatService
  presence: PresenceService
  files: FilesService
  /** the everyone room's dissemination over existing connections (node/groups/room.ts) */
  pubsub: GossipSub
  /** only on a LAN (not with --no-mdns, never on loopback) */
  mdns?: LanMdns
}

export type DaemonNode = Libp2p<DaemonServices>

/** Whom the node refuses to connect to, asked per connection (the directory answers once it exists). */
export interface Gate {
  blocked: (peerId: string) => boolean
}

function isLoopback (host: string): boolean {
  return host.startsWith('127.') || host === '::1' || host === 'localhost'
}

/** mDNS runs unless turned off, and never on loopback (nothing to find there). */
export function usesMdns (init: DaemonInit): boolean {
  return (init.mdns ?? defaultValues.mdns) && !isLoopback(init.listen ?? defaultValues.listen)
}

/** Builds the (unstarted) node for a profile's key. */
export async function createDaemonNode (init: DaemonInit, key: PrivateKey, gate: Gate): Promise<DaemonNode> {
  const listen = init.listen ?? defaultValues.listen
  const host = listen.includes(':') ? `/ip6/${listen}` : `/ip4/${listen}`
  const node = await createLibp2p({
    start: false,
    privateKey: key,
    addresses: { listen: [`${host}/tcp/${init.port ?? defaultValues.port}`] },
    transports: [coalescingTcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux({ maxInboundStreams: MAX_STREAMS_PER_CONNECTION, enableKeepAlive: false, streamOptions: { maxWriteBufferLength: MAX_STREAM_WRITE_BUFFER_BYTES, maxStreamWindowSize: MAX_STREAM_WINDOW_BYTES } })],
    connectionMonitor: { enabled: false },
    connectionManager: {
      maxConnections: MAX_CONNECTIONS,
      maxIncomingPendingConnections: MAX_PENDING_CONNECTIONS,
      inboundUpgradeTimeout: INBOUND_UPGRADE_TIMEOUT_MS,
      inboundConnectionThreshold: INBOUND_CONNECTIONS_PER_HOST
    },
    connectionGater: {
      denyDialPeer: (peer) => gate.blocked(peer.toString()),
      denyInboundEncryptedConnection: (peer) => gate.blocked(peer.toString()),
      denyOutboundEncryptedConnection: (peer) => gate.blocked(peer.toString())
    },
    services: {
      identify: identify(),
      ping: ping(),
      chat: chat(),
      presence: presence(),
      files: files({ maxOfferFiles: init.maxOfferFiles, maxOfferBytes: init.maxOfferBytes }),
      pubsub: gossipsub({
        // posts are signed by their authors (SignedItem): gossipsub's own signature would sign them twice
        globalSignaturePolicy: 'StrictNoSign',
        msgIdFn: (msg) => sha256(msg.data),
        allowPublishToZeroTopicPeers: true,
        // my own posts go to my mesh peers (D), not to every peer of the room I am connected to
        floodPublish: false,
        maxInboundDataLength: MAX_GROUP_FRAME_BYTES
      }),
      ...(usesMdns(init) ? { mdns: lanMdns() } : {})
    }
  })
  return node as unknown as DaemonNode
}
