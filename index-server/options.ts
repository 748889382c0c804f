/**
 * Options of the index server, each with its default. The CLI maps flags onto
 * these; tests and benchmarks set the rest directly.
 */
import {
  DEFAULT_INDEX_TCP_PORT, DEFAULT_UDP_PORT, HEARTBEAT_INTERVAL_MS, HEARTBEAT_MISSES, NEW_NAME_RATE_PER_SOURCE_PER_HOUR,
  RELAY_QUOTA_BYTES, RELAY_QUOTA_COUNT, RELAY_RETENTION_MS, RELAY_SENDER_SHARE
} from '../protocols/constants.js'

export interface IndexServerInit {
  /** directory for the database and identity key (created if missing) */
  dataDir: string
  /** address to bind UDP and TCP on @default '0.0.0.0' */
  host?: string
  /** UDP login port, 0 = any free port @default 47470 */
  udpPort?: number
  /** libp2p TCP port, 0 = any free port @default 47471 */
  tcpPort?: number
  /** heartbeat interval @default 2000 ms */
  heartbeatIntervalMs?: number
  /** a session is offline after this many intervals without an echo @default 3 */
  heartbeatMisses?: number
  /** envelopes waiting per recipient @default 1000 */
  relayQuotaCount?: number
  /** payload bytes waiting per recipient @default 16 MiB */
  relayQuotaBytes?: number
  /** how long an envelope waits before it is dropped @default 7 days */
  relayRetentionMs?: number
  /** share (0 < s <= 1) of a recipient's quota, count and bytes, that one sender may fill @default 0.25 */
  relaySenderShare?: number
  /** new names one source IP may bind per hour; the bursts and the overall limit scale with it @default 20 */
  newNameRatePerSource?: number
  /** LOGIN datagrams per second per source IP (token bucket refill) @default 20 */
  loginRatePerIp?: number
  /** LOGIN datagrams per second over all sources @default 2000 */
  loginRateGlobal?: number
  /** most libp2p connections at once @default 1024 */
  maxConnections?: number
  /** new inbound connections per second from one host before they are denied (libp2p's default, 5, is for desktops; a whole office reconnects to the index after a restart) @default 100 */
  inboundConnectionsPerHost?: number
  /** inbound connections still in their Noise/yamux upgrade at once @default 256 */
  maxPendingConnections?: number
}

export const defaultValues = {
  host: '0.0.0.0',
  udpPort: DEFAULT_UDP_PORT,
  tcpPort: DEFAULT_INDEX_TCP_PORT,
  heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
  heartbeatMisses: HEARTBEAT_MISSES,
  relayQuotaCount: RELAY_QUOTA_COUNT,
  relayQuotaBytes: RELAY_QUOTA_BYTES,
  relayRetentionMs: RELAY_RETENTION_MS,
  relaySenderShare: RELAY_SENDER_SHARE,
  newNameRatePerSource: NEW_NAME_RATE_PER_SOURCE_PER_HOUR,
  loginRatePerIp: 20,
  loginRateGlobal: 2000,
  maxConnections: 1024,
  inboundConnectionsPerHost: 100,
  maxPendingConnections: 256
}

/** How often expired envelopes are swept. */
export const RETENTION_SWEEP_MS = 60_000
/** The sweep runs at half the retention when that is shorter (tests), but not more often than this. */
export const MIN_RETENTION_SWEEP_MS = 500
/** How often the server looks for commits by admin commands (e.g. a released name). */
export const ADMIN_WATCH_MS = 1_000
/** How often counters are written for `lanchat-index status`. */
export const STATE_WRITE_MS = 5_000
/** An inbound connection must finish its Noise/yamux upgrade within this. */
export const INBOUND_UPGRADE_TIMEOUT_MS = 5_000
/** Streams a peer may have open on one connection (yamux); each protocol caps its own further. */
export const MAX_STREAMS_PER_CONNECTION = 64
/** Bytes queued for writing on one stream before it is reset (yamux's default is unbounded). */
export const MAX_STREAM_WRITE_BUFFER_BYTES = 4 * 1024 * 1024
/** A session whose unsent frames exceed this is too slow to follow the feed and is dropped. */
export const MAX_SESSION_WRITE_BUFFER_BYTES = 1024 * 1024

export type IndexServerOptions = Required<IndexServerInit>

export function resolveOptions (init: IndexServerInit): IndexServerOptions {
  return {
    dataDir: init.dataDir,
    host: init.host ?? defaultValues.host,
    udpPort: init.udpPort ?? defaultValues.udpPort,
    tcpPort: init.tcpPort ?? defaultValues.tcpPort,
    heartbeatIntervalMs: init.heartbeatIntervalMs ?? defaultValues.heartbeatIntervalMs,
    heartbeatMisses: init.heartbeatMisses ?? defaultValues.heartbeatMisses,
    relayQuotaCount: init.relayQuotaCount ?? defaultValues.relayQuotaCount,
    relayQuotaBytes: init.relayQuotaBytes ?? defaultValues.relayQuotaBytes,
    relayRetentionMs: init.relayRetentionMs ?? defaultValues.relayRetentionMs,
    relaySenderShare: init.relaySenderShare ?? defaultValues.relaySenderShare,
    newNameRatePerSource: init.newNameRatePerSource ?? defaultValues.newNameRatePerSource,
    loginRatePerIp: init.loginRatePerIp ?? defaultValues.loginRatePerIp,
    loginRateGlobal: init.loginRateGlobal ?? defaultValues.loginRateGlobal,
    maxConnections: init.maxConnections ?? defaultValues.maxConnections,
    inboundConnectionsPerHost: init.inboundConnectionsPerHost ?? defaultValues.inboundConnectionsPerHost,
    maxPendingConnections: init.maxPendingConnections ?? defaultValues.maxPendingConnections
  }
}
