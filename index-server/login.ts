/**
 * The UDP login service: LOGIN -> ACCEPT (the index's PeerId and addresses)
 * or REJECT (a reason a person can read); signed LOGOUT ends a session.
 *
 * Never amplifies: a reply is sent only when it is no larger than the
 * datagram that caused it, and only within the rate limits. Datagrams that do
 * not decode are dropped and counted, never answered.
 */
import { createSocket } from 'node:dgram'
import { logger } from '@libp2p/logger'
import { LOGIN_WIRE_VERSION, MAX_ADDRS } from '../protocols/constants.js'
import { LeftReason } from '../protocols/directory/pb/directory.js'
import { decodeDatagram, encodeDatagram, logoutSigningBytes, RejectReason } from '../protocols/login/codec.js'
import { nameProblem } from '../protocols/names.js'
import { peerIdFromBytes } from '../protocols/shared/peer-ids.js'
import { LoginRateLimiter } from './rate-limit.js'
import { lookAlikeMessage, tooManyNewNamesMessage } from './refusals.js'
import type { IndexEmitter } from './events.js'
import type { NewNameLimiter } from './rate-limit.js'
import type { NameStore } from './store.js'
import type { Datagram, Login, Logout } from '../protocols/login/codec.js'
import type { PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { RemoteInfo, Socket } from 'node:dgram'

const log = logger('lanchat:index:login')

export interface LoginCounters {
  received: number
  accepted: number
  rejected: number
  logouts: number
  /** datagrams dropped, by why */
  dropped: Record<string, number>
}

export interface LoginServiceComponents {
  names: NameStore
  events: IndexEmitter
  peerId: PeerId
  /** the index's current libp2p addresses (without /p2p) */
  addrs(): Multiaddr[]
  /** new names per source: LOGIN only looks (the Hello that binds takes the token) */
  newNames: NewNameLimiter
}

export interface LoginServiceInit {
  host: string
  port: number
  heartbeatIntervalMs: number
  loginRatePerIp: number
  loginRateGlobal: number
}

export class LoginService {
  readonly counters: LoginCounters = { received: 0, accepted: 0, rejected: 0, logouts: 0, dropped: {} }
  private readonly components: LoginServiceComponents
  private readonly init: LoginServiceInit
  private readonly limiter: LoginRateLimiter
  private socket?: Socket

  constructor (components: LoginServiceComponents, init: LoginServiceInit) {
    this.components = components
    this.init = init
    this.limiter = new LoginRateLimiter(init.loginRatePerIp, init.loginRateGlobal)
  }

  /** Binds the UDP socket; rejects with the socket error (e.g. EADDRINUSE). */
  async start (): Promise<void> {
    const socket = createSocket({ type: this.init.host.includes(':') ? 'udp6' : 'udp4' })
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(this.init.port, this.init.host, () => {
        socket.off('error', reject)
        resolve()
      })
    })
    socket.on('error', (err) => { log.error('udp socket error %e', err) })
    socket.on('message', (msg, rinfo) => { this.onDatagram(msg, rinfo) })
    this.socket = socket
  }

  async stop (): Promise<void> {
    const socket = this.socket
    this.socket = undefined
    if (socket != null) await new Promise<void>(resolve => { socket.close(() => { resolve() }) })
  }

  address (): { address: string, port: number } {
    if (this.socket == null) throw new Error('login service is not started')
    return this.socket.address()
  }

  private drop (why: string): void {
    this.counters.dropped[why] = (this.counters.dropped[why] ?? 0) + 1
  }

  private onDatagram (msg: Buffer, rinfo: RemoteInfo): void {
    this.counters.received++
    let decoded
    try {
      decoded = decodeDatagram(msg)
    } catch (err: any) {
      if (err.name === 'UnsupportedVersionError' && this.limiter.allow(rinfo.address)) {
        this.reply(msg.length, err.nonce, { reject: { reason: RejectReason.UNSUPPORTED_VERSION, message: `this index server speaks lanchat login version ${LOGIN_WIRE_VERSION}, the client sent version ${err.version as number}; update lanchat so both match` } }, rinfo)
        this.counters.rejected++
        return
      }
      this.drop(String(err.name ?? 'error'))
      return
    }
    const { nonce, datagram } = decoded
    if (datagram.login != null) {
      if (!this.limiter.allow(rinfo.address)) {
        this.drop('RateLimited')
        return
      }
      this.onLogin(msg.length, nonce, datagram.login, rinfo)
    } else if (datagram.logout != null) {
      if (!this.limiter.allow(rinfo.address)) {
        this.drop('RateLimited')
        return
      }
      void this.onLogout(datagram.logout).catch(err => { log.error('logout failed %e', err) })
    } else {
      this.drop('UnexpectedKind')
    }
  }

  private onLogin (size: number, nonce: Uint8Array, login: Login, rinfo: RemoteInfo): void {
    const reject = (reason: RejectReason, message: string): void => {
      this.counters.rejected++
      this.reply(size, nonce, { reject: { reason, message } }, rinfo)
    }
    // a name bound before today's rules keeps working for its owner
    const problem = nameProblem(login.name)
    if (problem != null && !this.boundTo(login.name, login.peerId)) {
      reject(RejectReason.INVALID_NAME, `the name "${login.name.slice(0, 40)}" cannot be used: ${problem}`)
      return
    }
    let peerId: PeerId
    try {
      peerId = peerIdFromBytes(login.peerId)
    } catch {
      reject(RejectReason.INVALID_REQUEST, 'the login carries no valid Ed25519 PeerId')
      return
    }
    const owner = this.components.names.byName(login.name)
    if (owner != null && owner.peerId !== peerId.toString()) {
      reject(RejectReason.NAME_TAKEN, `the name "${owner.name}" belongs to another identity; choose another name, or ask the index administrator to run: lanchat-index release ${owner.name}`)
      return
    }
    if (owner == null) {
      const mine = this.components.names.byPeer(peerId.toString())
      if (mine != null) {
        reject(RejectReason.IDENTITY_HAS_NAME, `this identity is registered as "${mine.name}"; log in with --name ${mine.name}, or ask the index administrator to run: lanchat-index release ${mine.name}`)
        return
      }
      const alike = this.components.names.lookAlike(login.name)
      if (alike != null) {
        reject(RejectReason.NAME_LOOKS_ALIKE, lookAlikeMessage(login.name, alike.name))
        return
      }
      const wait = this.components.newNames.waitMs(rinfo.address)
      if (wait > 0) {
        reject(RejectReason.SERVER_BUSY, tooManyNewNamesMessage(wait))
        return
      }
    }
    this.counters.accepted++
    const addrs = this.components.addrs().slice(0, MAX_ADDRS).map(a => a.bytes)
    this.reply(size, nonce, {
      accept: { indexPeerId: this.components.peerId.toMultihash().bytes, indexAddrs: addrs, heartbeatMs: this.init.heartbeatIntervalMs }
    }, rinfo)
  }

  /** Whether `name` is registered to the PeerId in `peerIdBytes`. */
  private boundTo (name: string, peerIdBytes: Uint8Array): boolean {
    try {
      return this.components.names.byName(name)?.peerId === peerIdFromBytes(peerIdBytes).toString()
    } catch {
      return false
    }
  }

  private async onLogout (logout: Logout): Promise<void> {
    let peerId: PeerId
    try {
      peerId = peerIdFromBytes(logout.peerId)
    } catch {
      this.drop('BadLogout')
      return
    }
    const user = this.components.names.byPeer(peerId.toString())
    const forUs = equalBytes(logout.indexPeerId, this.components.peerId.toMultihash().bytes)
    if (user == null || !forUs || user.name !== logout.name || peerId.publicKey == null) {
      this.drop('BadLogout')
      return
    }
    const signed = logoutSigningBytes({ name: logout.name, peerId: logout.peerId, indexPeerId: logout.indexPeerId, counter: logout.counter })
    let valid = false
    try {
      valid = await peerId.publicKey.verify(signed, logout.signature)
    } catch {}
    if (!valid) {
      this.drop('BadLogout')
      return
    }
    // a replayed (or reordered) logout has a counter we have seen: it does nothing
    if (!this.components.names.advanceLogoutCounter(user.peerId, logout.counter)) {
      this.drop('ReplayedLogout')
      return
    }
    this.counters.logouts++
    this.components.events.emit('session:end', { peerId: user.peerId, reason: LeftReason.LOGOUT })
  }

  private reply (requestSize: number, nonce: Uint8Array, datagram: Datagram, rinfo: RemoteInfo): void {
    let bytes = encodeDatagram(nonce, datagram)
    // never larger than the request: shed addresses until it fits, else stay silent
    while (bytes.length > requestSize && (datagram.accept?.indexAddrs.length ?? 0) > 0) {
      datagram.accept?.indexAddrs.pop()
      bytes = encodeDatagram(nonce, datagram)
    }
    if (bytes.length > requestSize) {
      this.drop('ReplyTooLarge')
      return
    }
    this.socket?.send(bytes, rinfo.port, rinfo.address)
  }
}

function equalBytes (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
