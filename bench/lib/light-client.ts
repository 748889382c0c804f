/**
 * A light lanchat client for the benchmark: a bare libp2p node (lanchat's
 * stack) on its own loopback address that logs in over UDP and holds an
 * index session, timestamping every delta it hears with performance.now().
 * Many of them share the benchmark process, each looking like its own host.
 */
import { Status } from '../../protocols/directory/pb/directory.js'
import { IndexSession } from '../../node/services/index-client/session.js'
import { udpLogin } from '../../node/services/index-client/udp-login.js'
import { peerIdFromBytes } from '../../protocols/shared/peer-ids.js'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createBenchNode, loopbackHost } from './node.js'
import type { BenchNode } from './node.js'
import type { User } from '../../protocols/directory/pb/directory.js'
import type { PrivateKey } from '@libp2p/interface'

export interface IndexAddress { host: string, udpPort: number }

export class BenchClient {
  readonly name: string
  readonly node: BenchNode
  readonly key: PrivateKey
  session?: IndexSession
  /** name -> when this client heard that name join / leave (performance.now()) */
  readonly joinedAt = new Map<string, number>()
  readonly leftAt = new Map<string, number>()
  /** PeerId -> the user as the index last listed it (snapshot and joins): who is registered and online */
  readonly users = new Map<string, User>()
  private readonly waiters = new Set<() => void>()

  private constructor (name: string, node: BenchNode, key: PrivateKey) {
    this.name = name
    this.node = node
    this.key = key
  }

  /** `n` picks its loopback address (127.1.x.y). */
  static async create (name: string, n: number, gossip = false): Promise<BenchClient> {
    const key = await generateKeyPair('Ed25519')
    return new BenchClient(name, await createBenchNode({ host: loopbackHost(n), privateKey: key, gossip }), key)
  }

  /** UDP LOGIN, then the index session (resolves with the snapshot in). */
  async login (index: IndexAddress, timeoutMs = 20_000): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs)
    const addrs = this.node.getMultiaddrs()
    const accepted = await udpLogin({ host: index.host, port: index.udpPort }, { name: this.name, peerId: this.node.peerId, addrs, agent: 'lanchat-bench' }, { signal })
    const session = new IndexSession(accepted.indexPeerId)
    session.on('snapshot', (users) => { for (const u of users) this.users.set(peerIdFromBytes(u.peerId).toString(), u) })
    session.on('joined', (u) => { this.joinedAt.set(u.name, performance.now()); this.users.set(peerIdFromBytes(u.peerId).toString(), u); this.wake() })
    session.on('left', (l) => { this.leftAt.set(l.name, performance.now()); this.wake() })
    await session.open(this.node, accepted.dialAddrs, {
      name: this.name, addrs: addrs.map(a => a.bytes as Uint8Array<ArrayBuffer>), status: Status.ONLINE, statusText: '', agent: 'lanchat-bench'
    }, { signal })
    this.session = session
  }

  async logout (): Promise<void> {
    await this.session?.logout({ signal: AbortSignal.timeout(5_000) })
    this.session = undefined
  }

  /** Resolves once `check()` holds (re-checked at every delta), or after `ms`. */
  async until (check: () => boolean, ms: number): Promise<boolean> {
    if (check()) return true
    return await new Promise<boolean>(resolve => {
      const done = (ok: boolean): void => {
        clearTimeout(timer)
        this.waiters.delete(wake)
        resolve(ok)
      }
      const wake = (): void => { if (check()) done(true) }
      const timer = setTimeout(() => { done(check()) }, ms)
      this.waiters.add(wake)
    })
  }

  private wake (): void {
    for (const w of [...this.waiters]) w()
  }

  async stop (): Promise<void> {
    await this.node.stop()
  }
}

/** Creates `count` clients named `${prefix}${i}`, from loopback host `first + i` on. */
export async function createClients (prefix: string, count: number, first: number, gossip = false): Promise<BenchClient[]> {
  const out: BenchClient[] = []
  for (let i = 0; i < count; i += 50) {
    out.push(...await Promise.all(Array.from({ length: Math.min(50, count - i) }, async (_, j) => await BenchClient.create(`${prefix}${i + j}`, first + i + j, gossip))))
  }
  return out
}

/** Stops every client, 50 at a time. */
export async function stopClients (clients: BenchClient[]): Promise<void> {
  for (let i = 0; i < clients.length; i += 50) {
    await Promise.all(clients.slice(i, i + 50).map(async c => { await c.stop().catch(() => {}) }))
  }
}
