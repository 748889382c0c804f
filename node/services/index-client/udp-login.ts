/**
 * Client side of the UDP login: send a padded LOGIN to `--index` (or to the
 * broadcast address), wait for the ACCEPT/REJECT carrying our nonce, retry a
 * few times. Replies with another nonce are ignored, so a stray or spoofed
 * datagram cannot answer for the real server.
 */
import { createSocket } from 'node:dgram'
import { networkInterfaces } from 'node:os'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { decodeDatagram, encodeDatagram, encodeLogin, logoutSigningBytes, newNonce, RejectReason } from '../../../protocols/login/codec.js'
import { addrsFromBytes, addrsToBytes, peerIdFromBytes, peerIdToBytes } from '../../../protocols/shared/peer-ids.js'
import { LoginRejectedError, LoginTimeoutError } from './errors.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** How long one LOGIN waits for its reply before it is sent again. */
export const LOGIN_ATTEMPT_TIMEOUT_MS = 1_000
/** LOGIN attempts before giving up. */
export const LOGIN_ATTEMPTS = 3

export interface UdpTarget {
  host: string
  port: number
  /** a broadcast login: also send to every IPv4 interface's directed broadcast address (sets SO_BROADCAST) */
  broadcast?: boolean
}

/**
 * Where a broadcast LOGIN goes: each up, non-internal IPv4 interface's
 * directed broadcast address (10.1.2.255 for 10.1.2.3/24), then the limited
 * broadcast 255.255.255.255 (which needs a default route on Linux).
 */
export function broadcastAddresses (): string[] {
  const out: string[] = []
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || a.internal) continue
      const ip = a.address.split('.').map(Number)
      const mask = a.netmask.split('.').map(Number)
      const bcast = ip.map((b, i) => (b | (~mask[i] & 0xff)) & 0xff).join('.')
      if (!out.includes(bcast)) out.push(bcast)
    }
  }
  out.push('255.255.255.255')
  return out
}

export interface LoginRequest {
  name: string
  peerId: PeerId
  addrs: Multiaddr[]
  agent: string
}

export interface Accepted {
  indexPeerId: PeerId
  /** where to dial the index: the answering host with each advertised TCP port first, then the advertised addresses */
  dialAddrs: Multiaddr[]
  heartbeatMs: number
  /** the address that answered (for broadcast logins, the index server's host) */
  from: { address: string, port: number }
}

export interface LoginOptions {
  attempts?: number
  attemptTimeoutMs?: number
  signal?: AbortSignal
  /** only an ACCEPT from this index PeerId counts (a pinned index); others are noted and ignored */
  expectIndex?: PeerId
  /** called with each ACCEPT from another index than `expectIndex` */
  onOtherIndex?: (peerId: PeerId, from: { address: string, port: number }) => void
}

/** Logs in over UDP. Resolves on ACCEPT; rejects with LoginRejectedError or LoginTimeoutError. */
export async function udpLogin (target: UdpTarget, request: LoginRequest, options: LoginOptions = {}): Promise<Accepted> {
  const attempts = options.attempts ?? LOGIN_ATTEMPTS
  const timeout = options.attemptTimeoutMs ?? LOGIN_ATTEMPT_TIMEOUT_MS
  const nonce = newNonce()
  const datagram = encodeLogin(nonce, {
    name: request.name,
    peerId: peerIdToBytes(request.peerId),
    addrs: addrsToBytes(request.addrs),
    agent: request.agent,
    padding: new Uint8Array(0)
  })
  const socket = createSocket({ type: target.host.includes(':') ? 'udp6' : 'udp4' })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(0, () => { socket.off('error', reject); resolve() })
    })
    if (target.broadcast === true) socket.setBroadcast(true)
    return await new Promise<Accepted>((resolve, reject) => {
      let sent = 0
      let timer: NodeJS.Timeout | undefined
      const finish = (fn: () => void): void => {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        fn()
      }
      const onAbort = (): void => { finish(() => { reject(options.signal?.reason) }) }
      options.signal?.addEventListener('abort', onAbort, { once: true })
      const send = (): void => {
        if (sent === attempts) {
          finish(() => { reject(new LoginTimeoutError(`no index server answered at ${target.host}:${target.port} (${attempts} tries)`)) })
          return
        }
        sent++
        const hosts = target.broadcast === true ? broadcastAddresses() : [target.host]
        let failures = 0
        for (const host of hosts) {
          socket.send(datagram, target.port, host, (err) => {
            // one unreachable broadcast address is no failure while another may answer
            if (err != null && ++failures === hosts.length) finish(() => { reject(err) })
          })
        }
        timer = setTimeout(send, timeout)
      }
      socket.on('message', (msg, rinfo) => {
        let reply
        try {
          reply = decodeDatagram(msg)
        } catch {
          return
        }
        if (!equal(reply.nonce, nonce)) return
        const { accept, reject: refused } = reply.datagram
        if (refused != null) {
          finish(() => { reject(new LoginRejectedError(refused.reason, refused.message)) })
        } else if (accept != null) {
          let indexPeerId: PeerId
          try {
            indexPeerId = peerIdFromBytes(accept.indexPeerId)
          } catch {
            return
          }
          if (options.expectIndex != null && !indexPeerId.equals(options.expectIndex)) {
            options.onOtherIndex?.(indexPeerId, { address: rinfo.address, port: rinfo.port })
            return
          }
          const advertised = addrsFromBytes(accept.indexAddrs)
          finish(() => {
            resolve({ indexPeerId, dialAddrs: dialOrder(rinfo.address, advertised), heartbeatMs: accept.heartbeatMs, from: { address: rinfo.address, port: rinfo.port } })
          })
        }
      })
      send()
    })
  } catch (err: any) {
    if (err?.name === 'UnsupportedVersionError') throw new LoginRejectedError(RejectReason.UNSUPPORTED_VERSION, err.message)
    throw err
  } finally {
    socket.close()
  }
}

/** The host that answered, with each advertised TCP port, comes first: it is reachable by definition. */
function dialOrder (host: string, advertised: Multiaddr[]): Multiaddr[] {
  const out: Multiaddr[] = []
  const family = host.includes(':') ? 'ip6' : 'ip4'
  for (const a of advertised) {
    const port = a.getComponents().find(c => c.name === 'tcp')?.value
    if (port == null) continue
    const direct = multiaddr(`/${family}/${host}/tcp/${port}`)
    if (!out.some(x => x.equals(direct))) out.push(direct)
  }
  for (const a of advertised) if (!out.some(x => x.equals(a))) out.push(a)
  return out
}

export interface LogoutRequest {
  name: string
  privateKey: PrivateKey
  indexPeerId: PeerId
  /** strictly increasing per key; a wall-clock value kept above the last one works */
  counter: number
}

/** Sends a signed LOGOUT (fire and forget: the index answers nothing). */
export async function udpLogout (target: UdpTarget, request: LogoutRequest): Promise<void> {
  const peerId = peerIdToBytes(peerIdFromKey(request.privateKey))
  const claim = { name: request.name, peerId, indexPeerId: peerIdToBytes(request.indexPeerId), counter: request.counter }
  const signature = await request.privateKey.sign(logoutSigningBytes(claim))
  const bytes = encodeDatagram(newNonce(), { logout: { ...claim, signature: signature as Uint8Array<ArrayBuffer> } })
  const socket = createSocket({ type: target.host.includes(':') ? 'udp6' : 'udp4' })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.send(bytes, target.port, target.host, (err) => { err == null ? resolve() : reject(err) })
    })
  } finally {
    socket.close()
  }
}

function peerIdFromKey (key: PrivateKey): PeerId {
  return peerIdFromPublicKey(key.publicKey)
}
function equal (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
