/**
 * The index server: one libp2p node (TCP, Noise, yamux, identify, ping) plus
 * the UDP login service, wired from feature modules (login, directory,
 * heartbeat, relay) through one event emitter. Build with
 * {@link createIndexServer}, then `start()`; tests and the CLI do the same.
 *
 * @example
 * ```ts
 * const server = await createIndexServer({ dataDir: '/tmp/idx', host: '127.0.0.1', udpPort: 0, tcpPort: 0 })
 * await server.start()
 * console.log(server.udpAddress(), server.peerId.toString())
 * await server.stop()
 * ```
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { createLibp2p } from 'libp2p'
import { loadOrCreateKey } from '../runtime/identity.js'
import { PRIVATE_DIR_MODE } from '../runtime/platform.js'
import { coalescingTcp } from '../runtime/tcp.js'
import { DirectoryFeed } from './directory.js'
import { createEmitter } from './events.js'
import { Heartbeat } from './heartbeat.js'
import { LoginService } from './login.js'
import { ADMIN_WATCH_MS, INBOUND_UPGRADE_TIMEOUT_MS, MAX_STREAM_WRITE_BUFFER_BYTES, MAX_STREAMS_PER_CONNECTION, MIN_RETENTION_SWEEP_MS, resolveOptions, RETENTION_SWEEP_MS, STATE_WRITE_MS } from './options.js'
import { NewNameLimiter } from './rate-limit.js'
import { RelayService } from './relay.js'
import { openIndexStore } from './store.js'
import { LeftReason } from '../protocols/directory/pb/directory.js'
import type { IndexEmitter } from './events.js'
import type { IndexServerInit, IndexServerOptions } from './options.js'
import type { IndexStore } from './store.js'
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** File name of the index server's identity key inside --data. */
export const INDEX_KEY_FILE = 'identity.key'

export interface IndexServer {
  readonly peerId: PeerId
  readonly options: IndexServerOptions
  readonly store: IndexStore
  readonly events: IndexEmitter
  readonly libp2p: Libp2p
  readonly login: LoginService
  readonly directory: DirectoryFeed
  readonly heartbeat: Heartbeat
  readonly relay: RelayService
  start(): Promise<void>
  stop(): Promise<void>
  udpAddress(): { address: string, port: number }
  /** libp2p listen addresses, without /p2p */
  tcpAddrs(): Multiaddr[]
}

function listenAddr (host: string, port: number): string {
  return host.includes(':') ? `/ip6/${host}/tcp/${port}` : `/ip4/${host}/tcp/${port}`
}

/** Builds the server: opens the data directory, key and database, creates the (unstarted) node. */
export async function createIndexServer (init: IndexServerInit): Promise<IndexServer> {
  const options = resolveOptions(init)
  mkdirSync(options.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const { key } = await loadOrCreateKey(join(options.dataDir, INDEX_KEY_FILE))
  const store = openIndexStore(options.dataDir)
  const events = createEmitter()
  const libp2p = await createLibp2p({
    start: false,
    privateKey: key,
    addresses: { listen: [listenAddr(options.host, options.tcpPort)] },
    transports: [coalescingTcp()],
    connectionEncrypters: [noise()],
    // every session is watched by the index heartbeat (HEARTBEAT_INTERVAL_MS): no yamux keepalive, no connection monitor on top
    streamMuxers: [yamux({ maxInboundStreams: MAX_STREAMS_PER_CONNECTION, enableKeepAlive: false, streamOptions: { maxWriteBufferLength: MAX_STREAM_WRITE_BUFFER_BYTES } })],
    connectionMonitor: { enabled: false },
    // identify answers peers that ask; the index never asks (it needs nothing of theirs beyond the
    // Noise-authenticated PeerId and the addresses in LOGIN): one stream and one peer-store record less per session
    services: { identify: identify({ runOnConnectionOpen: false }), ping: ping() },
    connectionManager: {
      maxConnections: options.maxConnections,
      inboundConnectionThreshold: options.inboundConnectionsPerHost,
      maxIncomingPendingConnections: options.maxPendingConnections,
      inboundUpgradeTimeout: INBOUND_UPGRADE_TIMEOUT_MS
    }
  })
  const tcpAddrs = (): Multiaddr[] => libp2p.getMultiaddrs().map(a => a.decapsulateCode(421))
  // one limiter for both paths: Hello takes a token for a new name, LOGIN only looks
  const newNames = new NewNameLimiter(options.newNameRatePerSource)
  const components = { libp2p, names: store.names, relay: store.relay, events, newNames }
  const directory = new DirectoryFeed(components, { heartbeatIntervalMs: options.heartbeatIntervalMs })
  const heartbeat = new Heartbeat(directory, events, { intervalMs: options.heartbeatIntervalMs, misses: options.heartbeatMisses })
  const quota = {
    count: options.relayQuotaCount,
    bytes: options.relayQuotaBytes,
    senderCount: Math.max(1, Math.floor(options.relayQuotaCount * options.relaySenderShare)),
    senderBytes: Math.max(1, Math.floor(options.relayQuotaBytes * options.relaySenderShare))
  }
  const relay = new RelayService(components, { quota, retentionMs: options.relayRetentionMs })
  const login = new LoginService({ names: store.names, events, peerId: libp2p.peerId, addrs: tcpAddrs, newNames }, {
    host: options.host,
    port: options.udpPort,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    loginRatePerIp: options.loginRatePerIp,
    loginRateGlobal: options.loginRateGlobal
  })
  const timers: NodeJS.Timeout[] = []
  let lastDataVersion = 0

  const writeState = (): void => {
    store.setState('pid', String(process.pid))
    store.setState('peer_id', libp2p.peerId.toString())
    store.setState('updated_at', String(Date.now()))
    store.setState('udp', `${login.address().address}:${login.address().port}`)
    store.setState('listen', JSON.stringify(tcpAddrs().map(String)))
    store.setState('online', String(directory.onlineCount))
    store.setState('counters', JSON.stringify({ login: login.counters, relay: relay.counters }))
  }

  /** An admin command committed (e.g. released a name): end sessions whose binding is gone. */
  const watchAdmin = (): void => {
    const version = store.dataVersion()
    if (version === lastDataVersion) return
    lastDataVersion = version
    for (const session of [...directory.sessions()]) {
      if (store.names.byPeer(session.peerId) == null) events.emit('session:end', { peerId: session.peerId, reason: LeftReason.RELEASED })
      // a release drops what waited for that name: its senders hear of it now
      else directory.tellExpired(session.peerId)
    }
  }

  return {
    peerId: libp2p.peerId,
    options,
    store,
    events,
    libp2p,
    login,
    directory,
    heartbeat,
    relay,
    async start () {
      await login.start()
      try {
        await libp2p.start()
      } catch (err) {
        await login.stop()
        throw err
      }
      await directory.start()
      await relay.start()
      heartbeat.start()
      relay.sweep()
      lastDataVersion = store.dataVersion()
      writeState()
      const every = (ms: number, fn: () => void): void => {
        const t = setInterval(fn, ms)
        t.unref()
        timers.push(t)
      }
      // a short retention (tests) is swept often enough to keep to it
      every(Math.min(RETENTION_SWEEP_MS, Math.max(MIN_RETENTION_SWEEP_MS, options.relayRetentionMs / 2)), () => { relay.sweep() })
      every(ADMIN_WATCH_MS, watchAdmin)
      every(STATE_WRITE_MS, writeState)
    },
    async stop () {
      for (const t of timers.splice(0)) clearInterval(t)
      heartbeat.stop()
      await directory.stop()
      await relay.stop()
      await login.stop()
      await libp2p.stop()
      store.setState('pid', '')
      store.names.resetOnline()
      store.close()
    },
    udpAddress: () => login.address(),
    tcpAddrs
  }
}
