/**
 * Keeps the daemon logged in to the index server: UDP LOGIN (to --index, or
 * by broadcast), then the index session; on loss, reconnects with jittered
 * exponential backoff while chat between peers goes on. A refusal (name
 * taken, unsupported version) is final and reported once as `rejected`.
 * On stop: Goodbye on the session plus a signed UDP LOGOUT.
 */
import { EventEmitter } from 'node:events'
import { logger } from '@libp2p/logger'
import { DEFAULT_UDP_PORT, HEARTBEAT_MISSES } from '../../../protocols/constants.js'
import { LeftReason } from '../../../protocols/directory/pb/directory.js'
import { peerIdToBytes } from '../../../protocols/shared/peer-ids.js'
import { IndexSession } from './session.js'
import { udpLogin, udpLogout } from './udp-login.js'
import type { LoginRejectedError } from './errors.js'
import type { UdpTarget } from './udp-login.js'
import type { Left, Status, StatusChanged, User } from '../../../protocols/directory/pb/directory.js'
import type { Libp2p, PeerId, PrivateKey } from '@libp2p/interface'

const log = logger('lanchat:index-client')

/** First reconnect delay; doubles up to RECONNECT_MAX_MS (a host whose cable comes back rejoins within ~10 s), with ±20 % jitter so an office does not reconnect in lockstep. */
export const RECONNECT_MIN_MS = 500
export const RECONNECT_MAX_MS = 10_000
/** Deadline of dialing the index and receiving the snapshot. */
export const SESSION_OPEN_TIMEOUT_MS = 10_000
/** Where a daemon without --index looks for the index server. */
export const BROADCAST_TARGET: UdpTarget = { host: '255.255.255.255', port: DEFAULT_UDP_PORT, broadcast: true }

export interface IndexClientEvents {
  /** logged in: the directory as the index has it */
  connected: [{ indexPeerId: PeerId, snapshot: User[], address: string }]
  /** a fresh snapshot of the whole directory, after a missed delta was detected (see IndexSession) */
  snapshot: [User[]]
  disconnected: [Error | undefined]
  joined: [User]
  left: [Left]
  status: [StatusChanged]
  pending: [number]
  /** notes of my messages the relay dropped wait for me */
  expired: [number]
  rejected: [LoginRejectedError]
  /** the index administrator released my name while I was logged in (lanchat-index release): no more logins by themselves */
  released: [{ name: string }]
  /** an index server that is not the pinned one answered (a rogue, or a replaced server) */
  untrusted: [{ peerId: PeerId, address: string }]
}

export interface IndexClientInit {
  /** --index HOST:PORT; undefined = broadcast on the LAN */
  target?: { host: string, port: number }
  name: string
  agent: string
  /** next LOGOUT counter (strictly increasing per key); the owner persists it */
  nextLogoutCounter: () => number
  /** the index PeerId this profile trusts (pinned at the first login), if any */
  pinnedIndex?: PeerId
  /** called once when a first index is trusted, so the owner can persist the pin */
  pin?: (peerId: PeerId) => void
}

export interface Presence {
  status: Status
  statusText: string
}

export class IndexClient extends EventEmitter<IndexClientEvents> {
  private readonly libp2p: Libp2p
  private readonly key: PrivateKey
  private readonly init: IndexClientInit
  private presence: Presence
  private session?: IndexSession
  private udpTarget?: UdpTarget
  private running = false
  private wake?: () => void
  private loop?: Promise<void>
  private attempt = 0
  /** aborted by stop(): ends a login or session open that is under way */
  private readonly stopping = new AbortController()

  constructor (libp2p: Libp2p, key: PrivateKey, init: IndexClientInit, presence: Presence) {
    super()
    this.libp2p = libp2p
    this.key = key
    this.init = init
    this.presence = presence
  }

  get connected (): boolean {
    return this.session?.isOpen === true
  }

  get indexPeerId (): PeerId | undefined {
    return this.connected ? this.session?.indexPeerId : undefined
  }

  start (): void {
    this.running = true
    this.loop = this.run()
  }

  /** Logs out cleanly (Goodbye + signed UDP LOGOUT) and stops reconnecting. */
  async stop (): Promise<void> {
    this.running = false
    this.stopping.abort(new Error('the daemon is stopping'))
    const session = this.session
    if (session?.isOpen === true) {
      await session.logout({ signal: AbortSignal.timeout(2000) }).catch(() => {})
      if (this.udpTarget != null) {
        await udpLogout(this.udpTarget, { name: this.init.name, privateKey: this.key, indexPeerId: session.indexPeerId, counter: this.init.nextLogoutCounter() }).catch(() => {})
      }
    }
    session?.abort()
    this.wake?.()
    await this.loop
  }

  setPresence (presence: Presence): void {
    this.presence = presence
    this.session?.setStatus(presence.status, presence.statusText)
  }

  /** Try again now (e.g. the network came back), instead of waiting out the backoff. */
  retryNow (): void {
    this.attempt = 0
    this.wake?.()
  }

  private async sleep (ms: number): Promise<void> {
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms)
      this.wake = () => { clearTimeout(timer); resolve() }
    })
    this.wake = undefined
  }

  private async run (): Promise<void> {
    while (this.running) {
      try {
        await this.connectOnce()
        this.attempt = 0
        await this.held()
      } catch (err: any) {
        if (err?.name === 'LoginRejectedError') {
          this.running = false
          this.emit('rejected', err)
          return
        }
        log('index not reachable: %e', err)
        if (this.attempt === 0) this.emit('disconnected', err)
      }
      if (!this.running) return
      const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.attempt++)
      await this.sleep(base * (0.8 + Math.random() * 0.4))
    }
  }

  private async connectOnce (): Promise<void> {
    const target: UdpTarget = this.init.target != null ? { ...this.init.target } : BROADCAST_TARGET
    const addrs = this.libp2p.getMultiaddrs().map(a => a.decapsulateCode(421))
    const pinned = this.init.pinnedIndex
    const accepted = await udpLogin(target, { name: this.init.name, peerId: this.libp2p.peerId, addrs, agent: this.init.agent }, {
      signal: this.stopping.signal,
      expectIndex: pinned,
      onOtherIndex: (peerId, from) => { this.warnUntrusted(peerId, `${from.address}:${from.port}`) }
    })
    // a broadcast login learns the index's address from the reply: log out there later
    this.udpTarget = { host: accepted.from.address, port: accepted.from.port }
    const address = `${accepted.from.address}:${accepted.from.port}`
    // every listener is attached before the session reads its first frame: a
    // delta that arrives in the same read as the end of the snapshot is not lost
    const session = new IndexSession(accepted.indexPeerId)
    session.on('snapshot', (users) => {
      if (this.session === session) {
        this.emit('snapshot', users)
        return
      }
      this.session = session
      if (pinned == null) {
        this.init.pinnedIndex = accepted.indexPeerId
        this.init.pin?.(accepted.indexPeerId)
      }
      this.emit('connected', { indexPeerId: accepted.indexPeerId, snapshot: users, address })
    })
    session.on('joined', u => this.emit('joined', u))
    session.on('left', l => {
      // my own Left with RELEASED: the administrator released my name (not a lost connection)
      if (l.reason === LeftReason.RELEASED && Buffer.from(l.peerId).equals(peerIdToBytes(this.libp2p.peerId))) this.onReleased()
      else this.emit('left', l)
    })
    session.on('status', s => this.emit('status', s))
    session.on('pending', n => this.emit('pending', n))
    session.on('expired', n => this.emit('expired', n))
    session.on('gap', ({ expected, got }) => { log('missed directory version %d (got %d): asked for a fresh snapshot', expected, got) })
    await session.open(this.libp2p, accepted.dialAddrs, {
      name: this.init.name,
      addrs: addrs.map(a => a.bytes as Uint8Array<ArrayBuffer>),
      status: this.presence.status,
      statusText: this.presence.statusText,
      agent: this.init.agent
    }, { signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(SESSION_OPEN_TIMEOUT_MS)]) })
  }

  /** Released by the administrator: stop here (re-binding the name at once would undo the release); the session's close that follows is not a loss. */
  private onReleased (): void {
    this.running = false
    this.session?.abort(new Error('the name was released'))
    this.emit('released', { name: this.init.name })
  }

  private readonly untrustedSeen = new Set<string>()

  /** Tells (once per identity) that an index server we do not trust answered. */
  private warnUntrusted (peerId: PeerId, address: string): void {
    if (this.untrustedSeen.has(peerId.toString())) return
    this.untrustedSeen.add(peerId.toString())
    this.emit('untrusted', { peerId, address })
  }

  /** Resolves when the session ends: closed by either side, or silent past the heartbeat deadline. */
  private async held (): Promise<void> {
    const session = this.session
    if (session == null) return
    if (!this.running) {
      // stop() came while the session was being opened
      await session.logout({ signal: AbortSignal.timeout(2000) }).catch(() => {})
      session.abort()
      return
    }
    const deadline = Math.max(session.heartbeatMs, 500) * (HEARTBEAT_MISSES + 1)
    const ended = await new Promise<Error | undefined>(resolve => {
      const watchdog = setInterval(() => {
        if (session.silentMs() > deadline) session.abort(new Error('the index server stopped answering'))
      }, Math.max(session.heartbeatMs, 500))
      session.once('close', (err) => { clearInterval(watchdog); resolve(err) })
      if (!session.isOpen) { clearInterval(watchdog); resolve(undefined) }
      this.wake = () => { if (!this.running) session.abort() }
    })
    this.wake = undefined
    if (this.running) this.emit('disconnected', ended)
  }
}
