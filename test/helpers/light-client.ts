/**
 * A light lanchat client in the test process: a real libp2p node (TCP, Noise,
 * yamux, identify, ping) on 127.0.0.1 that logs in over UDP and holds an index
 * session, recording every delta it hears.
 */
import { EventEmitter } from 'node:events'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { Status } from '../../protocols/directory/pb/directory.js'
import { udpLogin } from '../../node/services/index-client/udp-login.js'
import { IndexSession } from '../../node/services/index-client/session.js'
import type { Accepted } from '../../node/services/index-client/udp-login.js'
import type { IndexProcess } from './index-process.js'
import type { Left, StatusChanged, User } from '../../protocols/directory/pb/directory.js'
import type { Libp2p, PrivateKey } from '@libp2p/interface'

export interface Delta {
  kind: 'joined' | 'left' | 'status' | 'pending'
  name: string
  at: number
  frame: User | Left | StatusChanged | number
  /** the session's directory version once this delta was applied */
  version: number
}

export class LightClient extends EventEmitter<{ delta: [Delta] }> {
  readonly name: string
  readonly node: Libp2p
  readonly key: PrivateKey
  readonly deltas: Delta[] = []
  session?: IndexSession
  accepted?: Accepted

  constructor (name: string, node: Libp2p, key: PrivateKey) {
    super()
    this.name = name
    this.node = node
    this.key = key
  }

  static async create (name: string, key?: PrivateKey): Promise<LightClient> {
    const privateKey = key ?? await generateKeyPair('Ed25519')
    const node = await createLibp2p({
      privateKey,
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { identify: identify(), ping: ping() }
    })
    return new LightClient(name, node, privateKey)
  }

  /** UDP LOGIN, then the index session; resolves with the snapshot. */
  async login (index: Pick<IndexProcess, 'host' | 'udpPort'>, status = Status.ONLINE, statusText = ''): Promise<User[]> {
    this.accepted = await udpLogin({ host: index.host, port: index.udpPort }, { name: this.name, peerId: this.node.peerId, addrs: this.node.getMultiaddrs(), agent: 'lanchat-test' })
    const session = new IndexSession(this.accepted.indexPeerId)
    this.session = session
    const record = (kind: Delta['kind'], name: string, frame: Delta['frame']): void => {
      const delta = { kind, name, at: Date.now(), frame, version: session.version }
      this.deltas.push(delta)
      this.emit('delta', delta)
    }
    session.on('joined', (u) => { record('joined', u.name, u) })
    session.on('left', (l) => { record('left', l.name, l) })
    session.on('status', (s) => { record('status', s.name, s) })
    session.on('pending', (n) => { record('pending', this.name, n) })
    await session.open(this.node, this.accepted.dialAddrs, {
      name: this.name, addrs: this.node.getMultiaddrs().map(a => a.bytes as Uint8Array<ArrayBuffer>), status, statusText, agent: 'lanchat-test'
    }, { signal: AbortSignal.timeout(10_000) })
    return session.snapshot
  }

  async stop (): Promise<void> {
    await this.node.stop()
  }
}
