/** Options of `lanchat daemon`, each with its default. */
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_API_PORT, DEFAULT_PEER_TCP_PORT } from '../../protocols/constants.js'

export const VERSION = '0.1.0'
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
}

export const defaultValues = {
  profileDir: join(homedir(), '.lanchat'),
  listen: '0.0.0.0',
  port: DEFAULT_PEER_TCP_PORT,
  apiPort: DEFAULT_API_PORT,
  mdns: true
}

/** Most peers dialed because mDNS announced them, per minute (an mDNS flood must not start a dial storm). */
export const MDNS_DIALS_PER_MINUTE = 60
/** New inbound connections per second from one host (libp2p's default of 5 is too low when a whole office reconnects). */
export const INBOUND_CONNECTIONS_PER_HOST = 50
/** When the index says a peer left, a direct connection to it must answer a ping within this, or it is dropped. */
export const DIRECT_CHECK_TIMEOUT_MS = 1_500
