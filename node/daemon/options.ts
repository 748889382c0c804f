/** Options of `lanchat daemon`, each with its default. */
import { DEFAULT_API_PORT, DEFAULT_PEER_TCP_PORT } from '../../protocols/constants.js'
import { lanchatVersion } from '../../runtime/package-files.js'
import { defaultProfileDir } from '../../runtime/platform.js'

export const VERSION = lanchatVersion()
export const AGENT = `lanchat/${VERSION}`

export interface DaemonInit {
  /** profile directory @default ~/.lanchat */
  profileDir: string
  /** my name; needed on the first start, remembered after */
  name?: string
  /** --index HOST:PORT; undefined = find the index by broadcast */
  index?: { host: string, port: number }
  /** IP address to listen on @default '0.0.0.0' */
  listen?: string
  /** libp2p TCP port @default 47472 (any free port when taken) */
  port?: number
  /** true when --port was given: then a taken port is an error */
  portExplicit?: boolean
  /** API port on 127.0.0.1 @default 47480 (any free port when taken) */
  apiPort?: number
  /** true when --api-port was given: then a taken port is an error */
  apiPortExplicit?: boolean
  /** discover peers with mDNS (never when listening on loopback only) @default true */
  mdns?: boolean
  /** forget the pinned index server and trust the next one that answers @default false */
  repinIndex?: boolean
  /** named groups with more members than this post through a gossip room @default GROUP_FANOUT_MAX_MEMBERS (64) */
  groupFanoutMax?: number
  /** where accepted files land unless `accept --to DIR` @default <profile>/downloads */
  downloads?: string
  /** most files / bytes one incoming offer may hold @default MAX_OFFER_FILES, MAX_OFFER_BYTES */
  maxOfferFiles?: number
  maxOfferBytes?: number
}

export const defaultValues = {
  profileDir: defaultProfileDir(),
  listen: '0.0.0.0',
  port: DEFAULT_PEER_TCP_PORT,
  apiPort: DEFAULT_API_PORT,
  mdns: true
}

/** Most peers dialed because mDNS announced them, per minute (an mDNS flood must not start a dial storm). */
export const MDNS_DIALS_PER_MINUTE = 60
/** mDNS query interval while no index server is reachable (then mDNS + presence is the directory): one query per interval on the whole segment. */
export const MDNS_QUERY_INTERVAL_MS = 10_000
/** mDNS query interval while an index server is reachable (it gives the directory; mDNS only keeps the LAN mesh in repair). At most half of MDNS_RECORD_TTL_S. */
export const MDNS_QUERY_INTERVAL_WITH_INDEX_MS = 30_000
/** TTL of mDNS answers, s: the one @libp2p/mdns writes (and does not report); a peer not heard for this long is no longer dialed. */
export const MDNS_RECORD_TTL_S = 120
/** First redial of a peer that keeps answering mDNS but is not connected; doubles per failure up to MDNS_REDIAL_MAX_MS (±20 % jitter). */
export const MDNS_REDIAL_MIN_MS = 1_000
export const MDNS_REDIAL_MAX_MS = 60_000
/** The higher PeerId of a pair first gives the lower one this long to dial (so both do not dial at once and make two connections). */
export const MDNS_DIAL_GRACE_MS = 3_000
/** Deadline of one dial to a peer found by mDNS. */
export const MDNS_DIAL_TIMEOUT_MS = 10_000
/** Each side pings each peer connection this often (one yamux frame each way); with no index server this is how a pulled cable is noticed. */
export const PEER_PING_INTERVAL_MS = 30_000
/** A peer connection whose ping is not answered within this is aborted (the peer shows offline unless the index says otherwise). */
export const PEER_PING_TIMEOUT_MS = 10_000
/** New inbound connections per second from one host (libp2p's default of 5 is too low when a whole office reconnects). */
export const INBOUND_CONNECTIONS_PER_HOST = 50
/** When the index says a peer left, a direct connection to it must answer a ping within this, or it is dropped. */
export const DIRECT_CHECK_TIMEOUT_MS = 1_500
/** Most libp2p connections at once (an office's worth, with room). */
export const MAX_CONNECTIONS = 256
/** Inbound connections still in their Noise/yamux upgrade at once; more are refused (half-open floods). */
export const MAX_PENDING_CONNECTIONS = 32
/** An inbound connection must finish its upgrade within this. */
export const INBOUND_UPGRADE_TIMEOUT_MS = 5_000
/** Streams a peer may have open on one connection (yamux); each protocol caps its own further. */
export const MAX_STREAMS_PER_CONNECTION = 256
/** Bytes queued for writing on one stream before it is reset (yamux's default is unbounded). */
export const MAX_STREAM_WRITE_BUFFER_BYTES = 4 * 1024 * 1024
/**
 * Largest receive window of one yamux stream (its default is 16 MiB): what a
 * peer may still send to a stream that stopped reading, so what a receiver
 * holds for it. A LAN needs far less in flight (1 Gbit/s x 1 ms is 125 kB);
 * a file stream paused for the disk then holds at most this (see
 * RECEIVE_READ_BUFFER_BYTES). 1 GiB between two daemons on loopback: the
 * receiver's RSS growth +51 -> +44 MiB, MiB/s the same within noise.
 */
export const MAX_STREAM_WINDOW_BYTES = 4 * 1024 * 1024
/** Peers known only from mDNS kept in the peer store; the oldest unknown ones are forgotten first. */
export const MAX_MDNS_STRANGERS = 256
